/**
 * The curation mutations' arguments checked against the model registry before any transaction
 * opens: which type `input` names, each value's kind, ids, dates, quantities. What only the
 * graph can answer (does the source exist, is the quote in its text, do the ends exist) is
 * checked in the transaction (repository.ts). Every refusal names its argument path.
 */
import { InvalidArgumentError } from '../../core/errors';
import { entityIdPattern, entitySpec, isSourceId, typeOfId, writableTypes, type EntityTypeName } from '../../core/model/registry';
import { parsePartialDate, type Qualifier } from '../../core/model/values';

/** The EntityInput field of a writable type: Agency is `agency`, ServiceCenter `serviceCenter`. */
export const inputFieldOf = (type: EntityTypeName): string => type[0]!.toLowerCase() + type.slice(1);

/** Fields every type's input has besides its attributes (registry.test.ts checks the SDL against both). */
export const commonInputFields = ['name', 'aliases', 'description'] as const;

/** What one mutation states about an entity, checked: attributes in the writer's shape (quantities as {value, qualifier, unit}). */
export interface EntityStatement {
  type: EntityTypeName;
  name: string | null;
  aliases: string[];
  description: string | null;
  attributes: Record<string, unknown>;
}

export interface CitationStatement {
  sourceId: string;
  quote: string | null;
  note: string | null;
}

export interface RelationStatement {
  from: string;
  to: string;
  role: string | null;
  start: string | null;
  end: string | null;
}

type Fields = Readonly<Record<string, unknown>>;

function text(value: unknown, argument: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidArgumentError(argument, 'a non-empty text', value);
  return value;
}

const optionalText = (value: unknown, argument: string): string | null =>
  value === undefined || value === null ? null : text(value, argument);

function partialDate(value: unknown, argument: string): string {
  if (typeof value !== 'string' || parsePartialDate(value) === null)
    throw new InvalidArgumentError(argument, 'a real date as YYYY, YYYY-MM or YYYY-MM-DD', value);
  return value;
}

const optionalDate = (value: unknown, argument: string): string | null =>
  value === undefined || value === null ? null : partialDate(value, argument);

function quantity(value: Fields, argument: string): { value: number; qualifier: Qualifier; unit?: string } {
  const amount = value.value;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
    throw new InvalidArgumentError(`${argument}.value`, 'a number of zero or more', amount);
  const unit = optionalText(value.unit, `${argument}.unit`);
  return { value: amount, qualifier: (value.qualifier as Qualifier | null | undefined) ?? 'EXACT', ...(unit === null ? {} : { unit }) };
}

function texts(value: unknown, argument: string): string[] {
  return (value as unknown[]).map((item, i) => text(item, `${argument}[${i}]`));
}

/** One attribute's value, checked against its value kind. */
function attributeValue(type: EntityTypeName, name: string, value: unknown, argument: string): unknown {
  const spec = entitySpec(type);
  switch (spec.attributes[name]!.kind) {
    case 'partialDate':
      return partialDate(value, argument);
    case 'quantity':
      return quantity(value as Fields, argument);
    case 'texts':
      return texts(value, argument);
    case 'kind':
      if (!spec.kinds?.includes(value as string))
        throw new InvalidArgumentError(argument, `a ${type}'s kind: one of ${spec.kinds?.join(', ')}`, value);
      return value;
    case 'text':
      return text(value, argument);
    case 'officialNames':
      throw new Error(`${type}.${name}: official names are not written through the API`);
  }
}

/** The one type `input` names, and its fields; BAD_USER_INPUT naming `input` unless exactly one is given. */
export function chosenInput(input: Fields): { type: EntityTypeName; fields: Fields; path: string } {
  const given = writableTypes.filter((type) => input[inputFieldOf(type)] !== undefined && input[inputFieldOf(type)] !== null);
  if (given.length !== 1)
    throw new InvalidArgumentError('input', `exactly one of ${writableTypes.map(inputFieldOf).join(', ')}`, given.map(inputFieldOf));
  const type = given[0]!;
  return { type, fields: input[inputFieldOf(type)] as Fields, path: `input.${inputFieldOf(type)}` };
}

/** What `input` states, checked; `creating` requires a name and the type's required attributes. */
export function entityStatement(input: Fields, creating: boolean): EntityStatement {
  const { type, fields, path } = chosenInput(input);
  const attributes: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(entitySpec(type).attributes)) {
    const value = fields[name];
    if (value !== undefined && value !== null) attributes[name] = attributeValue(type, name, value, `${path}.${name}`);
    else if (creating && spec.required) throw new InvalidArgumentError(`${path}.${name}`, `a value: every ${type} has a ${name}`, null);
  }
  const name = optionalText(fields.name, `${path}.name`);
  if (creating && name === null) throw new InvalidArgumentError(`${path}.name`, `a non-empty text: a new ${type} needs a name`, null);
  return {
    type,
    name,
    aliases: fields.aliases === undefined || fields.aliases === null ? [] : texts(fields.aliases, `${path}.aliases`),
    description: optionalText(fields.description, `${path}.description`),
    attributes,
  };
}

/** An entity id as stored ids read; with `type`, one of that type's. */
export function entityId(id: string, argument: string, type?: EntityTypeName): string {
  if (!entityIdPattern.test(id) || typeOfId(id) === null)
    throw new InvalidArgumentError(argument, 'an entity id: <type prefix>:<letters, digits, ".", "_" or "-">, e.g. agency:asan-xidmet', id);
  if (type && typeOfId(id) !== type)
    throw new InvalidArgumentError(argument, `the id of a ${type}: ${entitySpec(type).idPrefix}:<slug>`, id);
  return id;
}

export function citationStatement(citation: { source: string; quote?: string | null; note?: string | null }): CitationStatement {
  if (!isSourceId(citation.source) || !entityIdPattern.test(citation.source))
    throw new InvalidArgumentError('citation.source', 'a source document id: source:<slug>', citation.source);
  return {
    sourceId: citation.source,
    quote: optionalText(citation.quote, 'citation.quote'),
    note: optionalText(citation.note, 'citation.note'),
  };
}

export function relationStatement(args: {
  from: string;
  to: string;
  role?: string | null;
  start?: string | null;
  end?: string | null;
}): RelationStatement {
  const start = optionalDate(args.start, 'start');
  const end = optionalDate(args.end, 'end');
  if (start !== null && end !== null && end < start) throw new InvalidArgumentError('end', `a date not before start (${start})`, end);
  return { from: entityId(args.from, 'from'), to: entityId(args.to, 'to'), role: optionalText(args.role, 'role'), start, end };
}

export function idempotencyKeyOf(key: string | null | undefined): string | null {
  if (key === undefined || key === null) return null;
  if (key.length === 0 || key.length > 200)
    throw new InvalidArgumentError('idempotencyKey', 'a text of 1 to 200 characters', key.length === 0 ? key : `${key.length} characters`);
  return key;
}
