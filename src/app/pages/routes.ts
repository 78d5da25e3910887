/**
 * The browser pages (built by Vite from explorer/ into dist/explorer): the landing page at `/`
 * and at `GET /graphql` when a browser asks for HTML without a query (GraphQL GETs with a
 * `query` and every POST still reach Apollo, whose CDN landing page stays off), the explorer at
 * `/explore`, GraphiQL at `/graphiql`, the documentation at `/docs` (its contents) and
 * `/docs/<page>` (docs/<page>.md and README, rendered at build time), the review of a draft at
 * `/review`, and their hashed files under `/assets/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { projectRoot } from '../../core/project';
import type { HttpRoute, RouteRequest } from '../../core/http/route';
import { resolveInside, sendFile } from './static-files';

export interface PageOptions {
  /** The built pages. Default dist/explorer under the project root (what `npm run build` writes). */
  dir?: string;
}

/** Each page's path and the built file that is it. */
const pages: Record<string, string> = {
  '/': 'index.html',
  '/explore': 'explore/index.html',
  '/explore/': 'explore/index.html',
  '/graphiql': 'graphiql/index.html',
  '/graphiql/': 'graphiql/index.html',
  '/docs': 'docs/index.html',
  '/docs/': 'docs/index.html',
  '/review': 'review/index.html',
  '/review/': 'review/index.html',
};

/**
 * The pages may load and call this origin only: a script from elsewhere is blocked by the
 * browser, not only absent. Styles may be inline (Monaco and Cytoscape set them from script);
 * workers are files from /assets/.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const readMethods = new Set(['GET', 'HEAD']);

/** A browser navigating to /graphql: it asks for HTML and names no query (a GraphQL GET does). */
function browserAtGraphql(request: http.IncomingMessage, url: URL): boolean {
  return url.pathname === '/graphql' && !url.searchParams.has('query') && (request.headers.accept ?? '').includes('text/html');
}

function notFound(response: http.ServerResponse, what: string): void {
  response.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(JSON.stringify({ error: `not found: ${what}` }));
}

const docsPrefix = '/docs/';

/** The built file a page's path names; a documentation page's is found inside docs/ only, or null. */
function builtPage(dir: string, pathname: string): string | null {
  const page = pages[pathname];
  if (page) return path.join(dir, page);
  if (pathname.startsWith(docsPrefix)) return resolveInside(path.join(dir, 'docs'), `${pathname.slice(docsPrefix.length)}.html`);
  return path.join(dir, pages['/']!);
}

function pageRoute(dir: string): HttpRoute {
  return {
    matches: (request, url) =>
      readMethods.has(request.method ?? '') &&
      (url.pathname in pages || url.pathname.startsWith(docsPrefix) || browserAtGraphql(request, url)),
    async handle({ request, response, url }: RouteRequest) {
      const file = builtPage(dir, url.pathname);
      if (!file) {
        notFound(response, url.pathname);
        return;
      }
      if (!fs.existsSync(file)) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`The pages are not built (${path.relative(projectRoot, file)} is missing): run npm run build.\n`);
        return;
      }
      // /graphql serves HTML or JSON by Accept: caches must keep them apart.
      sendFile(request, response, file, { headers: { 'content-security-policy': contentSecurityPolicy, vary: 'accept' } });
    },
  };
}

function assetRoute(dir: string): HttpRoute {
  const root = path.join(dir, 'assets');
  return {
    matches: (request, url) => readMethods.has(request.method ?? '') && url.pathname.startsWith('/assets/'),
    async handle({ request, response, url }: RouteRequest) {
      // URL parsing removed plain `..` segments; encoded ones ("..%2f") are decoded and refused there.
      const file = resolveInside(root, url.pathname.slice('/assets/'.length));
      if (!file) notFound(response, url.pathname);
      else sendFile(request, response, file, { immutable: true });
    },
  };
}

export function pageRoutes(options: PageOptions = {}): HttpRoute[] {
  const dir = options.dir ?? path.resolve(projectRoot, 'dist/explorer');
  return [pageRoute(dir), assetRoute(dir)];
}
