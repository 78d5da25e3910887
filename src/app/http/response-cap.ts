/**
 * GraphQL stage 6, response cap: Apollo's answer (left on the exchange by apollo.ts) is written
 * out here, unless it is larger than maxResponseBytes: then it is replaced by RESPONSE_TOO_LARGE
 * (plugins/response-size); a 304 (plugins/response-cache) is written without a body. An error
 * answer Apollo gave before its request pipeline (a malformed request) gets the request's id
 * here, since no plugin saw it.
 */
import type { ServerResponse } from 'node:http';
import { HttpRefusal } from '../../core/http/refusal';
import type { Metrics } from '../plugins/metrics';
import { tagErrorBody } from '../plugins/request-id';
import { oversize, responseTooLarge } from '../plugins/response-size';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export function capResponse(maxResponseBytes: number, metrics: Metrics): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    await next();
    const { response, result } = exchange;
    if (!result) return;
    for (const [key, value] of result.headers) response.setHeader(key, key === 'vary' ? varyWith(response, value) : value);
    response.statusCode = result.status ?? 200;
    // The client's copy is current (plugins/response-cache): a 304 has no body.
    if (response.statusCode === 304) {
      response.end();
      return;
    }
    if (result.body.kind === 'chunked') {
      // Apollo streams only incremental delivery (@defer), which this schema never answers: no size cap here.
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
      return;
    }
    const bytes = oversize(result.body.string, maxResponseBytes);
    if (bytes !== null) {
      metrics.refused('RESPONSE_TOO_LARGE', 'maxResponseBytes');
      exchange.log.info({ bytes, maximum: maxResponseBytes }, 'response too large; replaced by RESPONSE_TOO_LARGE');
      const refusal = responseTooLarge(bytes, maxResponseBytes);
      throw new HttpRefusal(400, 'RESPONSE_TOO_LARGE', refusal.message, refusal.extensions);
    }
    // A status of 400 or more with no pipeline behind it (Apollo refusing a malformed request) has no id yet.
    response.end(response.statusCode >= 400 ? tagErrorBody(result.body.string, exchange.requestId) : result.body.string);
  };
}

/** Vary as the answer names it, after what an earlier stage set (CORS: origin). */
function varyWith(response: ServerResponse, value: string): string {
  const earlier = response.getHeader('vary');
  return earlier === undefined ? value : `${String(earlier)}, ${value}`;
}
