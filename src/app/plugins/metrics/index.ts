/**
 * Prometheus metrics (prom-client), served as text at GET /metrics: requests by root field and
 * outcome code, their latency and cost, Neo4j statement times, and Node's own process metrics.
 *
 * Labels are bounded: a request is labelled by its first root field (a schema field name, or
 * "none" when it never parsed), never by the client's operationName, which anyone can invent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../../core/db/database';
import { supervisorStates, type SupervisorStatus } from '../../../core/db/supervisor';

export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin<object>;
  /** Stops timing the database's statements (the server's stop calls it). */
  stop(): void;
}

/**
 * The embedded Neo4j's supervisor, read at each scrape: its restarts as a counter and its state
 * as one gauge per state (1 for the current one), the usual Prometheus form of an enum.
 */
function neo4jProcessMetrics(registry: Registry, supervisor: { status(): SupervisorStatus }): void {
  new Counter({
    name: 'coopgraph_neo4j_restarts_total',
    help: 'Restarts of the embedded Neo4j by its supervisor after its JVM died',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(supervisor.status().restarts);
    },
  });
  new Gauge({
    name: 'coopgraph_neo4j_embedded_state',
    help: 'State of the embedded Neo4j (up, down, restarting, stopping, stopped, failed): 1 for the current one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = supervisor.status().state;
      for (const state of supervisorStates) this.set({ state }, state === current ? 1 : 0);
    },
  });
}

/**
 * A registry of our own per server, so two servers in one process (tests) never share counts.
 * `supervisor` (the embedded Neo4j's, when this process runs one) adds its restarts and state.
 */
export function createMetrics(db: Database, supervisor?: { status(): SupervisorStatus }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'coopgraph_' });
  const requests = new Counter({
    name: 'coopgraph_graphql_requests_total',
    help: 'GraphQL requests by first root field and outcome (OK or the first error code)',
    labelNames: ['root_field', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'coopgraph_graphql_request_duration_seconds',
    help: 'GraphQL request latency, from the start of parsing to the response',
    labelNames: ['root_field'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cost = new Histogram({
    name: 'coopgraph_graphql_request_cost',
    help: 'Computed cost of each request (plugins/limits), refused ones included',
    buckets: [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'coopgraph_neo4j_statement_duration_seconds',
    help: 'Neo4j statement time, by access mode and whether it succeeded',
    labelNames: ['mode', 'ok'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  if (supervisor) neo4jProcessMetrics(registry, supervisor);
  const stop = db.onStatementDone((event) => statements.observe({ mode: event.mode, ok: String(event.ok) }, event.seconds));

  const plugin: ApolloServerPlugin<object> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const selection = operation?.selectionSet.selections[0];
          const rootField = selection?.kind === 'Field' ? selection.name.value : 'none';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const code = body?.errors?.[0]?.extensions?.code;
          requests.inc({ root_field: rootField, code: typeof code === 'string' ? code : 'OK' });
          latency.observe({ root_field: rootField }, Number(process.hrtime.bigint() - started) / 1e9);
          const requested = (body?.extensions?.cost as { requested?: number | null } | undefined)?.requested;
          if (typeof requested === 'number') cost.observe(requested);
        },
      };
    },
  };
  return { registry, plugin, stop };
}
