/**
 * GraphQL stage 1, deadline: the request's watch (plugins/deadline) counts from its arrival at
 * the GraphQL route, and the client leaving stops it too. Once the answer is out the watch
 * stops, and a request whose work was stopped early says why in the log.
 */
import { RequestCancelledError } from '../../core/db/request-runner';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export const watchDeadline: Stage<GraphQLExchange> = async (exchange, next) => {
  try {
    await next();
  } finally {
    exchange.watch.dispose();
    logStopped(exchange);
  }
};

/** Logs why a request's work was stopped early, if it was: its deadline, or its client leaving. */
function logStopped({ watch, log }: GraphQLExchange): void {
  if (!watch.signal.aborted) return;
  if (watch.signal.reason instanceof RequestCancelledError) log.debug('client closed the connection; its statements were cancelled');
  else log.info({ deadlineMs: watch.deadlineMs }, 'deadline passed; its statements were cancelled');
}
