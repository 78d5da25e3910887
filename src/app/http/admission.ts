/**
 * GraphQL stage 5, admission: the request takes a place among maxRequestsInFlight
 * (plugins/overload) and gives it back once answered; with none free it is refused at once with
 * 503, Retry-After and SERVICE_OVERLOADED.
 */
import { HttpRefusal } from '../../core/http/refusal';
import type { Metrics } from '../plugins/metrics';
import { overloadedRefusal, overloadedRetryAfterSeconds, type Admission } from '../plugins/overload';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export function admit(admission: Admission, metrics: Metrics): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    const leave = admission.enter();
    if (!leave) {
      metrics.refused('SERVICE_OVERLOADED', 'maxRequestsInFlight');
      exchange.log.debug({ maximum: admission.limit }, 'refused: too many requests in flight');
      const refusal = overloadedRefusal(admission.limit);
      throw new HttpRefusal(503, 'SERVICE_OVERLOADED', refusal.message, refusal.extensions, {
        'retry-after': String(overloadedRetryAfterSeconds),
      });
    }
    try {
      await next();
    } finally {
      leave();
    }
  };
}
