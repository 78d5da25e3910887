/**
 * Back-pressure. The server works on at most LIMIT_REQUESTS_IN_FLIGHT GraphQL requests at once;
 * one more is refused at once with HTTP 503, `Retry-After` and SERVICE_OVERLOADED rather than
 * queued, so a burst costs its clients a retry instead of every client a growing wait (and the
 * process its memory). A full Neo4j connection pool is answered the same way
 * (core/db/database-errors.ts DatabaseOverloadedError, plugins/errors).
 */

import { overloadedRetryAfterSeconds } from '../../../core/errors';

// Declared with the error codes it belongs to; server.ts finds it here.
export { overloadedRetryAfterSeconds };

/** Counts the requests in flight and admits one only while there is room. */
export class Admission {
  private active = 0;

  constructor(readonly limit: number) {}

  /** Requests in flight now. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * A place for one request, as the function that gives it back (call it when the request is
   * done; a second call does nothing), or null when all places are taken: refuse the request.
   */
  enter(): (() => void) | null {
    if (this.active >= this.limit) return null;
    this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active--;
    };
  }
}

/** The refusal a request gets when no place is free: its message and extensions. */
export function overloadedRefusal(limit: number): { message: string; extensions: Record<string, unknown> } {
  return {
    message: `The service is busy: it already works on the ${limit} requests it takes at once (maxRequestsInFlight); retry in ${overloadedRetryAfterSeconds} s.`,
    extensions: { code: 'SERVICE_OVERLOADED', limit: 'maxRequestsInFlight', maximum: limit },
  };
}
