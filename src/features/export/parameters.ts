/**
 * An export's query string, checked before anything streams: the same filters as the list
 * queries (EntityFilter, asOf), given one by one (`?type=Agency&country=AF&text=asan`) or as
 * one JSON EntityFilter (`?filter={"related":[...]}`), coerced against the schema's own input
 * type and then checked by the same argument checks a list query's filter gets. Anything
 * unknown, repeated or malformed is an InvalidArgumentError naming the parameter (400,
 * BAD_USER_INPUT).
 */
import { coerceInputValue, isInputType, type GraphQLSchema } from 'graphql';
import {
  dateArgument,
  entityFilterArgument,
  languageArgument,
  sinceArgument,
  type EntityFilterArgument,
} from '../../core/graphql/arguments';
import type { EntityFilter } from '../../core/cypher/filters';
import { InvalidArgumentError } from '../../core/errors';
import { entitySpec, entityTypeNames, isEntityTypeName, typeOfEnumValue, type EntityTypeName } from '../../core/model/registry';

/** Which entities a graph export holds: what a list query with these arguments lists, for each of `types`. */
export interface ExportSelection {
  /** Null: every entity type. */
  types: EntityTypeName[] | null;
  filter: EntityFilter;
  /** A partial date: entities that existed then and relations valid then (a list query's asOf). */
  asOf: string | null;
  /** The language of the quote translations and names exports add beside the originals (ISO 639-1); default "en". */
  language: string;
}

/** What the audit trail's export holds: Query.changes' arguments. */
export interface ChangeSelection {
  entity: string | null;
  by: string | null;
  since: string | null;
}

/** The EntityFilter fields that may be given as parameters of their own (`related` needs `filter=`). */
const filterFields = ['country', 'kind', 'from', 'to', 'text', 'idPrefix'] as const;
const graphParameters = new Set<string>(['type', 'filter', 'asOf', 'lang', ...filterFields]);
const changeParameters = new Set(['entity', 'by', 'since']);

/** The value of a parameter given at most once; null when absent. */
function single(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new InvalidArgumentError(name, 'given at most once (a list is comma-separated: kind=MOU,AGREEMENT)', values);
  return values[0] ?? null;
}

function refuseUnknown(query: URLSearchParams, known: ReadonlySet<string>): void {
  for (const name of new Set(query.keys())) {
    if (!known.has(name))
      throw new InvalidArgumentError(name, `one of this export's parameters (${[...known].join(', ')}): it has no other`, query.get(name));
  }
}

const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/** `type=Agency,MEMORANDUM`: type names or EntityType values. */
function typesParameter(value: string | null): EntityTypeName[] | null {
  if (value === null) return null;
  const types = commaList(value).map((name) => {
    const type = isEntityTypeName(name) ? name : typeOfEnumValue(name);
    if (!type)
      throw new InvalidArgumentError(
        'type',
        `entity types, comma-separated: ${entityTypeNames.join(', ')} (or their EntityType values, e.g. AGENCY)`,
        name,
      );
    return type;
  });
  if (types.length === 0) throw new InvalidArgumentError('type', 'at least one entity type', value);
  return [...new Set(types)];
}

/** `filter=<JSON>` coerced as GraphQL coerces a variable of type EntityFilter: unknown fields, wrong types and enum values are refused alike. */
function jsonFilter(schema: GraphQLSchema, text: string): EntityFilterArgument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('filter', 'an EntityFilter as JSON, e.g. {"country":"AF","kind":["MOU"]}', text.slice(0, 200));
  }
  const type = schema.getType('EntityFilter');
  if (!type || !isInputType(type)) throw new Error('the schema has no EntityFilter input');
  return coerceInputValue(value, type, (path, invalid, error) => {
    const where = ['filter', ...path].join('.').replace(/\.(\d+)/g, '[$1]');
    throw new InvalidArgumentError(where, `a valid EntityFilter value (${error.message.replace(/\.$/, '')})`, invalid);
  }) as EntityFilterArgument;
}

/** The filter of a graph export: `filter=` JSON or the separate fields, never both. */
function filterOf(schema: GraphQLSchema, query: URLSearchParams): EntityFilterArgument {
  const json = single(query, 'filter');
  const separate = filterFields.filter((field) => query.has(field));
  if (json !== null) {
    if (separate.length > 0)
      throw new InvalidArgumentError(separate[0]!, 'given inside filter= when filter= is used (not both)', query.get(separate[0]!));
    return jsonFilter(schema, json);
  }
  const value = (field: (typeof filterFields)[number]) => single(query, field);
  const kind = value('kind');
  return {
    country: value('country'),
    kind: kind === null ? null : commaList(kind),
    from: value('from'),
    to: value('to'),
    text: value('text'),
    idPrefix: value('idPrefix'),
  };
}

/** Separate parameters are named by themselves (`country`, `kind[0]`), not as a GraphQL path below a filter (`.country`). */
function parameterNamed<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidArgumentError && error.argument.startsWith('.'))
      throw new InvalidArgumentError(error.argument.slice(1), error.expected, error.received);
    throw error;
  }
}

/** The kinds a filter's own `kind` may take: those of the selected types (all types' when none is named). */
function kindsOf(types: readonly EntityTypeName[] | null): ReadonlySet<string> {
  return new Set((types ?? entityTypeNames).flatMap((type) => entitySpec(type).kinds ?? []));
}

/** Checks a graph export's parameters; throws InvalidArgumentError naming the first bad one. */
export function graphSelection(schema: GraphQLSchema, query: URLSearchParams): ExportSelection {
  refuseUnknown(query, graphParameters);
  const types = typesParameter(single(query, 'type'));
  const filterArgument = filterOf(schema, query);
  const filter = query.has('filter')
    ? entityFilterArgument(filterArgument, 'filter', 0, kindsOf(types))
    : parameterNamed(() => entityFilterArgument(filterArgument, '', 0, kindsOf(types)));
  return {
    types,
    filter,
    asOf: dateArgument('asOf', single(query, 'asOf')),
    language: languageArgument('lang', single(query, 'lang')) ?? 'en',
  };
}

/** Checks the audit trail export's parameters (Query.changes' entity, by, since). */
export function changeSelection(query: URLSearchParams): ChangeSelection {
  refuseUnknown(query, changeParameters);
  return { entity: single(query, 'entity'), by: single(query, 'by'), since: sinceArgument('since', single(query, 'since')) };
}

/** True when the selection narrows the graph: a filtered export's sources are those its entities mention. */
export function isFiltered(selection: ExportSelection): boolean {
  const { filter } = selection;
  return (
    selection.types !== null ||
    selection.asOf !== null ||
    Boolean(filter.country || filter.kind?.length || filter.from || filter.to || filter.text || filter.idPrefix || filter.related?.length)
  );
}
