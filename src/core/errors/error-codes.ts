/**
 * Every `extensions.code` a client can meet, with the HTTP status of an answer refused whole by
 * it, the Retry-After it asks for, the extensions it carries and what to do about it.
 * docs/reference/error-codes.md is checked against this list by tests/unit/error-table.test.ts,
 * and error-table.ts takes each error class's code from here.
 *
 * A GraphQL error raised while fields resolve comes in a 200 answer beside the data that did
 * resolve; `status` is what an answer refused as a whole gets: an export, a request refused
 * before it runs, and a GraphQL answer carrying a code with `retryAfterSeconds` (503).
 */

/** Seconds a client is asked to wait before retrying while Neo4j is unavailable. */
export const unavailableRetryAfterSeconds = 5;

/** Seconds a client is asked to wait before retrying an overloaded service: load moves fast. */
export const overloadedRetryAfterSeconds = 1;

export interface ErrorCodeSpec {
  status: number;
  /** Set when the code means "retry later": the answer is 503 with this Retry-After (seconds). */
  retryAfterSeconds?: number;
  /** The extensions beside `code` (and `requestId`), as the docs name them. */
  extensions: string;
  /** When a client meets it. */
  when: string;
  /** What the client should do. */
  action: string;
}

const limitSpec = (when: string): ErrorCodeSpec => ({
  status: 400,
  extensions: '`limit`, `found`, `maximum`',
  when,
  action: 'Ask for less in one request (fewer levels, aliases, fields or a smaller page), or split it.',
});

