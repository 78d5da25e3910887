/**
 * The HTTP service: plain node:http, with no framework between a request and Apollo's own HTTP
 * handling. startServer only wires the pipeline a request goes through (app/http/, one stage a
 * module): request id → refusals → CORS → auth → routing, and the routes: GET /health/live, GET /health/ready (and /health),
 * GET /metrics, pages and exports (app/routes.ts), then /graphql with its own stages
 * (app/http/graphql.route.ts). Shutdown drains open requests (Apollo's drain plugin).
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ConfigError } from './config';
import type { RequestContext } from '../core/graphql/context';
import { createErrorFormatter, internalErrorLogPlugin, unavailableStatusPlugin } from './plugins/errors';
import { Admission } from './plugins/overload';
import { admissionMetrics } from './plugins/overload/metrics';
import { exportSlotMetrics } from './plugins/metrics/exports';
import { ExportSlots } from '../features/export/slots';
import { defaultExportOptions } from '../features/export/options';
import { requestIdPlugin } from './plugins/request-id';
import { responseBudgetPlugin } from './plugins/response-size';
import { loggingPlugin } from './plugins/logging';
import { ResponseCache, responseCachePlugin } from './plugins/response-cache';
import { knownOperationTypesRule } from './plugins/validation';
import { createMetrics, type Metrics } from './plugins/metrics';
import { limitsPlugin } from './plugins/limits';
import { Authenticator, authPlugin } from './plugins/auth';
import { defaultReadOptions } from '../core/graphql/read-options';
import { buildResolvers } from './resolvers';
import { buildRoutes } from './routes';
import { DatasetVersions } from '../features/export/version';
import { loadTypeDefs } from './schema';
import { parseAuthorizationOnce } from './http/authorization';
import { cors } from './http/cors';
import { graphqlRoute } from './http/graphql.route';
import { healthRoute, liveRoute } from './http/health.route';
import { Readiness } from './http/readiness';
import { metricsRoute } from './http/metrics.route';
import { maxTokenBodyBytes, withDefaults, type ResolvedServerOptions, type ServerOptions } from './http/options';
import { pipeline } from './http/pipeline';
import { roleGate } from './http/read-gate';
import { answerRefusals } from './http/refusals';
import { openExchange } from './http/request-id';
import { routing } from './http/routing';

export type { ServerOptions } from './http/options';

export interface RunningServer {
  url: string;
  port: number;
  apollo: ApolloServer<RequestContext>;
  stop(): Promise<void>;
}

function createApollo(
  options: ResolvedServerOptions,
  httpServer: http.Server,
  metrics: Metrics,
  versions: DatasetVersions,
  authenticator: Authenticator,
) {
  const { db, limits, log } = options;
  const formatOptions = { debug: options.debugErrors, limits, hideSuggestions: options.production };
  return new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers: buildResolvers(defaultReadOptions, options.curation, versions),
    // graphql-js stops parsing a document at this many tokens (see plugins/limits).
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [knownOperationTypesRule],
    introspection: !options.production,
    // No automatic persisted queries: nothing here issues their hashes, their cache would be
    // one more thing a client can fill, and a request naming one gets Apollo's coded
    // PERSISTED_QUERY_NOT_SUPPORTED instead of an uncoded error masked as internal.
    persistedQueries: false,
    formatError: createErrorFormatter(formatOptions),
    includeStacktraceInErrorResponses: options.debugErrors,
    // Cache control is off: nothing here sets cache hints, and its per-field hook wraps every resolver.
    // Limits before auth: a request over a limit is refused without a key lookup (plugins/auth).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(limits, db),
      responseBudgetPlugin(limits.maxResponseBytes, options.largeAnswers),
      authPlugin(options.auth, authenticator),
      // Answers at responseForOperation, after every plugin's didResolveOperation (limits, auth).
      ...(options.responseCacheBytes > 0 ? [responseCachePlugin(new ResponseCache(options.responseCacheBytes, metrics.registry))] : []),
      metrics.plugin,
      unavailableStatusPlugin,
      loggingPlugin(log),
      internalErrorLogPlugin(log, formatOptions),
      requestIdPlugin,
    ],
  });
}

/** Listens on `listen`; a port in use is a ConfigError naming PORT. */
function listenOn(httpServer: http.Server, listen: { host: string; port: number }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`port ${listen.port} on ${listen.host} is already in use: set PORT to a free port`)
          : error,
      ),
    );
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
}

export async function startServer(serverOptions: ServerOptions, listen: { host: string; port: number }): Promise<RunningServer> {
  const options = withDefaults(serverOptions);
  const { db, log, limits } = options;
  const metrics = createMetrics(db, options.neo4jSupervisor);
  const admission = new Admission(limits.maxRequestsInFlight, options.admission);
  metrics.readRequestsInFlight(() => admission.inFlight);
  // One dataset version cache for Query.datasetVersion and the exports.
  const versions = new DatasetVersions(db.withTimeout(options.exports.timeoutMs), log);
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = options.keepAliveTimeoutMs;
  // headersTimeout must exceed keepAliveTimeout, or a reused connection can be cut before its request's headers.
  httpServer.headersTimeout = options.keepAliveTimeoutMs + 1_000;
  // One token checker for GraphQL and the exports: a client's failed authentications count on both.
  const authenticator = new Authenticator(options.auth);
  const apollo = createApollo(options, httpServer, metrics, versions, authenticator);
  // One set of export slots for the export routes and /metrics.
  const exportSlots = new ExportSlots({ ...defaultExportOptions, ...options.exports });
  exportSlotMetrics(metrics.registry, exportSlots);
  await apollo.start();

  const routes = [
    liveRoute(),
    healthRoute(db, options.readiness ?? new Readiness(null, true)),
    metricsRoute(metrics, roleGate(options.auth.metricsRole ?? null, 'Reading /metrics', db, authenticator)),
    ...(options.routes ?? buildRoutes({ db, log, auth: options.auth, authenticator, exports: options.exports, versions, exportSlots })),
    graphqlRoute({
      apollo,
      db,
      limits,
      admission,
      admissionMetrics: admissionMetrics(metrics.registry, admission),
      metrics,
      bodyLimits: {
        maxBodyBytes: options.maxBodyBytes,
        maxTokenBodyBytes: maxTokenBodyBytes(options),
        tokenVerifies: (token, exchange) => authenticator.verifies(token, db, exchange.request.socket.remoteAddress),
      },
    }),
  ];
  const serve = pipeline([answerRefusals, cors(options.corsOrigins), parseAuthorizationOnce, routing(routes)]);
  httpServer.on('request', (request, response) => void serve(openExchange(request, response, log)));

  try {
    await listenOn(httpServer, listen);
  } catch (error) {
    // The server that could not listen must not leave a started Apollo (or its statement timer) behind.
    metrics.stop();
    await apollo.stop();
    throw error;
  }
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const stop = async () => {
    metrics.stop();
    await apollo.stop();
  };
  return { url: `http://${listen.host}:${port}/graphql`, port, apollo, stop };
}
