/**
 * The HTTP service: POST /graphql through Apollo Server, GET /health for probes, graceful
 * shutdown that drains open requests. Plain node:http, so there is no framework between a
 * request and Apollo's own HTTP handling.
 */
import http from 'node:http';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ConfigError } from './config';
import { HttpRefusal } from '../core/http/refusal';
import { createRequestContext, type RequestContext } from '../core/graphql/context';
import type { Database } from '../core/db/database';
import { RequestCancelledError, RequestRunner } from '../core/db/request-runner';
import type { SupervisorStatus } from '../core/db/supervisor';
import type { Logger } from '../core/logger';
import { createErrorFormatter, internalErrorLogPlugin, unavailableStatusPlugin } from './plugins/errors';
import { abortWhenClientLeaves, watchRequest, type RequestWatch } from './plugins/deadline';
import { Admission, overloadedRefusal, overloadedRetryAfterSeconds } from './plugins/overload';
import { requestIdFor, requestIdPlugin, requestLog, tagErrorBody } from './plugins/request-id';
import { oversize, responseBudgetPlugin, responseTooLarge } from './plugins/response-size';
import { loggingPlugin } from './plugins/logging';
import { knownOperationTypesRule } from './plugins/validation';
import { createMetrics } from './plugins/metrics';
import { defaultLimits, limitsPlugin, type RequestLimits } from './plugins/limits';
import { authPlugin, defaultAuth, type AuthOptions } from './plugins/auth';
import { parseAuthorization } from './plugins/auth/header';
import { defaultCuration, type CurationOptions } from '../features/curation/resolvers';
import { defaultReadOptions } from '../features/entity/resolvers';
import { buildResolvers } from './resolvers';
import { buildRoutes } from './routes';
import { defaultExportOptions, type ExportOptions } from '../features/export/options';
import { DatasetVersions } from '../features/export/version';
import type { HttpRoute, RouteRequest } from './http/route';
import { loadTypeDefs } from './schema';

export interface ServerOptions {
  db: Database;
  log: Logger;
  /** Client errors include internal messages and stack traces. Default false. */
  debugErrors?: boolean;
  /**
   * Largest request body accepted, in bytes. Default 1 MiB. A request with a bearer token in its
   * Authorization header may send up to the bundle limit plus 64 KiB instead (importBundle), if that is more.
   */
  maxBodyBytes?: number;
  /** Who may read and write (AUTH_READS, JWT_*). Default defaultAuth (app/plugins/auth/options.ts): reads open, API keys only. */
  auth?: AuthOptions;
  /** The mutations' settings (IMPORT_MAX_BUNDLE_BYTES). Default defaultCuration (features/curation). */
  curation?: CurationOptions;
  /** What a request may ask and use before it is refused (deadline, statements, requests in flight, response size too). Default defaultLimits (app/plugins/limits). */
  limits?: RequestLimits;
  /** Production: introspection off, no field suggestions in errors. Default false. */
  production?: boolean;
  /** Origins browsers may call from (CORS); default none: no CORS headers, same origin only. */
  corsOrigins?: readonly string[];
  /** The embedded Neo4j's supervisor, for its restarts and state in /metrics; default none (NEO4J_URI, tests). */
  neo4jSupervisor?: { status(): SupervisorStatus };
  /** EXPORT_TIMEOUT_MS, EXPORTS_IN_FLIGHT. Default defaultExportOptions (features/export/options.ts). */
  exports?: ExportOptions;
  /** Plain HTTP routes asked before /graphql (pages, exports). Default buildRoutes (app/routes.ts). */
  routes?: readonly HttpRoute[];
}

export interface RunningServer {
  url: string;
  port: number;
  apollo: ApolloServer<RequestContext>;
  stop(): Promise<void>;
}

