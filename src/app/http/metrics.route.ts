/** GET /metrics: the Prometheus registry of plugins/metrics. */
import type { HttpRoute } from '../../core/http/route';
import type { Metrics } from '../plugins/metrics';

export function metricsRoute(metrics: Metrics): HttpRoute {
  return {
    matches: (request, url) => url.pathname === '/metrics' && request.method === 'GET',
    async handle({ response }) {
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
    },
  };
}
