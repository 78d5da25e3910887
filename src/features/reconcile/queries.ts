/**
 * A reconciliation query batch (Reconciliation Service API 0.2, section "Reconciliation queries")
 * read from what a client sent: `queries=` in the query string or a form body, a JSON object of
 * named queries. Everything is checked before any statement runs; a malformed batch is refused
 * whole with HTTP 400 naming the query and field (InvalidArgumentError: BAD_USER_INPUT), a batch
 * over `maxBatchSize` with 413, as the spec allows for batches larger than the manifest's
 * batchSize.
 */
import { HttpRefusal } from '../../core/http/refusal';
import { excerpt, InvalidArgumentError } from '../../core/errors';
import { entityTypeNames, isEntityTypeName, type EntityTypeName } from '../../core/model/registry';

/** Most queries in one batch (the manifest's batchSize). */
export const maxBatchSize = 100;
/** Most candidates one query may ask for. */
export const maxLimit = 25;
/** Candidates a query gets when it names no limit. */
export const defaultLimit = 5;
/** Longest name a query may send: search's own bound (features/search). */
export const maxQueryLength = 200;
/** Most values one property constraint may hold. */
export const maxPropertyValues = 10;

/** The properties a query may constrain candidates by (the manifest's suggest/property lists them). */
export const reconcileProperties = [
  {
    id: 'country',
    name: 'Country',
    description:
      'ISO 3166 alpha-2 or alpha-3 code, or a country name in any script: candidates of that country (based, located, party, recipient or represented there) rank first.',
  },
] as const;
export type ReconcilePropertyId = (typeof reconcileProperties)[number]['id'];

/** One query of a batch, checked. */
export interface ReconcileQuery {
  /** The key the client gave it (q0, q1...): its result is answered under the same key. */
  key: string;
  /** The name to match; '' when the query only constrains properties (it then gets no candidates). */
  text: string;
  /** Candidate types; null: any. */
  types: EntityTypeName[] | null;
  limit: number;
  /** The raw values of the `country` constraint (codes, names or reconciled {id} values); [] when none. */
  countries: string[];
}

/** The `queries` parameter of a request (query string first, then a form or JSON body), or null when it has none. */
export function queriesParameter(url: URL, body: string | null, contentType: string | undefined): string | null {
  const fromUrl = url.searchParams.get('queries');
  if (fromUrl !== null) return fromUrl;
  if (body === null || body.trim() === '') return null;
  if ((contentType ?? '').includes('application/json')) return body;
  return new URLSearchParams(body).get('queries');
}

/** Reads and checks a batch; throws the refusal of a malformed one. */
export function parseBatch(text: string): ReconcileQuery[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('queries', 'a JSON object of named queries ({"q0": {"query": "ASAN xidmət"}})', excerpt(text));
  }
  if (!isPlainObject(parsed)) throw new InvalidArgumentError('queries', 'a JSON object of named queries, not an array or a value');
  const entries = Object.entries(parsed);
  if (entries.length > maxBatchSize)
    throw new HttpRefusal(
      413,
      'PAYLOAD_TOO_LARGE',
      `A batch holds at most ${maxBatchSize} queries (the manifest's batchSize); this one has ${entries.length}.`,
      {
        argument: 'queries',
        maximum: maxBatchSize,
        found: entries.length,
      },
    );
  return entries.map(([key, query]) => parseQuery(key, query));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const queryFields = new Set(['query', 'type', 'limit', 'properties', 'type_strict']);

function parseQuery(key: string, query: unknown): ReconcileQuery {
  const at = (field: string) => `queries.${key}${field ? `.${field}` : ''}`;
  if (!isPlainObject(query)) throw new InvalidArgumentError(at(''), 'an object with a "query" string');
  const unknown = Object.keys(query).find((field) => !queryFields.has(field));
  if (unknown !== undefined) throw new InvalidArgumentError(at(unknown), `absent: a query has only ${[...queryFields].join(', ')}`);
  if (query.query === undefined && query.properties === undefined)
    throw new InvalidArgumentError(at('query'), 'a name to match (or, without one, a non-empty "properties")');
  return {
    key,
    text: queryText(query.query, at('query')),
    types: parseTypes(query.type, at('type')),
    limit: queryLimit(query.limit, at('limit')),
    countries: queryCountries(query.properties, at('properties')),
  };
}

function queryText(value: unknown, at: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new InvalidArgumentError(at, 'a string', value);
  if (value.length > maxQueryLength) throw new InvalidArgumentError(at, `at most ${maxQueryLength} characters`, value.length);
  return value;
}

/** A type id or a list of them (registry type names: Agency, Person...); null for none. */
export function parseTypes(value: unknown, at: string): EntityTypeName[] | null {
  if (value === undefined || value === null) return null;
  const types = Array.isArray(value) ? value : [value];
  const expected = `a type id or a list of them: ${entityTypeNames.join(', ')}`;
  for (const type of types) if (typeof type !== 'string' || !isEntityTypeName(type)) throw new InvalidArgumentError(at, expected, type);
  return types.length === 0 ? null : [...new Set(types as EntityTypeName[])];
}

function queryLimit(value: unknown, at: string): number {
  if (value === undefined || value === null) return defaultLimit;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxLimit)
    throw new InvalidArgumentError(at, `a whole number from 1 to ${maxLimit}`, value);
  return value;
}

/** The `country` constraint's values; any other property is refused (it would be ignored unseen). */
function queryCountries(value: unknown, at: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) throw new InvalidArgumentError(at, 'a non-empty list of {"pid", "v"} objects');
  const known = reconcileProperties.map((property) => property.id);
  return value.flatMap((property: unknown, index) => {
    const here = `${at}.${index}`;
    if (!isPlainObject(property) || typeof property.pid !== 'string' || property.v === undefined)
      throw new InvalidArgumentError(here, 'an object with a "pid" string and a "v" value');
    if (!(known as readonly string[]).includes(property.pid))
      throw new InvalidArgumentError(`${here}.pid`, `one of the service's properties: ${known.join(', ')}`, property.pid);
    return propertyValues(property.v, `${here}.v`);
  });
}

/** A property's values as strings: each a string, or a previously reconciled {id} (country:AF). */
function propertyValues(value: unknown, at: string): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0 || values.length > maxPropertyValues)
    throw new InvalidArgumentError(at, `a value or a list of 1 to ${maxPropertyValues} values`);
  return values.map((item: unknown) => {
    if (typeof item === 'string' && item.trim() !== '' && item.length <= maxQueryLength) return item.trim();
    if (isPlainObject(item) && typeof item.id === 'string' && item.id.length <= maxQueryLength) return item.id;
    throw new InvalidArgumentError(at, `a country code or name (at most ${maxQueryLength} characters), or an {"id"} object`, item);
  });
}
