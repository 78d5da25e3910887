/**
 * Prometheus metrics (prom-client), served as text at GET /metrics: requests by root field and
 * outcome code, their latency and cost, Neo4j statement times, Node's own process metrics and its
 * event-loop delay (./event-loop.ts);
 * for bounded execution, requests and statements in flight, the breaker's state and the
 * requests refused or cut short to protect the service.
 *
 * Labels are bounded: a request is labelled by its first root field (a schema field name, or
 * "none" when it never parsed), never by the client's operationName, which anyone can invent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../../core/db/database';
import { supervisorStates, type SupervisorStatus } from '../../../core/db/supervisor';
import { eventLoopDelayMetrics } from './event-loop';

export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin<object>;
  /** Stops timing the database's statements (the server's stop calls it). */
  stop(): void;
  /** Counts a refusal made outside Apollo (server.ts: requests in flight, response size), by code and limit. */
  refused(code: string, limit: string): void;
  /** Where the requests-in-flight gauge reads its value (the server's admission). */
  readRequestsInFlight(read: () => number): void;
}

/** Error codes counted as refusals (with the limit each names): the service protecting itself. */
const refusalCodes = new Set(['SERVICE_OVERLOADED', 'QUERY_TIMEOUT', 'TOO_MANY_STATEMENTS', 'RESPONSE_TOO_LARGE', 'CLIENT_CLOSED_REQUEST']);

/**
 * Bounded execution, read at each scrape or counted as it happens: requests in flight (what
 * LIMIT_REQUESTS_IN_FLIGHT caps), statements running in Neo4j (the driver does not expose its
 * pool's connections in use; each running statement holds one), whether the breaker is open
 * (Neo4j known down), and refusals by code and limit.
 */
function boundedExecutionMetrics(registry: Registry, db: Database) {
  let requestsInFlight = () => 0;
  new Gauge({
    name: 'coopgraph_graphql_requests_in_flight',
    help: 'GraphQL requests being worked on now (LIMIT_REQUESTS_IN_FLIGHT refuses more)',
    registers: [registry],
    collect() {
      this.set(requestsInFlight());
    },
  });
  const statementsRunning = new Gauge({
    name: 'coopgraph_neo4j_statements_in_flight',
    help: 'Cypher statements running in Neo4j now, each on its own pooled connection',
    registers: [registry],
  });
  new Gauge({
    name: 'coopgraph_neo4j_known_down',
    help: 'The circuit breaker: 1 while requests fail at once because Neo4j could not be reached, else 0',
    registers: [registry],
    collect() {
      this.set(db.knownDown ? 1 : 0);
    },
  });
  const refusals = new Counter({
    name: 'coopgraph_requests_refused_total',
    help: 'Requests refused or cut short to protect the service, by code and the limit reached (in-flight cap, pool, deadline, statements, response size; CLIENT_CLOSED_REQUEST: the client left)',
    labelNames: ['code', 'limit'],
    registers: [registry],
  });
  const started = db.onQuery(() => statementsRunning.inc());
  const ended = db.onStatementDone(() => statementsRunning.dec());
  return {
    refused: (code: string, limit: string) => refusals.inc({ code, limit }),
    readRequestsInFlight: (read: () => number) => {
      requestsInFlight = read;
    },
    /** Counts each distinct refusal code and limit in a response's errors once. */
    countErrors: (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => {
      const seen = new Set<string>();
      for (const error of errors ?? []) {
        const code = String(error.extensions?.code);
        const limit = typeof error.extensions?.limit === 'string' ? error.extensions.limit : 'none';
        if (!refusalCodes.has(code) || seen.has(`${code} ${limit}`)) continue;
        seen.add(`${code} ${limit}`);
        refusals.inc({ code, limit });
      }
    },
    stop: () => {
      started();
      ended();
    },
  };
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

/** Counts each GraphQL request by its first root field and outcome, with its latency and cost. */
function graphqlPlugin(registry: Registry, bounded: ReturnType<typeof boundedExecutionMetrics>): ApolloServerPlugin<object> {
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
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const selection = operation?.selectionSet.selections[0];
          const rootField = selection?.kind === 'Field' ? selection.name.value : 'none';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const code = body?.errors?.[0]?.extensions?.code;
          requests.inc({ root_field: rootField, code: typeof code === 'string' ? code : 'OK' });
          bounded.countErrors(body?.errors);
          latency.observe({ root_field: rootField }, Number(process.hrtime.bigint() - started) / 1e9);
          const requested = (body?.extensions?.cost as { requested?: number | null } | undefined)?.requested;
          if (typeof requested === 'number') cost.observe(requested);
        },
      };
    },
  };
}

/**
 * A registry of our own per server, so two servers in one process (tests) never share counts.
 * `supervisor` (the embedded Neo4j's, when this process runs one) adds its restarts and state.
 */
export function createMetrics(db: Database, supervisor?: { status(): SupervisorStatus }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'coopgraph_' });
  const statements = new Histogram({
    name: 'coopgraph_neo4j_statement_duration_seconds',
    help: 'Neo4j statement time, by access mode and whether it succeeded',
    labelNames: ['mode', 'ok'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  if (supervisor) neo4jProcessMetrics(registry, supervisor);
  const stop = db.onStatementDone((event) => statements.observe({ mode: event.mode, ok: String(event.ok) }, event.seconds));
  const bounded = boundedExecutionMetrics(registry, db);
  const stopEventLoop = eventLoopDelayMetrics(registry);

  const plugin = graphqlPlugin(registry, bounded);
  return {
    registry,
    plugin,
    stop: () => {
      stop();
      bounded.stop();
      stopEventLoop();
    },
    refused: bounded.refused,
    readRequestsInFlight: bounded.readRequestsInFlight,
  };
}
