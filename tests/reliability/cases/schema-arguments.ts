/**
 * Every String, ID or JSON argument a client can send, found by walking the schema the server
 * serves (schema/*.graphql, read as the server reads it): root Query and Mutation fields, fields
 * of the types below them, and the fields of input objects (a filter's `country`, a nested
 * relation filter's `where.from`). For each one: a document that sends `$v` there, and what the
 * API answers when the value means nothing at that place. The corpus sends no token, so every
 * mutation argument is answered UNAUTHENTICATED (401) before its value is looked at.
 *
 * A new argument is covered without anyone listing it. An argument this file cannot classify,
 * or a type it cannot reach, stops the suite at collection time with a message saying what to
 * add, rather than being silently left out.
 */
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
} from 'graphql';
import { loadTypeDefs } from '../../../src/app/schema';
import { entitySpec, entityTypeNames } from '../../../src/core/model/registry';

/** What a string means where it is sent; it decides what a meaningless value gets. */
export type Role = 'free text' | 'entity id' | 'date' | 'cursor' | 'country code' | 'kind' | 'language' | 'bundle';

/**
 * String arguments by name. ID arguments are always entity ids, whatever their name (paths'
 * `from` is an id, a filter's `from` a date).
 */
const rolesByName: Readonly<Record<string, Role>> = {
  query: 'free text',
  text: 'free text',
  idPrefix: 'free text',
  // A metric that names nothing has no quantities: an empty list, not an error.
  metric: 'free text',
  asOf: 'date',
  from: 'date',
  to: 'date',
  after: 'cursor',
  before: 'cursor',
  country: 'country code',
  code: 'country code',
  kind: 'kind',
  lang: 'language',
  // JSON: importBundle's source bundle.
  bundle: 'bundle',
  // The audit trail's writer and time.
  by: 'free text',
  since: 'date',
  // Why a write was made (retraction, merge, createEntity...: Mutation fields, refused before it
  // is read without a token). createEntity, updateEntity, addRelation: what is stated
  // (EntityInput's fields, QuantityInput's unit), the citation's quote and note, the idempotency
  // key, a relation's role and validity.
  name: 'free text',
  aliases: 'free text',
  description: 'free text',
  city: 'free text',
  topics: 'free text',
  unit: 'free text',
  quote: 'free text',
  note: 'free text',
  reason: 'free text',
  idempotencyKey: 'free text',
  role: 'free text',
  signed: 'date',
  opened: 'date',
  date: 'date',
  start: 'date',
  end: 'date',
  // draftBundle: the document's address and publication date (its text is free text).
  url: 'free text',
  published: 'date',
};

/**
 * Arguments whose role their name does not say, by place. The audit trail keeps the changes of
 * entities that no longer exist (merged, retracted), so an id naming nothing is a question with
 * an empty answer there, not NOT_FOUND.
 */
const rolesByPlace: Readonly<Record<string, Role>> = {
  'Query.changes(entity)': 'free text',
};

/**
 * A value of each role the server accepts (or, for a cursor, one shaped like its own): for
 * required arguments beside the one under test, and for payloads that start valid.
 */
export const acceptedValues: Readonly<Record<Role, string>> = {
  'free text': 'asan',
  'entity id': 'agency:asan-xidmet',
  date: '2016',
  cursor: 'WyJhc2FuIiwiYWdlbmN5OmFzYW4teGlkbWV0Il0.c2lnbmF0dXJl',
  'country code': 'AZ',
  kind: 'MOU',
  language: 'en',
  bundle: '{}',
};

/**
 * Where a field of a type other than Query is reached from: `entity(id:)` on a seed entity of that
 * type. Interface fields (Entity.relations) are sent once, through the interface.
 */
const hostIds: Readonly<Record<string, string>> = {
  Entity: 'agency:asan-xidmet',
  Agency: 'agency:asan-xidmet',
  Country: 'country:AZ',
  Person: 'person:ulvi-mehdiyev',
};

