/**
 * Turns every error into what a client may see. Domain errors get stable codes:
 *   DATABASE_UNAVAILABLE  Neo4j cannot be reached (retry later)
 *   BAD_USER_INPUT        an argument outside what the API accepts (extensions.argument, expected)
 *   NOT_FOUND             an id that names nothing where something is required (extensions.id)
 *   QUERY_TOO_DEEP, TOO_MANY_ALIASES, ... a request over a limit (plugins/limits: limit, found, maximum)
 *   QUERY_TIMEOUT         a statement ran past NEO4J_QUERY_TIMEOUT_MS (limit, maximum)
 * GraphQL's own parse and validation errors keep their codes. Anything else is an internal
 * error whose message, stack and Cypher stay on the server unless `debug` is on.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DatabaseUnavailableError, QueryTimeoutError } from '../../../core/db/database';
import { InvalidArgumentError, NotFoundError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import { defaultLimits, limitCodes, tokenLimitError, type RequestLimits } from '../limits';

const passThroughCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export interface ErrorFormatOptions {
  /** Show internal messages and stack traces to clients. Default false (DEBUG_ERRORS). */
  debug: boolean;
  log: Logger;
  /** The request limits, to name the token limit graphql-js's parser stops at. Default defaultLimits. */
  limits?: RequestLimits;
  /** Drop graphql-js's 'Did you mean "x"?' from validation errors (production: they reveal the schema). Default false. */
  hideSuggestions?: boolean;
}

export function createErrorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DatabaseUnavailableError) {
      return { ...base, message: 'The database is unavailable; try again shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } };
    }
    if (original instanceof QueryTimeoutError) {
      return {
        ...base,
        message: `The request ran longer than the ${original.timeoutMs} ms a query may take; narrow it (a smaller page, fewer levels, a filter).`,
        extensions: { code: 'QUERY_TIMEOUT', limit: 'queryTimeoutMs', maximum: original.timeoutMs },
      };
    }
    if (original instanceof InvalidArgumentError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: 'BAD_USER_INPUT', argument: original.argument, expected: original.expected },
      };
    }
    if (original instanceof NotFoundError) {
      return { ...base, message: original.message, extensions: { code: 'NOT_FOUND', argument: original.argument, id: original.id } };
    }
    const code = formatted.extensions?.code;
    const tokens = tokenLimitError(formatted, options.limits ?? defaultLimits);
    if (tokens) return tokens;
    if (typeof code === 'string' && limitCodes.includes(code)) {
      // A refused request: its code, the limit, what was found and the maximum; not the HTTP status Apollo already used.
      const extensions = { ...formatted.extensions };
      delete extensions.http;
      return { message: formatted.message, extensions };
    }
    if (typeof code === 'string' && passThroughCodes.has(code)) {
      // As graphql-armor's block-field-suggestions does: the same mask, for Apollo.
      const message = options.hideSuggestions ? formatted.message.replace(/ ?Did you mean .+\?/g, '').trim() : formatted.message;
      return options.debug ? { ...formatted, message } : { ...formatted, message, extensions: { code } };
    }
    options.log.error(`internal error at ${formatted.path?.join('.') ?? 'request'}: ${(original as Error)?.stack ?? String(original)}`);
    if (options.debug) return formatted;
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Seconds a client is asked to wait before retrying while Neo4j is unavailable. */
export const unavailableRetryAfterSeconds = 5;

/**
 * A response carrying DATABASE_UNAVAILABLE is HTTP 503 with Retry-After, as /health is: a client
 * or a load balancer can tell "down, retry" from "answered" without reading the body.
 */
export const unavailableStatusPlugin: ApolloServerPlugin<object> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (!errors?.some((error) => error.extensions?.code === 'DATABASE_UNAVAILABLE')) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(unavailableRetryAfterSeconds));
      },
    };
  },
};
