/**
 * GET /export/<file>: the plain HTTP side of the exports. A request is checked completely before
 * anything streams (who may read, then every parameter), so a refusal is an ordinary JSON error
 * with its status and `extensions.code`; after that the dataset version is known (cached, or
 * computed once), the headers go out with it, and the file streams from ONE read transaction
 * with backpressure. A client that leaves aborts the route's signal: the session is closed and
 * Neo4j ends the transaction. The routes are core/http/route.ts's HttpRoute; app/routes.ts lists them.
 */
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import {
  DatabaseOverloadedError,
  DatabaseUnavailableError,
  QueryTimeoutError,
  TransactionMemoryError,
  type Database,
} from '../../core/db/database';
import { InvalidArgumentError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { entitySpec, entityTypeNames } from '../../core/model/registry';
import { changesJsonl } from './formats/changes-jsonl';
import { bibtex } from './formats/bibtex';
import { cslJson } from './formats/csl-json';
import type { ExportFormat } from './formats/format';
import { gexf } from './formats/gexf';
import { graphml } from './formats/graphml';
import { jsonLd } from './formats/jsonld';
import { nodesCsv } from './formats/nodes-csv';
import { relationsCsv } from './formats/relations-csv';
import { exportRetryAfterSeconds, type ExportOptions } from './options';
import { changeSelection, graphSelection } from './parameters';
import { ExportRepository } from './repository';
import { ResponseSink } from './sink';
import { versionLabel, type DatasetVersion, type DatasetVersionSource } from './version';
import { HttpRefusal } from '../../core/http/refusal';
import type { HttpRoute, RouteRequest } from '../../core/http/route';

/**
 * Decides whether a request may read what the Query fields `fields` read (the app's auth
 * settings: AUTH_READS, tokens); resolves when it may, rejects with an HttpRefusal (401, 403,
 * 503) when it may not.
 */
export type ReadGate = (request: http.IncomingMessage, fields: readonly string[]) => Promise<void>;

/** What an export route answers: core/http/route.ts's RouteRequest. */
export type ExportRouteRequest = RouteRequest;

export interface ExportRoutesOptions {
  db: Database;
  log: Logger;
  /** The API's schema: `filter=` is coerced against its EntityFilter. */
  schema: GraphQLSchema;
  versions: DatasetVersionSource;
  gate: ReadGate;
  options: ExportOptions;
}

interface Endpoint {
  format: ExportFormat<never>;
  /** The Query fields whose access rule the export follows. */
  reads: readonly string[];
  selection(query: URLSearchParams): unknown;
}

/** Where an export stands, for the progress lines of long exports. */
const progressEveryMs = 10_000;

export function exportRoutes(options: ExportRoutesOptions): HttpRoute[] {
  const { schema } = options;
  // A graph export reads what the list queries and Query.sources read.
  const listFields = [...entityTypeNames.map((type) => entitySpec(type).listField), 'sources'];
  const graph = (format: ExportFormat<ReturnType<typeof graphSelection>>): Endpoint => ({
    format: format as ExportFormat<never>,
    reads: listFields,
    selection: (query) => graphSelection(schema, query),
  });
  const endpoints = new Map<string, Endpoint>(
    [
      graph(graphml),
      graph(gexf),
      graph(nodesCsv),
      graph(relationsCsv),
      graph(jsonLd),
      graph(bibtex),
      graph(cslJson),
      { format: changesJsonl as ExportFormat<never>, reads: ['changes'], selection: changeSelection },
    ].map((endpoint) => [`/export/${endpoint.format.file}`, endpoint]),
  );
  const db = options.db.withTimeout(options.options.timeoutMs);
  let inFlight = 0;

  async function stream(endpoint: Endpoint, selection: unknown, version: DatasetVersion, route: ExportRouteRequest): Promise<void> {
    const { response, signal, requestId } = route;
    const { file, contentType } = endpoint.format;
    response.writeHead(200, {
      'content-type': contentType,
      'content-disposition': `attachment; filename="coopgraph-${version.hash}-${file}"`,
      'x-dataset-version': versionLabel(version),
      'x-content-type-options': 'nosniff',
    });
    const sink = new ResponseSink(response, signal, options.options.timeoutMs);
    const started = Date.now();
    const progress = setInterval(
      () =>
        options.log.info(
          `export ${file}: ${(sink.bytes / 1e6).toFixed(1)} MB sent in ${((Date.now() - started) / 1000).toFixed(0)} s (request ${requestId})`,
        ),
      progressEveryMs,
    );
    try {
      await db.streamRead(
        async (tx) => {
          await endpoint.format.write(sink, new ExportRepository(tx), selection as never, version);
          await sink.flush();
        },
        { signal, metadata: { requestId, export: file } },
      );
    } finally {
      clearInterval(progress);
    }
    response.end();
    options.log.info(
      `export ${file}: ${(sink.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s (request ${requestId})`,
    );
  }

  async function handle(route: ExportRouteRequest): Promise<void> {
    const { request, response, url, requestId, signal } = route;
    try {
      if (request.method !== 'GET')
        throw new HttpRefusal(405, 'METHOD_NOT_ALLOWED', `Exports are read with GET, not ${request.method}.`, {}, { allow: 'GET' });
      const endpoint = endpoints.get(url.pathname);
      if (!endpoint)
        throw new HttpRefusal(404, 'NOT_FOUND', `No export at ${url.pathname}; there are ${[...endpoints.keys()].join(', ')}.`);
      await options.gate(request, endpoint.reads);
      const selection = endpoint.selection(url.searchParams);
      if (inFlight >= options.options.maxInFlight) {
        throw new HttpRefusal(
          503,
          'SERVICE_OVERLOADED',
          `${options.options.maxInFlight} exports are streaming already (EXPORTS_IN_FLIGHT); retry in ${exportRetryAfterSeconds} s.`,
          { limit: 'maxExportsInFlight', maximum: options.options.maxInFlight },
          { 'retry-after': String(exportRetryAfterSeconds) },
        );
      }
      inFlight++;
      try {
        const version = await options.versions.current({ signal });
        await stream(endpoint, selection, version, route);
      } finally {
        inFlight--;
      }
    } catch (error) {
      if (response.headersSent) {
        if (!signal.aborted)
          options.log.error(`export ${url.pathname} failed while streaming: ${(error as Error).message} (request ${requestId})`);
        throw error;
      }
      if (signal.aborted) return;
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', ...refusal.headers });
      response.end(
        JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions, requestId } }] }),
      );
    }
  }

  return [{ matches: (_request: http.IncomingMessage, url: URL) => url.pathname.startsWith('/export/'), handle }];
}