/** Where a field of an object that is no entity is reached from: a path below a seed entity. */
const hostPaths: Readonly<Record<string, (inner: string) => string>> = {
  Citation: (inner) => `entity(id: "agency:asan-xidmet") { citations { ${inner} } }`,
  // A list connection's analytics (groupBy's after): below the type's list query.
  ...Object.fromEntries(
    entityTypeNames.map((type) => [`${type}Connection`, (inner: string) => `${entitySpec(type).listField}(first: 1) { ${inner} }`]),
  ),
};

/**
 * Outcomes a place's role does not say. commonConnections takes 2 to 10 ids: the one id the
 * corpus sends is refused as too few (BAD_USER_INPUT naming \`entities\`) before it is looked up
 * (an unknown id among enough of them is NOT_FOUND: tests/integration/analytics.test.ts).
 */
const outcomesByPlace: Readonly<Record<string, Outcome>> = {
  'Query.commonConnections(entities)': 'bad argument',
  // draftBundle needs the editor role: the corpus sends no token, so it is refused before any argument is read.
  'Query.draftBundle(text)': 'unauthenticated',
  'Query.draftBundle(url)': 'unauthenticated',
  'Query.draftBundle(published)': 'unauthenticated',
  // The corpus's values are malformed ids and codes (quotes, spaces, operators): refused naming
  // the expected form; a well-formed unknown one is still null (tests/integration/seed.test.ts).
  'Query.entity(id)': 'bad argument',
  'Query.node(id)': 'bad argument',
  'Query.source(id)': 'bad argument',
  'Query.country(code)': 'bad argument',
};

/** What the API answers for a value that names nothing at this argument. */
export type Outcome = 'bad argument' | 'not found' | 'null' | 'answered' | 'unauthenticated';

export interface StringArgument {
  /** Readable place, e.g. `agencies(filter.related[0].where.country)` or `Country.partners(after)`. */
  label: string;
  role: Role;
  /** The whole document; it declares `$v` and sends it to this argument. */
  query: string;
  /** The variable's value for a string (a one-element list for a list argument). */
  wrap: (value: string) => unknown;
  /** What the server names in extensions.argument, e.g. `filter.kind[0]`. */
  argumentPath: string;
  outcome: Outcome;
  /** The root field of the response: where data is null when the argument is refused. */
  rootField: string;
  /** The root field's selection reads totalCount (so a test can tell that nothing matched). */
  counted: boolean;
}

const isStringLike = (type: GraphQLNamedType): boolean =>
  isScalarType(type) && (type.name === 'String' || type.name === 'ID' || type.name === 'JSON');

function roleOf(place: string, name: string, type: GraphQLNamedType): Role {
  if (rolesByPlace[place]) return rolesByPlace[place];
  if (type.name === 'ID') return 'entity id';
  const role = rolesByName[name];
  if (!role)
    throw new Error(
      `${place} is a ${type.name} argument no role covers: add "${name}" to rolesByName in tests/reliability/cases/schema-arguments.ts`,
    );
  return role;
}

/**
 * A lookup (`entity(id:)`, `source(id:)`, `country(code:)`) returns a nullable single object: a
 * value naming nothing is null there, and NOT_FOUND or BAD_USER_INPUT anywhere else (README:
 * "unknown ids give NOT_FOUND with the id (entity and node just return null)").
 */
function outcomeOf(role: Role, field: GraphQLField<unknown, unknown>, owner: string, path: string): Outcome {
  const placed = outcomesByPlace[`${owner}.${field.name}(${path})`];
  if (placed) return placed;
  if (owner === 'Mutation') return 'unauthenticated';
  const isLookup = !isNonNullType(field.type) && !isListType(field.type) && (isObjectType(field.type) || isInterfaceType(field.type));
  if (role === 'free text') return 'answered';
  if (isLookup && (role === 'entity id' || role === 'country code')) return 'null';
  return role === 'entity id' ? 'not found' : 'bad argument';
}

