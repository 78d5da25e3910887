/**
 * What one bad-input case is: a raw HTTP request and the answer the API documents for it.
 *
 * Two kinds of answer exist, and each case names exactly one, so a case can only pass for the
 * reason it was written for:
 *
 * - `refused`: an HTTP status and the first error's `extensions.code` (plus, for argument
 *   errors, the argument it names). Statuses follow the README: 413 for a body over 1 MiB, 400
 *   for what is refused before execution (bodies that are not JSON, parse and validation
 *   errors, limits, variables that do not coerce). An argument refused while the operation runs
 *   (BAD_USER_INPUT from a resolver, NOT_FOUND) is part of a started execution, so GraphQL over
 *   HTTP answers it with 200 and `data` null at that field, as Apollo does.
 * - `answered`: input that is odd but harmless (an injection string in a search text): 200,
 *   data, no error at all, and optionally a check of the data (a Lucene wildcard matched nothing).
 *
 * Requests are built lazily from `Fixtures` because some cases need values only the running
 * server can give (a real cursor to edit or to use on another list).
 */

/** Values read from the running server before the corpus runs. */
export interface Fixtures {
  /** endCursor of `agencies(first: 1, filter: { country: "AZ" })`. */
  agencyCursor: string;
  /** endCursor of `country(code: "AZ") { partners(first: 1) }`. */
  partnersCursor: string;
  /** endCursor of `search(query: "asan", first: 1)`. */
  searchCursor: string;
  /** endCursor of `sources(first: 1)`. */
  sourcesCursor: string;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  /** Appended to the /graphql URL, e.g. `?query=...` for GET. */
  search?: string;
  body?: string | Buffer;
}

export interface Refusal {
  kind: 'refused';
  status: number;
  code: string;
  /** extensions.argument, for argument checks: which argument the server blames. */
  argument?: string;
  /** Refused by a resolver: the response still has `data`, null at the field. */
  duringExecution?: boolean;
  /** Another code that is as right, where which limit is met first depends on the machine (the parser's stack). */
  orCode?: string;
}

export interface NormalAnswer {
  kind: 'answered';
  check?: (data: Record<string, unknown>) => void;
}

export type Expected = Refusal | NormalAnswer;

export interface BadInputCase {
  /** Unique and readable: it is the test's name in the report. */
  name: string;
  request: (fixtures: Fixtures) => HttpRequest;
  expected: Expected;
  /**
   * Strings the client sent that the server may quote back in an error message ("got
   * \"' OR 1=1 //\""). The leak check ignores them: echoing the client's own input is not a
   * leak of Cypher, whereas the same words written by the server would be.
   */
  sent: string[];
}

export const refused = (status: number, code: string, argument?: string): Refusal => ({
  kind: 'refused',
  status,
  code,
  ...(argument === undefined ? {} : { argument }),
});
export const answered = (check?: (data: Record<string, unknown>) => void): NormalAnswer => ({
  kind: 'answered',
  ...(check ? { check } : {}),
});

/** A refusal made while the operation runs: 200 with the field null (see the header). */
export const badArgument = (argument: string): Refusal => ({ ...refused(200, 'BAD_USER_INPUT', argument), duringExecution: true });
export const notFound = (argument: string): Refusal => ({ ...refused(200, 'NOT_FOUND', argument), duringExecution: true });
/** A refusal before execution: parse, validation, variable coercion, limits. */
export const invalid = (code: string): Refusal => refused(400, code);

const jsonHeaders = { 'content-type': 'application/json' };

/** A POST with a raw body, sent byte for byte (it need not be JSON). */
export function rawPost(body: string | Buffer, headers: Record<string, string> = jsonHeaders): HttpRequest {
  return { method: 'POST', headers, body };
}

/** The ordinary request: a JSON body with the query and its variables. */
export function graphqlPost(query: string, variables?: Record<string, unknown>): HttpRequest {
  return rawPost(JSON.stringify(variables === undefined ? { query } : { query, variables }));
}

/** Every string inside a variables value: what the server may echo back. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A case sending one GraphQL document over POST; strings in `variables` count as sent. */
export function graphqlCase(
  name: string,
  query: string,
  expected: Expected,
  variables?: Record<string, unknown>,
  sent: string[] = [],
): BadInputCase {
  return { name, request: () => graphqlPost(query, variables), expected, sent: [...stringsIn(variables), ...sent] };
}

/** A case whose request is not an ordinary GraphQL POST (or needs fixtures). */
export function httpCase(
  name: string,
  request: (fixtures: Fixtures) => HttpRequest,
  expected: Expected,
  sent: string[] = [],
): BadInputCase {
  return { name, request, expected, sent };
}
