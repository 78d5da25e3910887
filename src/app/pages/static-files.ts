/**
 * Files from the built pages folder (dist/explorer, see explorer/vite.config.ts): the one place
 * that turns a URL path into a file, so that a request can never name a file outside the folder,
 * and that says how each file is typed and cached.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

/** Content types by extension; anything else is served as bytes. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file `relative` names inside `root`, or null when it names none: a segment that is empty,
 * `.` or `..`, a backslash or a NUL (after percent-decoding) is refused before the file system is
 * asked, and what is found must be a regular file whose real path is still inside `root`.
 */
export function resolveInside(root: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  const candidate = path.join(root, ...segments);
  try {
    const real = fs.realpathSync(candidate);
    const realRoot = fs.realpathSync(root);
    if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export interface ServeOptions {
  /** The name carries a content hash (Vite's assets): cached for a year, never revalidated. Default false: revalidated each time (ETag). */
  immutable?: boolean;
  /** Extra headers (a page's Content-Security-Policy). Default none. */
  headers?: Record<string, string>;
}

/** Sends `file` (GET, or its headers only for HEAD), answering 304 when the client's ETag still matches. */
export function sendFile(request: http.IncomingMessage, response: http.ServerResponse, file: string, options: ServeOptions = {}): void {
  const stat = fs.statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'content-type': contentTypeOf(file),
    'cache-control': options.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
    ...options.headers,
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': String(stat.size) });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', (error) => response.destroy(error))
    .pipe(response);
}
