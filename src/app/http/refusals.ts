/**
 * Stage 2, refusals: whatever a later stage or route throws becomes the answer here. An
 * HttpRefusal (a body too large, too many requests in flight, a response over the cap) is
 * written with its status, code, extensions and headers (Retry-After); anything else is logged
 * with the request's id and answered as a bare INTERNAL_SERVER_ERROR, with no message or stack.
 */
import { HttpRefusal } from '../../core/http/refusal';
import { sendJson, type HttpExchange } from './exchange';
import type { Stage } from './pipeline';

export const answerRefusals: Stage<HttpExchange> = async (exchange, next) => {
  const { response, requestId } = exchange;
  try {
    await next();
  } catch (caught) {
    const error = caught as Error;
    if (error instanceof HttpRefusal) {
      if (!response.headersSent) {
        const extensions = { code: error.code, ...error.extensions, requestId };
        sendJson(response, error.status, { errors: [{ message: error.message, extensions }] }, error.headers);
      }
      return;
    }
    exchange.log.error({ error: error.message }, 'http');
    if (response.headersSent) response.end();
    else
      sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
  }
};
