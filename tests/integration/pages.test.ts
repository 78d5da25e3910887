/**
 * The pages' HTTP side (src/app/pages) over real HTTP, on a folder of its own: the landing page
 * at / and at GET /graphql for a browser, while GraphQL GETs and POSTs still reach Apollo;
 * content types, caching and ETags; no way out of the assets folder; 404 for unknown assets;
 * 503 when the pages were never built.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { pageRoutes } from '../../src/app/pages/routes';
import { openTestDatabase, startTestServer } from '../support/harness';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-pages-'));
const pages = path.join(root, 'pages');
const landing = '<!doctype html><title>landing</title>';
const script = 'console.log("asset");';

let db: Database;
let server: RunningServer;
let unbuilt: RunningServer;

beforeAll(async () => {
  for (const [file, text] of [
    ['index.html', landing],
    ['explore/index.html', '<!doctype html><title>explorer</title>'],
    ['graphiql/index.html', '<!doctype html><title>graphiql</title>'],
    ['docs/index.html', '<!doctype html><title>docs</title>'],
    ['review/index.html', '<!doctype html><title>review</title>'],
    ['docs/reference/limits.html', '<!doctype html><title>limits</title>'],
    ['assets/app-Ab12Cd34.js', script],
    ['assets/style-Zz99.css', 'body{}'],
    ['assets/font-Q1.woff2', 'font'],
    ['assets/sub/inner.svg', '<svg/>'],
  ]) {
    fs.mkdirSync(path.dirname(path.join(pages, file!)), { recursive: true });
    fs.writeFileSync(path.join(pages, file!), text!);
  }
  // What a traversal would try to reach: beside the pages folder and above it.
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CONTENT');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(pages, 'assets', 'link.txt'));
  db = await openTestDatabase();
  server = await startTestServer(db, { routes: pageRoutes({ dir: pages }) });
  unbuilt = await startTestServer(db, { routes: pageRoutes({ dir: path.join(root, 'never-built') }) });
});

afterAll(async () => {
  await server.stop();
  await unbuilt.stop();
  await db.close();
  fs.rmSync(root, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with its path sent exactly as written (fetch would normalise "..", this does not). */
function raw(
  target: RunningServer,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: target.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('pages', () => {
  test.each([
    ['/', landing],
    ['/explore', 'explorer'],
    ['/explore/', 'explorer'],
    ['/graphiql', 'graphiql'],
    ['/docs', 'docs'],
    ['/review', 'review'],
    ['/review/', 'review'],
    ['/docs/', 'docs'],
    ['/docs/reference/limits', 'limits'],
  ])('GET %s is its page: HTML, revalidated, with a same-origin-only policy', async (page, text) => {
    const response = await raw(server, page);
    expect(response.status).toBe(200);
    expect(response.body).toContain(text);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  test('GET /graphql from a browser (HTML, no query) is the landing page, not a CSRF error', async () => {
    const response = await raw(server, '/graphql', { headers: { accept: browserAccept } });
    expect(response.status).toBe(200);
    expect(response.body).toBe(landing);
    expect(response.headers.vary).toContain('accept');
  });

  test('GraphQL GETs with a query, GETs asking for JSON and POSTs still reach Apollo', async () => {
    const withQuery = await raw(server, '/graphql?query=%7B__typename%7D', {
      headers: { accept: browserAccept, 'apollo-require-preflight': 'true' },
    });
    expect(withQuery.status).toBe(200);
    expect(JSON.parse(withQuery.body).data).toEqual({ __typename: 'Query' });
    // Apollo's CSRF prevention still holds for a GraphQL GET without a preflight header.
    const unsafe = await raw(server, '/graphql?query=%7B__typename%7D', { headers: { accept: browserAccept } });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body).not.toContain('<title>');
    const json = await raw(server, '/graphql', { headers: { accept: 'application/json' } });
    expect(json.headers['content-type']).not.toContain('text/html');
    const post = await raw(server, '/graphql', {
      method: 'POST',
      headers: { accept: browserAccept, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(JSON.parse(post.body).data).toEqual({ __typename: 'Query' });
  });

  test('HEAD is the headers without the body; other methods on a page are not pages', async () => {
    const head = await raw(server, '/explore', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('<!doctype html><title>explorer</title>')));
    const post = await raw(server, '/explore', { method: 'POST' });
    expect(post.status).toBe(404);
  });

  test.each(['/docs/reference/missing', '/docs/reference/limits.html', '/docs/..%2f..%2fsecret.txt', '/docs/..%2fdocs%2findex'])(
    'a documentation page that is not built, or outside docs/, is a 404: %s',
    async (page) => {
      const response = await raw(server, page);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('TOP-SECRET');
      expect(response.headers['content-type']).toContain('application/json');
    },
  );

  test('never built: a page says how to build it (503), with no stack or path outside the project', async () => {
    const response = await raw(unbuilt, '/explore');
    expect(response.status).toBe(503);
    expect(response.body).toContain('run npm run build');
  });
});

describe('assets', () => {
  test.each([
    ['/assets/app-Ab12Cd34.js', 'text/javascript; charset=utf-8'],
    ['/assets/style-Zz99.css', 'text/css; charset=utf-8'],
    ['/assets/font-Q1.woff2', 'font/woff2'],
    ['/assets/sub/inner.svg', 'image/svg+xml'],
  ])('%s is %s, cached for a year as immutable', async (asset, type) => {
    const response = await raw(server, asset);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('an ETag that still matches is 304 without a body', async () => {
    const first = await raw(server, '/assets/app-Ab12Cd34.js');
    expect(first.body).toBe(script);
    const again = await raw(server, '/assets/app-Ab12Cd34.js', { headers: { 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  test.each([
    '/assets/missing-0000.js',
    '/assets/',
    '/assets/sub',
    '/assets/sub/',
    '/assets/../secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/sub/..%2f..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/app-Ab12Cd34.js%00.png',
    '/assets/%2fetc%2fpasswd',
    '/assets//etc/passwd',
    '/assets/link.txt',
    '/assets/%E0%A4%A',
  ])('%s is a 404 that reveals nothing', async (asset) => {
    const response = await raw(server, asset);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('TOP-SECRET');
    expect(response.body).not.toContain('root:');
    expect(response.headers['content-type']).toContain('application/json');
  });
});
