/** GET /metrics: the Prometheus registry of plugins/metrics, behind AUTH_METRICS_ROLE when set (read-gate.ts). */
import type http from 'node:http';
import type { HttpRoute } from '../../core/http/route';
import type { Metrics } from '../plugins/metrics';

export function metricsRoute(metrics: Metrics, gate: (request: http.IncomingMessage) => Promise<void>): HttpRoute {
  return {
    matches: (request, url) => url.pathname === '/metrics' && request.method === 'GET',
    async handle({ request, response }) {
      await gate(request);
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
    },
  };
}