/**
 * The request body, up to `maxBytes`. A larger one is refused with 413 once the client has
 * finished sending (what it sends past the limit is discarded, not kept), so the client reads
 * the answer instead of a reset connection; one that keeps sending past 16x the limit is cut off.
 */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes * 16) request.destroy();
      else if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > maxBytes)
        reject(
          new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is ${size} bytes, more than the ${maxBytes} allowed.`, {
            found: size,
            maximum: maxBytes,
          }),
        );
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

/** Variables nested deeper than this are refused before GraphQL coerces them (recursively). */
export const maxVariableDepth = 64;

/** How deep a parsed JSON value nests, counted without recursion (a hostile body may nest thousands of levels). */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (item !== null && typeof item === 'object') for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

/**
 * CORS for the configured origins only: their requests get Access-Control-Allow-Origin, and a
 * preflight (OPTIONS) is answered here (true: the response is sent). Other origins get no
 * header, so a browser keeps them out.
 */
function allowCors(request: http.IncomingMessage, response: http.ServerResponse, origins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return false;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'origin');
  if (request.method !== 'OPTIONS') return false;
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
  });
  response.end();
  return true;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Logs why a request's work was stopped early, if it was: its deadline, or its client leaving. */
function logStopped(log: Logger, requestId: string, watch: RequestWatch | undefined, deadlineMs: number): void {
  if (!watch?.signal.aborted) return;
  if (watch.signal.reason instanceof RequestCancelledError)
    requestLog(log, requestId).debug('client closed the connection; its statements were cancelled');
  else requestLog(log, requestId).info('deadline passed; its statements were cancelled', { deadlineMs });
}

/**
 * Whether a POST body asks for a mutation: the operation it names (or its only one) is one. A
 * query that does not parse is not (Apollo answers it); `maxTokens` bounds the parse as Apollo's.
 */
export function isMutation(body: unknown, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return false;
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const chosen =
    typeof operationName === 'string'
      ? operations.find((operation) => operation.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  return chosen?.operation === 'mutation';
}

/** Aborted when the client closes the connection before its answer was sent (no deadline: a route keeps its own). */
function closedSignal(response: http.ServerResponse): AbortSignal {
  const controller = new AbortController();
  abortWhenClientLeaves(response, controller);
  return controller.signal;
}

/** A route's answer; a failure after its headers went out can only end the response. */
async function answerRoute(route: HttpRoute, routeRequest: RouteRequest): Promise<void> {
  try {
    await route.handle(routeRequest);
  } catch (error) {
    if (routeRequest.response.headersSent) {
      routeRequest.response.destroy(error as Error);
      return;
    }
    throw error;
  }
}

export async function startServer(options: ServerOptions, listen: { host: string; port: number }): Promise<RunningServer> {
  const { db, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const curation = options.curation ?? defaultCuration;
  // Room for a bundle and the document around it; only for requests that carry a bearer token
  // (checked by the auth plugin before anything reads the bundle; its shape alone is checked here).
  const maxTokenBodyBytes = Math.max(maxBodyBytes, curation.maxBundleBytes + 64 * 1024);
  const limits = options.limits ?? defaultLimits;
  const metrics = createMetrics(db, options.neo4jSupervisor);
  const admission = new Admission(limits.maxRequestsInFlight);
  metrics.readRequestsInFlight(() => admission.inFlight);
  const formatOptions = { debug: options.debugErrors ?? false, limits, hideSuggestions: options.production ?? false };
  // One dataset version cache for Query.datasetVersion and the exports.
  const versions = new DatasetVersions(db.withTimeout((options.exports ?? defaultExportOptions).timeoutMs), log);
  const routes = options.routes ?? buildRoutes({ db, log, auth: options.auth, exports: options.exports, versions });
  const httpServer = http.createServer();
  const apollo = new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers: buildResolvers(defaultReadOptions, curation, versions),
    // graphql-js stops parsing a document at this many tokens (see plugins/limits).
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [knownOperationTypesRule],
    introspection: !(options.production ?? false),
    // No automatic persisted queries: nothing here issues their hashes, their cache would be
    // one more thing a client can fill, and a request naming one gets Apollo's coded
    // PERSISTED_QUERY_NOT_SUPPORTED instead of an uncoded error masked as internal.
    persistedQueries: false,
    formatError: createErrorFormatter(formatOptions),
    includeStacktraceInErrorResponses: options.debugErrors ?? false,
    // Cache control is off: nothing here sets cache hints, and its per-field hook wraps every resolver.
    // Limits before auth: a request over a limit is refused without a key lookup (plugins/auth).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(limits, db),
      responseBudgetPlugin(limits.maxResponseBytes),
      authPlugin(options.auth ?? defaultAuth),
      metrics.plugin,
      unavailableStatusPlugin,
      loggingPlugin(log),
      internalErrorLogPlugin(log, formatOptions),
      requestIdPlugin,
    ],
  });
  await apollo.start();

  httpServer.on('request', (request, response) => {
    const requestId = requestIdFor(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    let watch: RequestWatch | undefined;
    let leave: (() => void) | null = null;
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (allowCors(request, response, options.corsOrigins ?? [])) return;
      if (url.pathname === '/health' && request.method === 'GET') {
        try {
          await db.ping(2000);
          sendJson(response, 200, { status: 'ok', neo4j: 'up' });
        } catch {
          sendJson(response, 503, { status: 'unavailable', neo4j: 'down' });
        }
        return;
      }
      if (url.pathname === '/metrics' && request.method === 'GET') {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(await metrics.registry.metrics());
        return;
      }
      const route = routes.find((candidate) => candidate.matches(request, url));
      if (route) {
        await answerRoute(route, { request, response, url, requestId, signal: closedSignal(response) });
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(response, 404, { error: 'not found: POST /graphql, GET /health or GET /metrics' });
        return;
      }
      // The deadline counts from the request's arrival; the client leaving before its answer stops it too.
      watch = watchRequest(response, limits.requestDeadlineMs);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (request.method === 'POST') {
        const bearer = parseAuthorization(request.headers.authorization).kind === 'bearer';
        const raw = await readBody(request, bearer ? maxTokenBodyBytes : maxBodyBytes);
        try {
          body = raw.length > 0 ? JSON.parse(raw) : undefined;
        } catch {
          throw new HttpRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
        }
        const variablesDepth = jsonDepth((body as { variables?: unknown } | undefined)?.variables);
        if (variablesDepth > maxVariableDepth) {
          throw new HttpRefusal(
            400,
            'BAD_USER_INPUT',
            `The variables nest ${variablesDepth} levels deep, more than the ${maxVariableDepth} allowed.`,
            { found: variablesDepth, maximum: maxVariableDepth },
          );
        }
      }
      // A writer's mutation (an import) gets the mutation deadline; the auth plugin refuses it before
      // anything runs unless its token may make it.
      const mutation =
        request.method === 'POST' &&
        parseAuthorization(request.headers.authorization).kind === 'bearer' &&
        isMutation(body, limits.maxTokens);
      if (mutation) watch.extendTo(limits.mutationDeadlineMs);
      leave = admission.enter();
      if (!leave) {
        metrics.refused('SERVICE_OVERLOADED', 'maxRequestsInFlight');
        requestLog(log, requestId).debug('refused: too many requests in flight', { maximum: limits.maxRequestsInFlight });
        const refusal = overloadedRefusal(limits.maxRequestsInFlight);
        throw new HttpRefusal(503, 'SERVICE_OVERLOADED', refusal.message, refusal.extensions, {
          'retry-after': String(overloadedRetryAfterSeconds),
        });
      }
      const runner = new RequestRunner(db, {
        signal: watch.signal,
        deadlineAt: watch.deadlineAt,
        deadlineMs: watch.deadlineMs,
        deadlineLimit: mutation ? 'mutationDeadlineMs' : 'requestDeadlineMs',
        maxConcurrent: limits.maxStatementConcurrency,
        maxStatements: limits.maxStatements,
        requestId,
      });
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method ?? 'GET', headers, search: url.search, body };
      const { signal } = watch;
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => createRequestContext(runner, requestId, signal),
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        const bytes = oversize(result.body.string, limits.maxResponseBytes);
        if (bytes !== null) {
          metrics.refused('RESPONSE_TOO_LARGE', 'maxResponseBytes');
          requestLog(log, requestId).info('response too large; replaced by RESPONSE_TOO_LARGE', {
            bytes,
            maximum: limits.maxResponseBytes,
          });
          const refusal = responseTooLarge(bytes, limits.maxResponseBytes);
          throw new HttpRefusal(400, 'RESPONSE_TOO_LARGE', refusal.message, refusal.extensions);
        }
        // A status of 400 or more with no pipeline behind it (Apollo refusing a malformed request) has no id yet.
        response.end(response.statusCode >= 400 ? tagErrorBody(result.body.string, requestId) : result.body.string);
      } else {
        // Apollo streams only incremental delivery (@defer), which this schema never answers: no size cap here.
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    })()
      .catch((error: Error) => {
        if (error instanceof HttpRefusal) {
          if (!response.headersSent)
            sendJson(
              response,
              error.status,
              { errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions, requestId } }] },
              error.headers,
            );
          return;
        }
        requestLog(log, requestId).error('http', { error: error.message });
        if (!response.headersSent)
          sendJson(response, 500, {
            errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
          });
        else response.end();
      })
      .finally(() => {
        leave?.();
        watch?.dispose();
        logStopped(log, requestId, watch, watch?.deadlineMs ?? limits.requestDeadlineMs);
      });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new ConfigError(`port ${listen.port} on ${listen.host} is already in use: set PORT to a free port`)
            : error,
        ),
      );
      httpServer.listen(listen.port, listen.host, () => resolve());
    });
  } catch (error) {
    // The server that could not listen must not leave a started Apollo (or its statement timer) behind.
    metrics.stop();
    await apollo.stop();
    throw error;
  }
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return {
    url: `http://${listen.host}:${port}/graphql`,
    port,
    apollo,
    stop: async () => {
      metrics.stop();
      await apollo.stop();
    },
  };
}