/** Required arguments a single accepted value cannot fill: commonConnections needs two entities at least. */
const fillersByPlace: Readonly<Record<string, string>> = {
  'commonConnections.entities': '["agency:asan-xidmet", "agency:un-desa"]',
};

/** A literal for a required argument or input field beside the one under test. */
function filler(place: string, name: string, type: GraphQLInputType): string {
  const placed = fillersByPlace[`${place}.${name}`];
  if (placed) return placed;
  const named = getNamedType(type);
  const list = isListType(getNullableType(type));
  let value: string;
  if (isEnumType(named)) value = named.getValues()[0]!.name;
  else if (isScalarType(named) && named.name === 'JSON') value = acceptedValues.bundle;
  else if (isStringLike(named)) value = JSON.stringify(acceptedValues[roleOf(place, name, named)]);
  else if (isScalarType(named) && (named.name === 'Int' || named.name === 'Float')) value = '1';
  else if (isInputObjectType(named)) value = `{ ${requiredFillers(named, null)} }`;
  else
    throw new Error(
      `${place}.${name} is required and no filler exists for ${String(type)}: add one in tests/reliability/cases/schema-arguments.ts`,
    );
  return list ? `[${value}]` : value;
}

/** `name: value` for every required input field or argument except `except`. */
function requiredFillers(owner: GraphQLInputObjectType | GraphQLField<unknown, unknown>, except: string | null): string {
  const members: readonly (GraphQLInputField | GraphQLArgument)[] = 'getFields' in owner ? Object.values(owner.getFields()) : owner.args;
  return members
    .filter((member) => member.name !== except && isNonNullType(member.type) && member.defaultValue === undefined)
    .map((member) => `${member.name}: ${filler(owner.name, member.name, member.type)}`)
    .join(', ');
}

/** A place inside an argument's value where `$v` can go. */
interface Slot {
  /** The argument's literal with `$v` inside it. */
  literal: string;
  path: string;
  name: string;
  type: GraphQLInputType;
}

/**
 * Slots inside an input object, nested input objects included. A recursive input type
 * (EntityFilter -> RelationFilter -> EntityFilter) is entered twice on one path, so the nested
 * form of each field (`related[0].where.country`, checked by its own code path) is covered too.
 */
function* inputSlots(type: GraphQLInputObjectType, path: string, visited: readonly string[]): Generator<Slot> {
  if (visited.filter((name) => name === type.name).length >= 2) return;
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const list = isListType(getNullableType(field.type));
    const here = `${path}.${field.name}`;
    const rest = requiredFillers(type, field.name);
    const wrap = (inner: string) => `{ ${field.name}: ${inner}${rest ? `, ${rest}` : ''} }`;
    // A string leaf takes `$v` as declared (a list variable for a list field); an input object is written inline.
    if (isStringLike(named)) yield { literal: wrap('$v'), path: here, name: field.name, type: field.type };
    else if (isInputObjectType(named)) {
      for (const inner of inputSlots(named, list ? `${here}[0]` : here, [...visited, type.name]))
        yield { ...inner, literal: wrap(list ? `[${inner.literal}]` : inner.literal) };
    }
  }
}

/** Slots in a field's arguments: the argument itself, or places inside an input object argument. */
function* argumentSlots(field: GraphQLField<unknown, unknown>): Generator<Slot> {
  for (const arg of field.args) {
    const named = getNamedType(arg.type);
    if (isStringLike(named)) yield { literal: '$v', path: arg.name, name: arg.name, type: arg.type };
    else if (isInputObjectType(named)) yield* inputSlots(named, arg.name, []);
  }
}

