/**
 * GraphQL stage 5, admission: the request takes a place among maxRequestsInFlight
 * (plugins/overload), waiting in the admission queue when none is free, and gives it back once
 * answered. A request that finds the queue full or waits in vain is refused with 503,
 * Retry-After and SERVICE_OVERLOADED. One whose client leaves, or whose deadline passes, while it
 * waits leaves the queue: the first is answered to no one, the second with its QUERY_TIMEOUT.
 */
import { RequestCancelledError } from '../../core/db/request-runner';
import { httpRefusalOf } from '../../core/errors';
import { HttpRefusal } from '../../core/http/refusal';
import type { AdmissionOutcome } from '../../core/http/admission-queue';
import type { Metrics } from '../plugins/metrics';
import { overloadedRefusal, overloadedRetryAfterSeconds, type Admission } from '../plugins/overload';
import type { AdmissionMetrics } from '../plugins/overload/metrics';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export function admit(admission: Admission, metrics: Metrics, admissionMetrics: AdmissionMetrics): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    const outcome = await waitForPlace(admission, exchange, metrics);
    if (!outcome) return;
    admissionMetrics.waited(outcome);
    if (!outcome.admitted) {
      const refusal = overloadedRefusal(admission, outcome.reason);
      metrics.refused('SERVICE_OVERLOADED', String(refusal.extensions.limit));
      exchange.log.debug({ reason: outcome.reason, waitedMs: outcome.waitedMs }, 'refused: too many requests in flight and waiting');
      throw new HttpRefusal(503, 'SERVICE_OVERLOADED', refusal.message, refusal.extensions, {
        'retry-after': String(overloadedRetryAfterSeconds),
      });
    }
    try {
      await next();
    } finally {
      outcome.leave();
    }
  };
}

/** The queue's answer; null when the client left while waiting (nobody to answer). */
async function waitForPlace(admission: Admission, exchange: GraphQLExchange, metrics: Metrics): Promise<AdmissionOutcome | null> {
  try {
    return await admission.enter({ signal: exchange.watch.signal });
  } catch (reason) {
    if (reason instanceof RequestCancelledError) {
      metrics.refused('CLIENT_CLOSED_REQUEST', 'none');
      exchange.log.debug('client closed the connection while its request waited for a place');
      return null;
    }
    // The deadline passed while it waited: QUERY_TIMEOUT naming requestDeadlineMs, from the error table.
    throw httpRefusalOf(reason) ?? reason;
  }
}
