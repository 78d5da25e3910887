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
import type { Database } from '../../core/db/database';
import { httpRefusalOf, QueryTimeoutError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { entitySpec, entityTypeNames } from '../../core/model/registry';
import { changesJsonl } from './formats/changes-jsonl';
import { bibtex } from './formats/bibtex';
import { citationsCsv } from './formats/citations-csv';
import { cslJson } from './formats/csl-json';
import type { ExportFormat } from './formats/format';
import { gexf } from './formats/gexf';
import { graphml } from './formats/graphml';
import { jsonLd } from './formats/jsonld';
import { nodesCsv } from './formats/nodes-csv';
import { relationsCsv } from './formats/relations-csv';
import { defaultExportOptions, type ExportOptions } from './options';
import { changeSelection, graphSelection } from './parameters';
import { ExportRepository } from './export.repository';
import { ExportStalledError, ResponseSink } from './sink';
import { ExportSlots, exportClient } from './slots';
import { versionLabel, type DatasetVersion, type DatasetVersionSource } from './version';
import { HttpRefusal } from '../../core/http/refusal';
import type { HttpRoute, RouteRequest } from '../../core/http/route';

/**
 * Decides whether a request may read what the Query fields `fields` read (the app's auth
 * settings: AUTH_READS, tokens); resolves when it may, rejects with an HttpRefusal (401, 403,
 * 503) when it may not. It resolves with the subject of a verified token (null without one),
 * whom the export counts against (one export a client: slots.ts).
 */
export type ReadGate = (request: http.IncomingMessage, fields: readonly string[]) => Promise<string | null>;

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
  /** The slots exports take (the server shares them with /metrics). Default slots of their own, sized by `options`. */
  slots?: ExportSlots;
}

interface Endpoint {
  format: ExportFormat<never>;
  /** The Query fields whose access rule the export follows. */
  reads: readonly string[];
  selection(query: URLSearchParams): unknown;
}

/** Where an export stands, for the progress lines of long exports. */
const progressEveryMs = 10_000;

/** What the export routes share: their options (defaults filled in), the database under the export timeout, the endpoints and the slots. */
interface ExportState {
  options: ExportRoutesOptions;
  exportOptions: Required<ExportOptions>;
  db: Database;
  endpoints: Map<string, Endpoint>;
  slots: ExportSlots;
}

export function exportRoutes(options: ExportRoutesOptions): HttpRoute[] {
  const exportOptions = { ...defaultExportOptions, ...options.options };
  const state: ExportState = {
    options,
    exportOptions,
    db: options.db.withTimeout(exportOptions.timeoutMs),
    endpoints: exportEndpoints(options.schema),
    slots: options.slots ?? new ExportSlots(exportOptions),
  };
  const handle = (route: ExportRouteRequest) => handleExport(state, route);
  return [{ matches: (_request: http.IncomingMessage, url: URL) => url.pathname.startsWith('/export/'), handle }];
}

/** Each export's path, format, the Query fields it reads and how it reads its parameters. */
function exportEndpoints(schema: GraphQLSchema): Map<string, Endpoint> {
  // A graph export reads what the list queries and Query.sources read.
  const listFields = [...entityTypeNames.map((type) => entitySpec(type).listField), 'sources'];
  const graph = (format: ExportFormat<ReturnType<typeof graphSelection>>): Endpoint => ({
    format: format as ExportFormat<never>,
    reads: listFields,
    selection: (query) => graphSelection(schema, query),
  });
  return new Map<string, Endpoint>(
    [
      graph(graphml),
      graph(gexf),
      graph(nodesCsv),
      graph(relationsCsv),
      graph(citationsCsv),
      graph(jsonLd),
      graph(bibtex),
      graph(cslJson),
      { format: changesJsonl as ExportFormat<never>, reads: ['changes'], selection: changeSelection },
    ].map((endpoint) => [`/export/${endpoint.format.file}`, endpoint]),
  );
}

