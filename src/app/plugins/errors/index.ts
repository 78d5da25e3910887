/**
 * Turns every error into what a client may see. The error table (core/errors/error-table.ts)
 * gives each known error class its code, message and extensions; docs/reference/error-codes.md
 * lists every code. In short:
 *   DATABASE_UNAVAILABLE  Neo4j cannot be reached (retry later)
 *   SERVICE_OVERLOADED    no Neo4j connection came free in time (limit maxPoolSize; retry shortly)
 *   BAD_USER_INPUT        an argument outside what the API accepts (extensions.argument, expected)
 *   NOT_FOUND             an id that names nothing where something is required (extensions.id)
 *   CONFLICT              a write the graph's current state does not allow (an unmerge after later changes); extensions.argument;
 *                         for a stale expectedVersion also id, expectedVersion and currentVersion
 *   QUERY_TOO_DEEP, TOO_MANY_ALIASES, ... a request over a limit (plugins/limits: limit, found, maximum)
 *   QUERY_TIMEOUT         a statement ran past NEO4J_QUERY_TIMEOUT_MS, or the request past
 *                         REQUEST_DEADLINE_MS (limit queryTimeoutMs or requestDeadlineMs, maximum)
 *   TOO_MANY_STATEMENTS   the request needed more statements than LIMIT_STATEMENTS_PER_REQUEST
 *   CLIENT_CLOSED_REQUEST the client left and its statements were cancelled (no one reads it: logs, metrics)
 *   UNAUTHENTICATED       no token where one is needed, or a token that is not accepted (HTTP 401, plugins/auth)
 *   FORBIDDEN             a valid token whose role is too low (HTTP 403; extensions.required, role)
 *   AUTH_UNAVAILABLE      a JWT could not be checked: JWT_JWKS_URL could not be fetched (HTTP 503, Retry-After)
 *   BAD_USER_INPUT        from a bundle (importBundle): extensions.problems lists each one with its JSON path
 * GraphQL's own parse and validation errors keep their codes. Anything else is an internal
 * error whose message, stack and Cypher stay on the server (logged by internalErrorLogPlugin
 * with the request's id) unless `debug` is on.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describeError, errorCodes, errorTable, unavailableRetryAfterSeconds, type ErrorCodeSpec } from '../../../core/errors';
import type { RequestContext } from '../../../core/graphql/context';
import type { Logger } from '../../../core/logger';
import { authCodes } from '../auth';
import { defaultLimits, limitCodes, tokenLimitError, type RequestLimits } from '../limits';
import { requestLog } from '../request-id';

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
  /** The request limits, to name the token limit graphql-js's parser stops at. Default defaultLimits. */
  limits?: RequestLimits;
  /** Drop graphql-js's 'Did you mean "x"?' from validation errors (production: they reveal the schema). Default false. */
  hideSuggestions?: boolean;
}

export function createErrorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const client = clientError(formatted, causeOf(error), options);
    if (client) return client;
    if (options.debug) return formatted;
    return {
      locations: formatted.locations,
      path: formatted.path,
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The error a resolver or a plugin hook threw: Apollo wraps a resolver's in a ResolverError and
 * a hook's (the auth plugin's key lookup meeting the deadline) in a GraphQLError of its own.
 */
function causeOf(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  return unwrapped instanceof GraphQLError && unwrapped.originalError && !(unwrapped.originalError instanceof GraphQLError)
    ? unwrapped.originalError
    : unwrapped;
}

/** What a client sees of an error it may see; null for an internal error. */
function clientError(formatted: GraphQLFormattedError, original: unknown, options: ErrorFormatOptions): GraphQLFormattedError | null {
  const described = describeError(original);
  if (described) {
    if (described.internal) return null;
    const extensions = { code: described.code, ...described.extensions };
    return { locations: formatted.locations, path: formatted.path, message: described.message, extensions };
  }
  return refusedRequestError(formatted, options);
}

/** A request refused before it ran (a limit, auth) or by GraphQL itself (parse, validation); null for anything else. */
function refusedRequestError(formatted: GraphQLFormattedError, options: ErrorFormatOptions): GraphQLFormattedError | null {
  const code = formatted.extensions?.code;
  const tokens = tokenLimitError(formatted, options.limits ?? defaultLimits);
  if (tokens) return tokens;
  if (typeof code === 'string' && (limitCodes.includes(code) || authCodes.includes(code))) {
    // A refused request: its code and what it names (the limit, the role); not the HTTP status Apollo already used.
    const extensions = { ...formatted.extensions };
    delete extensions.http;
    return { message: formatted.message, extensions };
  }
  if (typeof code === 'string' && passThroughCodes.has(code)) {
    // As graphql-armor's block-field-suggestions does: the same mask, for Apollo.
    const message = options.hideSuggestions ? formatted.message.replace(/ ?Did you mean .+\?/g, '').trim() : formatted.message;
    return options.debug ? { ...formatted, message } : { ...formatted, message, extensions: { code } };
  }
  return null;
}

/**
 * Logs every internal error of a request (message, stack and all) with the request's id, as one
 * JSON line each: what the client is not shown, the operator can find by the id the client got.
 */
export function internalErrorLogPlugin(log: Logger, options: ErrorFormatOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (clientError({ message: error.message, extensions: error.extensions }, original, options)) continue;
            requestLog(log, contextValue.requestId).error('internal error', {
              path: error.path?.join('.') ?? null,
              error: (original as Error)?.stack ?? String(original),
            });
          }
        },
      };
    },
  };
}

export { unavailableRetryAfterSeconds };

/**
 * The codes of the error table that make a response HTTP 503, and the Retry-After each asks for
 * (the longest wins). The auth plugin sets AUTH_UNAVAILABLE's status itself.
 */
const retryAfterSeconds: Readonly<Record<string, number>> = Object.fromEntries(
  errorTable.flatMap(({ code }) => {
    const spec: ErrorCodeSpec = errorCodes[code];
    return spec.retryAfterSeconds === undefined ? [] : [[code, spec.retryAfterSeconds]];
  }),
);

/**
 * A response carrying DATABASE_UNAVAILABLE or SERVICE_OVERLOADED is HTTP 503 with Retry-After,
 * as /health is: a client or a load balancer can tell "down (or busy), retry" from "answered"
 * without reading the body.
 */
export const unavailableStatusPlugin: ApolloServerPlugin<object> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        const waits = (errors ?? []).map((error) => retryAfterSeconds[String(error.extensions?.code)] ?? 0);
        const wait = Math.max(0, ...waits);
        if (wait === 0) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(wait));
      },
    };
  },
};
