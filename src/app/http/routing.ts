/**
 * Stage 5, routing: the first route of the table that matches answers the request (health,
 * metrics, pages, exports, GraphQL: server.ts lists them); none is a 404 naming what is served.
 */
import type { HttpRoute } from '../../core/http/route';
import { sendJson, type HttpExchange } from './exchange';
import type { Stage } from './pipeline';

export function routing(routes: readonly HttpRoute<HttpExchange>[]): Stage<HttpExchange> {
  return async (exchange) => {
    const route = routes.find((candidate) => candidate.matches(exchange.request, exchange.url));
    if (route) await answerRoute(route, exchange);
    else sendJson(exchange.response, 404, { error: 'not found: POST /graphql, GET /health or GET /metrics' });
  };
}

/** A route's answer; a failure after its headers went out can only end the response. */
async function answerRoute(route: HttpRoute<HttpExchange>, exchange: HttpExchange): Promise<void> {
  try {
    await route.handle(exchange);
  } catch (error) {
    if (!exchange.response.headersSent) throw error;
    exchange.response.destroy(error as Error);
  }
}
