/**
 * Request ids. Every HTTP request gets one: the client's `X-Request-Id` when it is sane (so a
 * proxy's or a client's id follows the request through), else a fresh UUID. It is returned as
 * the `X-Request-Id` header, written in `extensions.requestId` of every error in the response,
 * in every log line about the request (the request's child logger binds it, app/http/request-id.ts)
 * and on every Neo4j transaction the request opens (metadata, shown by SHOW TRANSACTIONS;
 * core/db/request-runner.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../../../core/graphql/context';
import type { Logger } from '../../../core/logger';

/**
 * What an incoming id may look like to be kept: 1 to 128 letters, digits and `._:+/=@-` (UUIDs,
 * ULIDs, base64, trace ids). Anything else (spaces, quotes, control characters, a megabyte) is
 * replaced, so a client cannot forge log lines or bloat them.
 */
const saneId = /^[A-Za-z0-9._:+/=@-]{1,128}$/;

/** The request's id: the incoming header when sane, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming !== undefined && saneId.test(incoming) ? incoming : randomUUID();
}

/** Log lines about one request, message first: each carries its requestId (null for in-process runs). */
export interface RequestLog {
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A child of `log` bound to `requestId`, for code that has the id but not the request's own
 * logger (the context's `log`, which the HTTP pipeline made once); the lines are the same.
 */
export function requestLog(log: Logger, requestId: string | undefined): RequestLog {
  const child = log.child({ requestId: requestId ?? null });
  return {
    info: (message, fields = {}) => child.info(fields, message),
    debug: (message, fields = {}) => child.debug(fields, message),
    error: (message, fields = {}) => child.error(fields, message),
  };
}

/** The errors with `extensions.requestId` added (kept where one is there already). */
export function withRequestId(errors: readonly GraphQLFormattedError[], requestId: string): GraphQLFormattedError[] {
  return errors.map((error) => (error.extensions?.requestId ? error : { ...error, extensions: { ...error.extensions, requestId } }));
}

/** Every error Apollo's request pipeline answers gets the request's id. */
export const requestIdPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    const requestId = contextValue.requestId;
    if (requestId === undefined) return;
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors) result.errors = withRequestId(result.errors, requestId);
      },
    };
  },
};

/**
 * Apollo refuses a malformed HTTP request (no query, a bad content type) before its request
 * pipeline, so no plugin sees that answer: its small error body gets the id here. Any other
 * body is returned as it is.
 */
export function tagErrorBody(body: string, requestId: string): string {
  let parsed: { errors?: GraphQLFormattedError[] };
  try {
    parsed = JSON.parse(body) as { errors?: GraphQLFormattedError[] };
  } catch {
    return body;
  }
  if (!Array.isArray(parsed.errors) || parsed.errors.every((error) => error.extensions?.requestId)) return body;
  return JSON.stringify({ ...parsed, errors: withRequestId(parsed.errors, requestId) });
}
