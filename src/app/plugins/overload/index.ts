/**
 * Back-pressure. The server works on at most LIMIT_REQUESTS_IN_FLIGHT GraphQL requests at once;
 * past that a request waits in a queue of ADMISSION_QUEUE_SIZE, first come first served, for
 * ADMISSION_QUEUE_WAIT_MS at most (core/http/admission-queue.ts). Only a request that finds the
 * queue full, or waits in vain, is refused: HTTP 503, `Retry-After` and SERVICE_OVERLOADED. A
 * burst is served a little later instead of bounced, and the queue's bounds keep what waiting
 * costs bounded. A full Neo4j connection pool is answered the same way
 * (core/db/database-errors.ts DatabaseOverloadedError, plugins/errors).
 */

import { overloadedRetryAfterSeconds } from '../../../core/errors';
import { AdmissionQueue, type AdmissionDenial } from '../../../core/http/admission-queue';

// Declared with the error codes it belongs to; server.ts finds it here.
export { overloadedRetryAfterSeconds };

/** How requests past the in-flight limit wait; read from the environment by app/config.ts. */
export interface AdmissionOptions {
  /**
   * ADMISSION_QUEUE_SIZE: requests that may wait for a place; one more is refused at once.
   * Default 128: 50 clients on the documented mix wait instead of bouncing, and each waiting
   * request holds its body (at most the body limit) and a socket, not a Neo4j connection.
   */
  queueSize: number;
  /**
   * ADMISSION_QUEUE_WAIT_MS: how long a request may wait for a place before it is refused.
   * Default 5000: well inside REQUEST_DEADLINE_MS (15 s), which counts the wait too, so an
   * admitted request still has most of its deadline to run.
   */
  queueWaitMs: number;
}

export const defaultAdmission: AdmissionOptions = { queueSize: 128, queueWaitMs: 5000 };

/** The GraphQL requests' places: LIMIT_REQUESTS_IN_FLIGHT at once, and the queue before them. */
export class Admission extends AdmissionQueue {
  constructor(limit: number, options: AdmissionOptions = defaultAdmission) {
    super({ limit, queueSize: options.queueSize, queueWaitMs: options.queueWaitMs });
  }
}

/** The limit a refusal names: the queue was full, or the wait ran out. */
export const deniedLimit: Record<AdmissionDenial, 'admissionQueueSize' | 'admissionQueueWaitMs'> = {
  queueFull: 'admissionQueueSize',
  queueWait: 'admissionQueueWaitMs',
};

/** The refusal a request gets when it found the queue full or waited in vain: its message and extensions. */
export function overloadedRefusal(admission: Admission, reason: AdmissionDenial): { message: string; extensions: Record<string, unknown> } {
  const { limit, options } = admission;
  const why =
    reason === 'queueFull'
      ? `and ${options.queueSize} more are waiting (admissionQueueSize)`
      : `and none came free within ${options.queueWaitMs} ms (admissionQueueWaitMs)`;
  return {
    message: `The service is busy: it works on the ${limit} requests it takes at once (maxRequestsInFlight) ${why}; retry in ${overloadedRetryAfterSeconds} s.`,
    extensions:
      reason === 'queueFull'
        ? { code: 'SERVICE_OVERLOADED', limit: deniedLimit[reason], maximum: options.queueSize }
        : { code: 'SERVICE_OVERLOADED', limit: deniedLimit[reason], maximum: options.queueWaitMs },
  };
}