async function handleExport(state: ExportState, route: ExportRouteRequest): Promise<void> {
  try {
    const { endpoint, selection, client } = await admit(state, route);
    const leave = await state.slots.take(client, route.signal);
    try {
      const version = await datasetVersion(state, route.signal);
      await streamExport(state, endpoint, selection, version, route);
    } finally {
      leave();
    }
  } catch (error) {
    answerFailure(state, route, error);
  }
}

/** The endpoint and parameters of a request that may start; throws the refusal of one that may not. */
async function admit(state: ExportState, route: ExportRouteRequest): Promise<{ endpoint: Endpoint; selection: unknown; client: string }> {
  const { request, url } = route;
  const { options, endpoints } = state;
  if (request.method !== 'GET')
    throw new HttpRefusal(405, 'METHOD_NOT_ALLOWED', `Exports are read with GET, not ${request.method}.`, {}, { allow: 'GET' });
  const endpoint = endpoints.get(url.pathname);
  if (!endpoint) throw new HttpRefusal(404, 'NOT_FOUND', `No export at ${url.pathname}; there are ${[...endpoints.keys()].join(', ')}.`);
  const subject = await options.gate(request, endpoint.reads);
  const selection = endpoint.selection(url.searchParams);
  return { endpoint, selection, client: exportClient(request, subject) };
}

/** The dataset version the export is stamped with; its computing past EXPORT_TIMEOUT_MS is the export's timeout. */
async function datasetVersion(state: ExportState, signal: AbortSignal): Promise<DatasetVersion> {
  try {
    return await state.options.versions.current({ signal });
  } catch (error) {
    if (error instanceof QueryTimeoutError) throw new QueryTimeoutError(error.timeoutMs, { cause: error }, 'exportTimeoutMs');
    throw error;
  }
}

async function streamExport(
  state: ExportState,
  endpoint: Endpoint,
  selection: unknown,
  version: DatasetVersion,
  route: ExportRouteRequest,
): Promise<void> {
  const { response, signal, requestId } = route;
  const { log } = state.options;
  const { timeoutMs, stallMs } = state.exportOptions;
  const { file, contentType } = endpoint.format;
  response.writeHead(200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="coopgraph-${version.hash}-${file}"`,
    'x-dataset-version': versionLabel(version),
    'x-content-type-options': 'nosniff',
  });
  const sink = new ResponseSink(response, signal, timeoutMs, stallMs);
  const started = Date.now();
  const megabytes = () => (sink.bytes / 1e6).toFixed(1);
  const seconds = (digits: number) => ((Date.now() - started) / 1000).toFixed(digits);
  const progress = setInterval(
    () => log.info(`export ${file}: ${megabytes()} MB sent in ${seconds(0)} s (request ${requestId})`),
    progressEveryMs,
  );
  try {
    await state.db.streamRead(
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
  log.info(`export ${file}: ${megabytes()} MB in ${seconds(1)} s (request ${requestId})`);
}

/**
 * A failure before anything streamed is answered as a JSON error from the error table; one
 * while streaming (the headers are out) cuts the response off and goes up to be logged.
 */
function answerFailure(state: ExportState, route: ExportRouteRequest, error: unknown): void {
  const { response, url, requestId, signal } = route;
  if (error instanceof ExportStalledError) {
    // Not a failure of the service: the client stopped reading, and its socket is gone already.
    state.options.log.info(`export ${url.pathname}: ${error.message} (request ${requestId})`);
    return;
  }
  if (response.headersSent) {
    if (!signal.aborted)
      state.options.log.error(`export ${url.pathname} failed while streaming: ${(error as Error).message} (request ${requestId})`);
    throw error;
  }
  if (signal.aborted) return;
  const refusal = httpRefusalOf(error);
  if (!refusal) throw error;
  response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', ...refusal.headers });
  response.end(
    JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions, requestId } }] }),
  );
}
