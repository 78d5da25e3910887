/**
 * Stage 3, CORS, for the configured origins only (CORS_ORIGINS): their requests get
 * Access-Control-Allow-Origin, and their preflight (OPTIONS) is answered here without going
 * further. Other origins get no header, so a browser keeps them out.
 */
import type { HttpExchange } from './exchange';
import type { Stage } from './pipeline';

export function cors(origins: readonly string[]): Stage<HttpExchange> {
  return async ({ request, response }, next) => {
    const origin = request.headers.origin;
    if (!origin || !origins.includes(origin)) return next();
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'origin');
    if (request.method !== 'OPTIONS') return next();
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
    response.end();
  };
}