/** A small selection that makes the field's resolver run and read a page: a few scalars, edges' cursors. */
function selectionFor(type: GraphQLNamedType, depth = 0): string {
  if (!(isObjectType(type) || isInterfaceType(type))) return '';
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type)));
  const scalars = fields
    .filter((field) => !isObjectType(getNamedType(field.type)) && !isInterfaceType(getNamedType(field.type)))
    .slice(0, 3);
  const parts = scalars.map((field) => field.name);
  const edges = type.getFields().edges;
  const edge = edges ? getNamedType(edges.type) : undefined;
  if (edge && isObjectType(edge) && 'cursor' in edge.getFields()) parts.push('edges { cursor }');
  if (parts.length === 0 && depth < 2) {
    const first = fields[0]!;
    parts.push(`${first.name} ${selectionFor(getNamedType(first.type), depth + 1)}`);
  }
  return `{ __typename ${parts.join(' ')} }`;
}

/** The path the server names for a list slot: its first element (`filter.kind[0]`). */
const argumentPathOf = (slot: Slot) => (isListType(getNullableType(slot.type)) ? `${slot.path}[0]` : slot.path);

function stringArgumentsOf(
  field: GraphQLField<unknown, unknown>,
  owner: string,
  host: (inner: string) => string,
  rootField: string,
): StringArgument[] {
  return [...argumentSlots(field)].map((slot) => {
    const role = roleOf(`${owner}.${field.name}(${slot.path})`, slot.name, getNamedType(slot.type));
    const argument = slot.path.split('.')[0]!;
    const others = requiredFillers(field, argument);
    const args = `${argument}: ${slot.literal}${others ? `, ${others}` : ''}`;
    const list = isListType(getNullableType(slot.type));
    const returned = getNamedType(field.type);
    const selection = selectionFor(returned);
    const isRoot = owner === 'Query' || owner === 'Mutation';
    return {
      label: owner === 'Query' ? `${field.name}(${slot.path})` : `${owner}.${field.name}(${slot.path})`,
      role,
      query: `${owner === 'Mutation' ? 'mutation' : 'query'}($v: ${String(slot.type)}) { ${host(`${field.name}(${args}) ${selection}`)} }`,
      wrap: (value: string) => (list ? [value] : value),
      // A place refused as a whole list (too few ids) names the list, not its first element.
      argumentPath: outcomesByPlace[`${owner}.${field.name}(${slot.path})`] ? slot.path : argumentPathOf(slot),
      outcome: outcomeOf(role, field, owner, slot.path),
      rootField,
      // A connection's only scalar is totalCount, so selectionFor always selects it.
      counted: isRoot && isObjectType(returned) && 'totalCount' in returned.getFields(),
    };
  });
}

/** Fields a type declares itself; those it has from an interface are sent through the interface. */
function ownFields(type: GraphQLObjectType | GraphQLInterfaceType): GraphQLField<unknown, unknown>[] {
  const inherited = new Set(type.getInterfaces().flatMap((face) => Object.keys(face.getFields())));
  return Object.values(type.getFields()).filter((field) => !inherited.has(field.name));
}

/** Every String, ID and JSON argument of the served schema, with how to reach it. */
export function stringArguments(): StringArgument[] {
  const schema = buildSchema(loadTypeDefs());
  const found: StringArgument[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields()))
    found.push(...stringArgumentsOf(field, 'Query', (inner) => inner, field.name));
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {}))
    found.push(...stringArgumentsOf(field, 'Mutation', (inner) => inner, field.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith('__') ||
      type === schema.getQueryType() ||
      type === schema.getMutationType() ||
      !(isObjectType(type) || isInterfaceType(type))
    )
      continue;
    for (const field of ownFields(type)) {
      if (![...argumentSlots(field)].length) continue;
      const id = hostIds[type.name];
      const path = hostPaths[type.name];
      if (!id && !path)
        throw new Error(
          `${type.name}.${field.name} takes String or ID arguments but ${type.name} has no host: add a seed id of that type to hostIds, or a path to hostPaths, in tests/reliability/cases/schema-arguments.ts`,
        );
      const host =
        path ??
        ((inner: string) => `entity(id: ${JSON.stringify(id)}) { ${isInterfaceType(type) ? inner : `... on ${type.name} { ${inner} }`} }`);
      found.push(...stringArgumentsOf(field, type.name, host, 'entity'));
    }
  }
  return found;
}
