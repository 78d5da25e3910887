/**
 * Prometheus metrics (prom-client), served as text at GET /metrics: requests by root field and
 * outcome code, their latency and cost, Neo4j statement times, and Node's own process metrics.
 *
 * Labels are bounded: a request is labelled by its first root field (a schema field name, or
 * "none" when it never parsed), never by the client's operationName, which anyone can invent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../../core/db/database';

export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin<object>;
  /** Stops timing the database's statements (the server's stop calls it). */
  stop(): void;
}

/** A registry of our own per server, so two servers in one process (tests) never share counts. */
export function createMetrics(db: Database): Metrics {
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
