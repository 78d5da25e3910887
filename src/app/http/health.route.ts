/** GET /health, for probes: 200 when Neo4j answers a ping within 2 s, else 503. */
import type { Database } from '../../core/db/database';
import type { HttpRoute } from '../../core/http/route';
import { sendJson } from './exchange';

const pingTimeoutMs = 2000;

export function healthRoute(db: Database): HttpRoute {
  return {
    matches: (request, url) => url.pathname === '/health' && request.method === 'GET',
    async handle({ response }) {
      try {
        await db.ping(pingTimeoutMs);
        sendJson(response, 200, { status: 'ok', neo4j: 'up' });
      } catch {
        sendJson(response, 503, { status: 'unavailable', neo4j: 'down' });
      }
    },
  };
}
