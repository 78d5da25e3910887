/**
 * The admission queue in /metrics: requests waiting now, and how long each waited, admitted or
 * refused. Registered on the server's registry beside the requests in flight (plugins/metrics).
 */
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { AdmissionOutcome, AdmissionQueue } from '../../../core/http/admission-queue';

export interface AdmissionMetrics {
  /** Records one request's wait for a place, and whether it got one. */
  waited(outcome: AdmissionOutcome): void;
}

export function admissionMetrics(registry: Registry, queue: AdmissionQueue): AdmissionMetrics {
  new Gauge({
    name: 'coopgraph_graphql_requests_queued',
    help: 'GraphQL requests waiting for a place among LIMIT_REQUESTS_IN_FLIGHT now (ADMISSION_QUEUE_SIZE refuses more)',
    registers: [registry],
    collect() {
      this.set(queue.queued);
    },
  });
  const waits = new Histogram({
    name: 'coopgraph_graphql_admission_wait_seconds',
    help: 'How long GraphQL requests waited for a place (0 when one was free), by outcome: admitted, queueFull or queueWait',
    labelNames: ['outcome'],
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    waited: (outcome) => waits.observe({ outcome: outcome.admitted ? 'admitted' : outcome.reason }, outcome.waitedMs / 1000),
  };
}