/** The client error an export failure before streaming is; null for an internal one. */
function refusalOf(error: unknown): HttpRefusal | null {
  if (error instanceof HttpRefusal) return error;
  if (error instanceof InvalidArgumentError)
    return new HttpRefusal(400, 'BAD_USER_INPUT', error.message, { argument: error.argument, expected: error.expected });
  if (error instanceof DatabaseUnavailableError)
    return new HttpRefusal(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly.', {}, { 'retry-after': '5' });
  if (error instanceof DatabaseOverloadedError)
    return new HttpRefusal(
      503,
      'SERVICE_OVERLOADED',
      'The service is busy: no database connection came free; retry shortly.',
      { limit: 'maxPoolSize', maximum: error.maxPoolSize },
      { 'retry-after': '1' },
    );
  if (error instanceof QueryTimeoutError)
    return new HttpRefusal(
      503,
      'QUERY_TIMEOUT',
      `Computing the dataset version ran longer than its ${error.timeoutMs} ms (EXPORT_TIMEOUT_MS).`,
      { limit: 'exportTimeoutMs', maximum: error.timeoutMs },
    );
  if (error instanceof TransactionMemoryError && error.shared)
    return new HttpRefusal(
      503,
      'SERVICE_OVERLOADED',
      "The service is busy: the database's memory for transactions is taken by the work running now; retry shortly.",
      { limit: 'transactionMemory' },
      { 'retry-after': '1' },
    );
  if (error instanceof TransactionMemoryError)
    return new HttpRefusal(
      503,
      'TRANSACTION_MEMORY_EXCEEDED',
      'The export needed more database memory than a transaction may use; narrow it with a filter.',
    );
  return null;
}
