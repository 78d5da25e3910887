/**
 * When a request must stop: its deadline (REQUEST_DEADLINE_MS) passed, or its client closed the
 * connection before the answer. Either aborts the request's signal, which its database door
 * (core/db/request-runner.ts) obeys: running statements are cancelled in Neo4j, none starts
 * after. The signal's reason is the error those statements reject with: QUERY_TIMEOUT naming
 * `requestDeadlineMs` for the deadline (what a client still connected reads), and
 * RequestCancelledError for a client gone (only logs and metrics see it).
 */
import type http from 'node:http';
import { QueryTimeoutError } from '../../../core/db/database';
import { RequestCancelledError } from '../../../core/db/request-runner';

export interface RequestWatch {
  signal: AbortSignal;
  /** When the deadline passes, in ms since the epoch. */
  deadlineAt: number;
  /** How long the request may take from its arrival, in ms. */
  deadlineMs: number;
  /** Moves the deadline to `deadlineMs` from the request's arrival (a mutation's longer budget, once the body says it is one). */
  extendTo(deadlineMs: number): void;
  /** Stops watching (the request is answered): call it once the response is sent. */
  dispose(): void;
}

/**
 * Aborts `controller` with RequestCancelledError when `response` closes before its answer is
 * complete (the client left; 'close' also follows a normal answer). Returns what stops watching.
 */
export function abortWhenClientLeaves(response: http.ServerResponse, controller: AbortController): () => void {
  const onClose = () => {
    if (!response.writableFinished) controller.abort(new RequestCancelledError());
  };
  response.once('close', onClose);
  return () => response.off('close', onClose);
}

/** Watches one request from now: its deadline `deadlineMs` away, and `response` closing unfinished. */
export function watchRequest(response: http.ServerResponse, deadlineMs: number): RequestWatch {
  const controller = new AbortController();
  const arrivedAt = Date.now();
  const arm = (ms: number, limit: 'requestDeadlineMs' | 'mutationDeadlineMs') =>
    setTimeout(() => controller.abort(new QueryTimeoutError(ms, undefined, limit)), arrivedAt + ms - Date.now());
  let timer = arm(deadlineMs, 'requestDeadlineMs');
  const stopWatchingClose = abortWhenClientLeaves(response, controller);
  const watch: RequestWatch = {
    signal: controller.signal,
    deadlineAt: arrivedAt + deadlineMs,
    deadlineMs,
    extendTo: (ms) => {
      clearTimeout(timer);
      timer = arm(ms, 'mutationDeadlineMs');
      watch.deadlineAt = arrivedAt + ms;
      watch.deadlineMs = ms;
    },
    dispose: () => {
      clearTimeout(timer);
      stopWatchingClose();
    },
  };
  return watch;
}
