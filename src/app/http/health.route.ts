/**
 * Probes. GET /health/live: the process answers (200 whenever it can answer at all).
 * GET /health/ready, and GET /health as before: 200 only when a real read of the graph succeeds
 * within 2 s, after any restart of Neo4j and the warm-up that follows it (readiness.ts); else
 * 503 with Retry-After, while API requests are refused the same way (DATABASE_UNAVAILABLE).
 * A Bolt connection alone is not readiness: after a restart it answers long before reads do.
 */
import type { Database } from '../../core/db/database';
import { readOnce } from '../../core/db/recovery';
import { unavailableRetryAfterSeconds } from '../../core/errors/error-codes';
import type { HttpRoute } from '../../core/http/route';
import { sendJson } from './exchange';
import type { Readiness } from './readiness';

const readTimeoutMs = 2000;
const retryAfter = { 'retry-after': String(unavailableRetryAfterSeconds) };

export function liveRoute(): HttpRoute {
  return {
    matches: (request, url) => url.pathname === '/health/live' && request.method === 'GET',
    async handle({ response }) {
      sendJson(response, 200, { status: 'ok' });
    },
  };
}

export function healthRoute(db: Database, readiness: Readiness): HttpRoute {
  return {
    matches: (request, url) => (url.pathname === '/health' || url.pathname === '/health/ready') && request.method === 'GET',
    async handle({ response }) {
      const waitingFor = readiness.waitingFor;
      if (waitingFor !== null) {
        sendJson(response, 503, { status: 'unavailable', neo4j: waitingFor === 'recovery' ? 'recovering' : 'warming up' }, retryAfter);
        return;
      }
      try {
        await readOnce(db, readTimeoutMs);
        sendJson(response, 200, { status: 'ok', neo4j: 'up' });
      } catch {
        sendJson(response, 503, { status: 'unavailable', neo4j: 'down' }, retryAfter);
      }
    },
  };
}
