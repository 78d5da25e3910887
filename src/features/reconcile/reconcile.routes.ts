/**
 * /reconcile: an OpenRefine-compatible Reconciliation Service (API 0.2), as plain HTTP routes
 * beside the exports. GET or POST /reconcile answers the manifest, or with `queries=` (query
 * string, form or JSON body) a batch; /reconcile/preview?id= a candidate's card;
 * /reconcile/suggest/{entity,type,property}?prefix= auto-completion. Reading follows the
 * service's read rules (AUTH_READS, tokens) like Query.search. A malformed request is refused
 * with its HTTP status (400, 405, 413) and the API's error body (`errors[0]` with
 * `extensions.code`, the argument and what was expected): the spec leaves error bodies open.
 * Every answer allows any origin (the spec requires CORS on every endpoint); nothing here
 * writes. docs/how-to/reconcile-a-spreadsheet.md describes it.
 */
import type http from 'node:http';
import type { Database } from '../../core/db/database';
import { httpRefusalOf, InvalidArgumentError } from '../../core/errors';
import { HttpRefusal } from '../../core/http/refusal';
import { readBody } from '../../core/http/read-body';
import type { HttpRoute, RouteRequest } from '../../core/http/route';
import { lookupIdForm, lookupIdPattern } from '../../core/model/registry';
import { reconcilePaths, serviceBase, serviceManifest } from './manifest';
import { missingCard, previewCard } from './preview';
import { maxQueryLength, parseBatch, parseTypes, queriesParameter } from './queries';
import { ReconcileRepository } from './reconcile.repository';
import { maxSuggestCursor, reconcileBatch, suggestEntities, suggestProperties, suggestTypes } from './reconcile';

/** Decides whether a request may read what the Query fields `fields` read; rejects with an HttpRefusal (401, 403, 503) when not. */
export type ReconcileGate = (request: http.IncomingMessage, fields: readonly string[]) => Promise<unknown>;

export interface ReconcileRoutesOptions {
  db: Database;
  gate: ReconcileGate;
  /** The service's version, for the manifest. */
  serviceVersion: string;
}

/** The largest body a batch may come in: 100 queries of 200 characters with their constraints fit many times over. */
export const maxReconcileBodyBytes = 256 * 1024;

/** What reconciliation reads: entities by name, as search does. */
const readsLike = ['search'];

type Handler = (route: RouteRequest, repository: ReconcileRepository, options: ReconcileRoutesOptions) => Promise<void>;

const handlers = new Map<string, Handler>([
  [reconcilePaths.service, answerService],
  [reconcilePaths.preview, answerPreview],
  [reconcilePaths.suggestEntity, answerSuggestEntity],
  [reconcilePaths.suggestType, async (route) => sendJson(route.response, 200, suggestTypes(prefixOf(route.url)), route.url)],
  [reconcilePaths.suggestProperty, async (route) => sendJson(route.response, 200, suggestProperties(prefixOf(route.url)), route.url)],
]);

export function reconcileRoutes(options: ReconcileRoutesOptions): HttpRoute[] {
  return [
    {
      matches: (_request, url) => url.pathname === reconcilePaths.service || url.pathname.startsWith(`${reconcilePaths.service}/`),
      handle: (route) => handleReconcile(route, options),
    },
  ];
}

async function handleReconcile(route: RouteRequest, options: ReconcileRoutesOptions): Promise<void> {
  const { request, response, url, signal, requestId } = route;
  response.setHeader('access-control-allow-origin', '*');
  try {
    const path = url.pathname.replace(/\/$/, '');
    const handler = handlers.get(path);
    if (!handler)
      throw new HttpRefusal(404, 'NOT_FOUND', `Nothing at ${url.pathname}; the service is at ${[...handlers.keys()].join(', ')}.`);
    const methods = path === reconcilePaths.service ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
    if (!methods.includes(request.method ?? ''))
      throw new HttpRefusal(
        405,
        'METHOD_NOT_ALLOWED',
        `${path} is read with ${methods.join(', ')}, not ${request.method}.`,
        {},
        { allow: methods.join(', ') },
      );
    await options.gate(request, readsLike);
    const read = (cypher: string, params: Record<string, unknown>) =>
      options.db.read(cypher, params, { signal, metadata: { requestId, reconcile: url.pathname } });
    await handler(route, new ReconcileRepository(read), options);
  } catch (error) {
    answerFailure(route, error);
  }
}

