/**
 * Stage 1, request id: every request gets its id before anything else happens (the client's
 * sane X-Request-Id, else a fresh UUID; plugins/request-id), returned at once as the
 * X-Request-Id header so even a refused request carries it, and bound to a child logger that
 * every stage, route and Apollo plugin logs through: each line about the request has its id.
 */
import type http from 'node:http';
import type { Logger } from '../../core/logger';
import { abortWhenClientLeaves } from '../plugins/deadline';
import { requestIdFor } from '../plugins/request-id';
import type { HttpExchange } from './exchange';

/** The exchange a request starts the pipeline with. */
export function openExchange(request: http.IncomingMessage, response: http.ServerResponse, log: Logger): HttpExchange {
  const requestId = requestIdFor(request.headers['x-request-id']);
  response.setHeader('x-request-id', requestId);
  return {
    request,
    response,
    url: new URL(request.url ?? '/', 'http://localhost'),
    requestId,
    log: log.child({ requestId }),
    authorization: { kind: 'none' },
    signal: closedSignal(response),
  };
}

/** Aborted when the client closes the connection before its answer was sent (no deadline: a route keeps its own). */
function closedSignal(response: http.ServerResponse): AbortSignal {
  const controller = new AbortController();
  abortWhenClientLeaves(response, controller);
  return controller.signal;
}
