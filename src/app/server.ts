/**
 * The HTTP service: POST /graphql through Apollo Server, GET /health for probes, graceful
 * shutdown that drains open requests. Plain node:http, so there is no framework between a
 * request and Apollo's own HTTP handling.
 */
import http from 'node:http';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ConfigError } from './config';
import { createRequestContext, type RequestContext } from '../core/graphql/context';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { createErrorFormatter } from './plugins/errors';
import { loggingPlugin } from './plugins/logging';
import { defaultLimits, limitsPlugin, type RequestLimits } from './plugins/limits';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './schema';

export interface ServerOptions {
  db: Database;
  log: Logger;
  /** Client errors include internal messages and stack traces. Default false. */
  debugErrors?: boolean;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** What a request may ask before it is refused. Default defaultLimits (app/plugins/limits). */
  limits?: RequestLimits;
}

export interface RunningServer {
  url: string;
  port: number;
  apollo: ApolloServer<RequestContext>;
  stop(): Promise<void>;
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(Object.assign(new Error(`request body larger than ${maxBytes} bytes`), { status: 413 }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export async function startServer(options: ServerOptions, listen: { host: string; port: number }): Promise<RunningServer> {
  const { db, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const limits = options.limits ?? defaultLimits;
  const httpServer = http.createServer();
  const apollo = new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    // graphql-js stops parsing a document at this many tokens (see plugins/limits).
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: createErrorFormatter({ debug: options.debugErrors ?? false, log, limits }),
    includeStacktraceInErrorResponses: options.debugErrors ?? false,
    // Cache control is off: nothing here sets cache hints, and its per-field hook wraps every resolver.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), limitsPlugin(limits), loggingPlugin(log)],
  });
  await apollo.start();

  httpServer.on('request', (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/health' && request.method === 'GET') {
        try {
          await db.ping(2000);
          sendJson(response, 200, { status: 'ok', neo4j: 'up' });
        } catch {
          sendJson(response, 503, { status: 'unavailable', neo4j: 'down' });
        }
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(response, 404, { error: 'not found: POST /graphql or GET /health' });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (request.method === 'POST') {
        const raw = await readBody(request, maxBodyBytes);
        try {
          body = raw.length > 0 ? JSON.parse(raw) : undefined;
        } catch {
          sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method ?? 'GET', headers, search: url.search, body };
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => createRequestContext(db),
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    })().catch((error: Error & { status?: number }) => {
      log.error(`http: ${error.message}`);
      if (!response.headersSent) sendJson(response, error.status ?? 500, { errors: [{ message: error.status ? error.message : 'Internal server error' }] });
      else response.end();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new ConfigError(`port ${listen.port} on ${listen.host} is already in use: set PORT to a free port`) : error),
      );
      httpServer.listen(listen.port, listen.host, () => resolve());
    });
  } catch (error) {
    // The server that could not listen must not leave a started Apollo behind.
    await apollo.stop();
    throw error;
  }
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return {
    url: `http://${listen.host}:${port}/graphql`,
    port,
    apollo,
    stop: () => apollo.stop(),
  };
}