/** GET /reconcile: the manifest; with `queries` (query string, form or JSON body, GET or POST): the batch's results. */
async function answerService(route: RouteRequest, repository: ReconcileRepository, options: ReconcileRoutesOptions): Promise<void> {
  const { request, response, url } = route;
  const body = request.method === 'POST' ? await readBody(request, maxReconcileBodyBytes) : null;
  const queries = queriesParameter(url, body, request.headers['content-type']);
  if (queries === null) {
    sendJson(response, 200, serviceManifest(serviceBase(request), options.serviceVersion), url);
    return;
  }
  sendJson(response, 200, await reconcileBatch(repository, parseBatch(queries)), url);
}

async function answerPreview(route: RouteRequest, repository: ReconcileRepository): Promise<void> {
  const { request, response, url } = route;
  const id = url.searchParams.get('id') ?? '';
  if (!lookupIdPattern.test(id) || id.length > maxQueryLength) throw new InvalidArgumentError('id', lookupIdForm, id);
  const entity = await repository.entity(id);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    // The card is shown in OpenRefine's pop-up (a frame): it may be framed, and it runs nothing.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    'x-content-type-options': 'nosniff',
  };
  response.writeHead(entity ? 200 : 404, headers);
  response.end(entity ? previewCard(entity, `${serviceBase(request)}/explore#center=${encodeURIComponent(id)}`) : missingCard(id));
}

async function answerSuggestEntity(route: RouteRequest, repository: ReconcileRepository): Promise<void> {
  const { response, url } = route;
  const prefix = prefixOf(url);
  const cursorText = url.searchParams.get('cursor') ?? '0';
  const cursor = Number(cursorText);
  if (!/^\d{1,3}$/.test(cursorText) || cursor > maxSuggestCursor)
    throw new InvalidArgumentError('cursor', `a whole number from 0 to ${maxSuggestCursor}`, cursorText);
  const typeValues = url.searchParams.getAll('type');
  const types = parseTypes(typeValues.length > 0 ? typeValues : undefined, 'type');
  sendJson(response, 200, await suggestEntities(repository, prefix, types, cursor), url);
}

/** The `prefix` a suggest request types; refused when longer than a query may be. */
function prefixOf(url: URL): string {
  const prefix = url.searchParams.get('prefix') ?? '';
  if (prefix.length > maxQueryLength) throw new InvalidArgumentError('prefix', `at most ${maxQueryLength} characters`, prefix.length);
  return prefix;
}

/** JSON, or JSONP when the client names a `callback` (the spec allows it for older web clients). */
function sendJson(response: http.ServerResponse, status: number, body: unknown, url?: URL): void {
  const callback = url?.searchParams.get('callback');
  if (callback && /^[A-Za-z_$][\w$]{0,63}(\.[A-Za-z_$][\w$]{0,63}){0,3}$/.test(callback)) {
    response.writeHead(status, { 'content-type': 'application/javascript; charset=utf-8', 'x-content-type-options': 'nosniff' });
    response.end(`/**/${callback}(${JSON.stringify(body)});`);
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/**
 * A refusal as the API's JSON error (the error table's code, message and extensions); anything
 * else goes up to the refusals stage, which logs it and answers a bare INTERNAL_SERVER_ERROR.
 */
function answerFailure(route: RouteRequest, error: unknown): void {
  const { response, requestId, signal } = route;
  if (signal.aborted) return;
  const refusal = httpRefusalOf(error);
  if (!refusal || response.headersSent) throw error;
  response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', ...refusal.headers });
  response.end(
    JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions, requestId } }] }),
  );
}
