/**
 * Turns every error into what a client may see. An error of a known class gets the code, message
 * and extensions of its entry in the error table (core/errors/error-table.ts); a request refused
 * before it ran (a limit, auth) keeps what its plugin said, minus the HTTP details Apollo already
 * used; GraphQL's own parse and validation errors keep their codes. docs/reference/error-codes.md
 * lists every code. Anything else is an internal error whose message, stack and Cypher stay on
 * the server (logged by internalErrorLogPlugin with the request's id) unless `debug` is on.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describeError, errorCodes, errorTable, type ErrorCodeSpec } from '../../../core/errors';
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