export const errorCodes = {
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    extensions: '`locations`',
    when: 'The query is not valid GraphQL syntax.',
    action: 'Fix the query text at the location given.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    extensions: '`locations`',
    when: 'The query asks for a field, argument or type the schema does not have.',
    action: 'Fix the query against the schema (introspection, or schema/*.graphql).',
  },
  BAD_USER_INPUT: {
    status: 400,
    extensions: '`argument`, `expected` (an argument); `argument: "bundle"`, `problems` (a bundle)',
    when: 'An argument, variable or export parameter outside what the API accepts; a bundle with problems (nothing written).',
    action: 'Change the argument named in `argument` to what `expected` says; for a bundle, fix each problem at its JSON path.',
  },
  BAD_REQUEST: {
    status: 400,
    extensions: '(none)',
    when: 'The HTTP request is not a GraphQL request: a body that is not JSON, no query.',
    action: 'Send a JSON body with `query` (and `variables`).',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    extensions: '(none)',
    when: 'The document has several operations and `operationName` names none of them.',
    action: 'Send the `operationName` of the operation to run.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    extensions: '(none)',
    when: 'An automatic persisted query hash the server does not know yet.',
    action: 'Send the query again with its full text.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    extensions: '(none)',
    when: 'Persisted queries are off.',
    action: 'Send the full query text.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    extensions: '`found`, `maximum` (a reconciliation batch: also `argument: "queries"`)',
    when: 'The request body is larger than the service reads: 1 MiB, or with a token a bundle of IMPORT_MAX_BUNDLE_BYTES; a /reconcile body over 256 KiB or a batch of more queries than its batchSize (100).',
    action: 'Send a smaller request; split a large bundle or batch into several.',
  },
  QUERY_TOO_DEEP: limitSpec('The query nests deeper than `maxDepth`.'),
  TOO_MANY_ALIASES: limitSpec('The query has more aliases than `maxAliases`.'),
  TOO_MANY_DIRECTIVES: limitSpec('The query has more directives than `maxDirectives`.'),
  TOO_MANY_ROOT_FIELDS: limitSpec('The query has more root fields than `maxRootFields`.'),
  QUERY_TOO_LARGE: limitSpec('The query text is longer than `maxQueryBytes`.'),
  COST_LIMIT_EXCEEDED: limitSpec('The estimated cost of the query is over `maxCost`.'),
  TOO_MANY_TOKENS: limitSpec('The query has more tokens than `maxTokens`; parsing stopped there.'),
  RESPONSE_TOO_LARGE: {
    status: 400,
    extensions: '`limit`, `found`, `maximum`',
    when: 'The answer would be larger than `maxResponseBytes`.',
    action: 'Ask for a smaller page or fewer fields.',
  },
  TOO_MANY_STATEMENTS: {
    status: 400,
    extensions: '`limit: "maxStatements"`, `maximum`',
    when: 'The request needs more database statements than LIMIT_STATEMENTS_PER_REQUEST.',
    action: 'Ask for fewer fields or levels at once.',
  },
  QUERY_TIMEOUT: {
    status: 503,
    extensions: '`limit` (`queryTimeoutMs`, `requestDeadlineMs`, `mutationDeadlineMs` or `exportTimeoutMs`), `maximum`',
    when: 'A statement ran past NEO4J_QUERY_TIMEOUT_MS, the request past its deadline, or an export past EXPORT_TIMEOUT_MS.',
    action: 'Narrow the request (a smaller page, fewer levels, a filter); retrying the same request will time out again.',
  },
  TRANSACTION_MEMORY_EXCEEDED: {
    status: 503,
    extensions: '(none)',
    when: 'The request needed more database memory than one transaction may use.',
    action: 'Narrow the request (a smaller page, fewer levels, a filter), or send a smaller bundle.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    retryAfterSeconds: unavailableRetryAfterSeconds,
    extensions: '(none)',
    when: 'Neo4j cannot be reached.',
    action: 'Retry after Retry-After seconds.',
  },
  SERVICE_OVERLOADED: {
    status: 503,
    retryAfterSeconds: overloadedRetryAfterSeconds,
    extensions:
      '`limit` (`admissionQueueSize`, `admissionQueueWaitMs`, `maxPoolSize`, `maxExportsInFlight`, `maxExportsPerClient` or `transactionMemory`), `maximum`',
    when: 'The service is busy: the requests (or exports) waiting for a place filled their queue or waited in vain, no database connection came free, or no transaction memory was left beside the work running now.',
    action: 'Retry after Retry-After seconds (1; 5 for an export refused by `maxExportsInFlight` or `maxExportsPerClient`).',
  },
  UNAUTHENTICATED: {
    status: 401,
    extensions: '(none); a `WWW-Authenticate` header',
    when: 'No token where one is needed, or a token that is not accepted (expired, bad signature, revoked...).',
    action: 'Send `Authorization: Bearer <token>` with a valid token.',
  },
  FORBIDDEN: {
    status: 403,
    extensions: '`required`, `role`',
    when: "A valid token whose role is lower than the field's.",
    action: 'Use a token with the role named in `required`.',
  },
  AUTH_UNAVAILABLE: {
    status: 503,
    retryAfterSeconds: 5,
    extensions: '(none)',
    when: 'A JWT could not be checked: the signing keys (JWT_JWKS_URL) could not be fetched.',
    action: 'Retry after Retry-After seconds; the token itself may be fine.',
  },
  AUTH_THROTTLED: {
    status: 429,
    extensions: '`retryAfterSeconds`; a `Retry-After` header',
    when: 'Too many refused tokens from this client (its IP) within AUTH_FAILURES_WINDOW_S (AUTH_FAILURES_MAX).',
    action: 'Wait Retry-After seconds, then send a valid token; requests without a token are not throttled.',
  },
  NOT_FOUND: {
    status: 404,
    extensions: '`argument`, `id` (GraphQL); `mergedInto` for an entity a merge took away',
    when: 'An id that names nothing where something is required (for an entity merged away, `mergedInto` is the kept entity); an export path that does not exist.',
    action: 'Check the id (or the export path); the message lists the exports there are.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    extensions: '(none); an `Allow` header',
    when: 'An export requested with another method than GET.',
    action: 'Use GET.',
  },
  CONFLICT: {
    status: 409,
    extensions:
      '`argument`; for a stale `expectedVersion` also `id`, `expectedVersion`, `currentVersion`; none for a write stopped by a deadlock',
    when: "A write the graph's current state does not allow (an unmerge after later changes, an entity's only citation retracted, a stale expectedVersion); without `argument`: a write Neo4j stopped to end a deadlock with another. Nothing was written.",
    action: 'Read the entity again, then decide whether to retry with its current version; without `argument`, send the write again.',
  },
  CLIENT_CLOSED_REQUEST: {
    status: 499,
    extensions: '(none)',
    when: "The client closed the connection; the request's statements were cancelled. No one reads it: it shows in logs and metrics.",
    action: 'Nothing.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    extensions: '(none); with DEBUG_ERRORS=1 (never in production) the message and stack',
    when: 'Anything else: a fault of the service. Its message, stack and Cypher stay in the server log with the request id.',
    action: 'Report it with the `requestId`.',
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
