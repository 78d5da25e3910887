/**
 * Bounded execution over real HTTP on the real Neo4j: a request's deadline and its client leaving
 * both stop its work in Neo4j (SHOW TRANSACTIONS finds none of its transactions left), a
 * request's statements run at most N at once, a request past the in-flight cap waits in the
 * admission queue and is refused with 503 SERVICE_OVERLOADED only past the queue (full, or its wait
 * run out), a full connection pool is refused with 503 SERVICE_OVERLOADED, an oversized answer is
 * replaced by RESPONSE_TOO_LARGE, and every request carries its id in the header, its errors
 * and its log lines.
 *
 * Slow statements: a Database whose every read first runs a CPU-bound Cypher statement (`burn`
 * rows counted one by one) in the request's own transaction settings, so a request can be made
 * to run for a while, or for hours, in Neo4j.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/app/config';
import { defaultLimits, type RequestLimits } from '../../src/app/plugins/limits';
import type { AdmissionOptions } from '../../src/app/plugins/overload';
import { startServer, type RunningServer } from '../../src/app/server';
import { connect } from '../../src/core/db/connect';
import { Database, type Params, type Row, type StatementOptions } from '../../src/core/db/database';
import type { Logger } from '../../src/core/logger';
import { openTestDatabase, recordQueries } from '../support/harness';
import { recordingLogger, type RecordingLogger } from '../support/recording-logger';

/** Rows Neo4j counts for a statement meant to outlive every test (hours on this machine). */
const forever = 1e12;

/** A statement of `rows` rows counted one by one: CPU work in Neo4j, checked for termination as it goes. */
const burnCypher = 'UNWIND range(1, $rows) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS burnt';

/** Every read first burns `rows` rows in Neo4j, then runs as asked; `running` counts reads in progress. */
class SlowDatabase extends Database {
  rows = forever;
  running = 0;
  mostRunning = 0;

  override async read(cypher: string, params: Params = {}, statement: StatementOptions = {}): Promise<Row[]> {
    this.running++;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    try {
      await super.read(burnCypher, { rows: this.rows }, statement);
      return await super.read(cypher, params, statement);
    } finally {
      this.running--;
    }
  }
}

/** A Database of its own (pool and timeout as asked), slow as SlowDatabase; queries never time out on their own. */
async function openSlowDatabase(pool: { maxPoolSize?: number; acquisitionTimeoutMs?: number } = {}): Promise<SlowDatabase> {
  const config = loadConfig();
  const settings = { maxPoolSize: pool.maxPoolSize ?? 16, acquisitionTimeoutMs: pool.acquisitionTimeoutMs ?? 2000 };
  const base = await connect({ ...config.neo4j, ...settings, uri: config.neo4j.uri! }, 600_000);
  return new SlowDatabase(base.driver, { database: config.neo4j.database, queryTimeoutMs: 600_000, ...settings });
}

const opened: { close(): Promise<void> }[] = [];
async function serve(
  db: Database,
  limits: Partial<RequestLimits> = {},
  log: Logger = recordingLogger(),
  admission?: AdmissionOptions,
): Promise<RunningServer> {
  const server = await startServer({ db, log, limits: { ...defaultLimits, ...limits }, admission }, { host: '127.0.0.1', port: 0 });
  opened.push({ close: () => server.stop() });
  return server;
}
async function slow(pool?: { maxPoolSize?: number; acquisitionTimeoutMs?: number }): Promise<SlowDatabase> {
  const db = await openSlowDatabase(pool);
  opened.push(db);
  return db;
}

let admin: Database;
beforeAll(async () => {
  admin = await openTestDatabase();
});
afterAll(async () => {
  for (const item of opened.reverse()) await item.close();
  await admin.close();
});

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
  ms: number;
}

/** POSTs a query with an optional X-Request-Id and abort signal. */
async function post(
  server: RunningServer,
  query: string,
  options: { requestId?: string; signal?: AbortSignal; body?: string } = {},
): Promise<Answer> {
  const started = Date.now();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.requestId !== undefined) headers['x-request-id'] = options.requestId;
  const response = await fetch(server.url, {
    method: 'POST',
    headers,
    body: options.body ?? JSON.stringify({ query }),
    signal: options.signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Answer['body'], ms: Date.now() - started };
}

/**
 * Polls `check` every 50 ms until it is true or `ms` passed; returns its last answer. What it waits
 * for announces itself nowhere: a Neo4j transaction starting or ending (SHOW TRANSACTIONS), the
 * count of running statements, a metric.
 */
async function eventually(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The ids of Neo4j's open transactions tagged with this request's id. */
async function transactionsOf(requestId: string): Promise<string[]> {
  const rows = await admin.read(
    'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.requestId = $requestId RETURN transactionId',
    { requestId },
  );
  return rows.map((row) => String(row.transactionId));
}

const metricsOf = async (server: RunningServer) => (await fetch(server.url.replace('/graphql', '/metrics'))).text();
/** The value of one sample line, e.g. sample(text, 'coopgraph_graphql_requests_in_flight'). */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('the deadline and the client leaving stop the request in Neo4j', () => {
  test('deadline: QUERY_TIMEOUT naming requestDeadlineMs, and no transaction of the request survives', async () => {
    const db = await slow();
    const log = recordingLogger();
    // One statement at a time: the second root field waits its turn, and must never start.
    const server = await serve(db, { requestDeadlineMs: 2000, maxStatementConcurrency: 1 }, log);
    const requestId = `deadline-${randomUUID()}`;
    const recorder = recordQueries(db);
    const answer = post(server, '{ a: agencies(first: 1) { totalCount } b: countries(first: 1) { totalCount } }', { requestId });
    // The request really runs in Neo4j (the query timeout is 10 minutes: only the deadline can end it).
    expect(await eventually(async () => (await transactionsOf(requestId)).length > 0)).toBe(true);
    const { status, body, ms, headers } = await answer;
    recorder.stop();

    expect(status).toBe(200);
    expect(headers.get('x-request-id')).toBe(requestId);
    // Both root fields are non-null: graphql-js reports the first that failed and nulls the data.
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual([
      { code: 'QUERY_TIMEOUT', limit: 'requestDeadlineMs', maximum: 2000, requestId },
    ]);
    expect(body.errors![0]!.message).toContain('2000 ms deadline');
    // Answered at the deadline, not when Neo4j would have finished (hours).
    expect(ms).toBeLessThan(2000 + 5000);
    expect(await eventually(async () => (await transactionsOf(requestId)).length === 0)).toBe(true);
    // The statement that waited its turn never started: only the first field's burn ran.
    expect(recorder.queries.map((query) => query.cypher)).toEqual([burnCypher]);
    expect(log.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ level: 'info', msg: 'deadline passed; its statements were cancelled', requestId, deadlineMs: 2000 }),
    );
  });

  test('client disconnect: its transaction is terminated in Neo4j at once (no timeout would end it for 10 minutes)', async () => {
    const db = await slow();
    const server = await serve(db, { requestDeadlineMs: 600_000 });
    const requestId = `gone-${randomUUID()}`;
    const client = new AbortController();
    const answer = post(server, '{ agencies(first: 1) { totalCount } }', { requestId, signal: client.signal }).catch(
      (error: Error) => error,
    );
    expect(await eventually(async () => (await transactionsOf(requestId)).length > 0)).toBe(true);
    client.abort();
    expect(await answer).toMatchObject({ name: 'AbortError' });
    // Generous: Neo4j reports the termination in well under a second.
    expect(await eventually(async () => (await transactionsOf(requestId)).length === 0, 10_000)).toBe(true);
    expect(await eventually(() => db.running === 0)).toBe(true);
    const metrics = await metricsOf(server);
    expect(sample(metrics, 'coopgraph_requests_refused_total{code="CLIENT_CLOSED_REQUEST",limit="none"}')).toBe(1);
    expect(sample(metrics, 'coopgraph_neo4j_statements_in_flight')).toBe(0);
    expect(sample(metrics, 'coopgraph_graphql_requests_in_flight')).toBe(0);
  });
});

describe("a request's statements", () => {
  const eightLists = `{ ${['agencies', 'countries', 'people', 'memoranda', 'trainings', 'awards', 'events', 'statistics'].map((field) => `${field}(first: 1) { totalCount }`).join(' ')} }`;

  test('run at most LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY at once, and do reach it', async () => {
    const db = await slow();
    // A few hundred ms each: long enough to overlap whenever they may.
    db.rows = 3_000_000;
    const capped = await serve(db, { maxStatementConcurrency: 3 });
    const answer = await post(capped, eightLists);
    expect(answer.body.errors).toBeUndefined();
    expect(db.mostRunning).toBe(3);

    // Without the cap, the same request runs more at once: the cap is what held it to 3.
    db.mostRunning = 0;
    const uncapped = await serve(db, { maxStatementConcurrency: 100 });
    expect((await post(uncapped, eightLists)).body.errors).toBeUndefined();
    expect(db.mostRunning).toBeGreaterThan(3);
  });

  test('past LIMIT_STATEMENTS_PER_REQUEST: TOO_MANY_STATEMENTS, and no statement past the cap is sent', async () => {
    const db = await openTestDatabase();
    opened.push(db);
    const server = await serve(db, { maxStatements: 2 });
    const recorder = recordQueries(db);
    const { status, body } = await post(server, eightLists);
    recorder.stop();
    expect(status).toBe(200);
    expect(recorder.queries.length).toBeLessThanOrEqual(2);
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'TOO_MANY_STATEMENTS',
      limit: 'maxStatements',
      maximum: 2,
      requestId: expect.any(String),
    });
  });
});

describe('back-pressure: queue, then shed', () => {
  const busyQuery = '{ agencies(first: 1) { totalCount } }';
  /** `count` requests that run in Neo4j until their clients abort them. */
  function hold(server: RunningServer, count: number) {
    const clients = Array.from({ length: count }, () => new AbortController());
    const answers = clients.map((client) => post(server, busyQuery, { signal: client.signal }).catch((error: Error) => error));
    return {
      release: async () => {
        for (const client of clients) client.abort();
        await Promise.all(answers);
      },
    };
  }
  const queued = async (server: RunningServer) => sample(await metricsOf(server), 'coopgraph_graphql_requests_queued');

  test('past LIMIT_REQUESTS_IN_FLIGHT a request waits and is served once a place frees; past the queue: 503 at once', async () => {
    const db = await slow();
    const server = await serve(db, { maxRequestsInFlight: 2 }, undefined, { queueSize: 1, queueWaitMs: 60_000 });
    const busy = hold(server, 2);
    expect(await eventually(() => db.running === 2)).toBe(true);

    const waiting = post(server, '{ __typename }', { requestId: 'waits' });
    expect(await eventually(async () => (await queued(server)) === 1)).toBe(true);
    const refused = await post(server, '{ __typename }', { requestId: 'beyond' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-request-id')).toBe('beyond');
    expect(refused.body.errors).toEqual([
      {
        message: expect.stringContaining('maxRequestsInFlight'),
        extensions: { code: 'SERVICE_OVERLOADED', limit: 'admissionQueueSize', maximum: 1, requestId: 'beyond' },
      },
    ]);
    // Generous: a full queue refuses without waiting for anything.
    expect(refused.ms).toBeLessThan(1000);

    await busy.release();
    const served = await waiting;
    expect([served.status, served.body.data]).toEqual([200, { __typename: 'Query' }]);
    const metrics = await metricsOf(server);
    expect(sample(metrics, 'coopgraph_graphql_requests_queued')).toBe(0);
    expect(sample(metrics, 'coopgraph_requests_refused_total{code="SERVICE_OVERLOADED",limit="admissionQueueSize"}')).toBe(1);
    // Every admitted request's wait is recorded, the one that waited among them.
    expect(sample(metrics, 'coopgraph_graphql_admission_wait_seconds_count{outcome="admitted"}')).toBe(3);
    expect(sample(metrics, 'coopgraph_graphql_admission_wait_seconds_count{outcome="queueFull"}')).toBe(1);
  });

  test('a request that waits past ADMISSION_QUEUE_WAIT_MS is refused: 503, Retry-After, SERVICE_OVERLOADED', async () => {
    const db = await slow();
    const server = await serve(db, { maxRequestsInFlight: 1 }, undefined, { queueSize: 10, queueWaitMs: 500 });
    const busy = hold(server, 1);
    expect(await eventually(() => db.running === 1)).toBe(true);
    const refused = await post(server, '{ __typename }');
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '1']);
    expect(refused.body.errors![0]!.extensions).toEqual({
      code: 'SERVICE_OVERLOADED',
      limit: 'admissionQueueWaitMs',
      maximum: 500,
      requestId: expect.any(String),
    });
    expect(refused.ms).toBeGreaterThanOrEqual(500);
    await busy.release();
  });

  test('a client that leaves while queued leaves the queue', async () => {
    const db = await slow();
    const server = await serve(db, { maxRequestsInFlight: 1 }, undefined, { queueSize: 10, queueWaitMs: 60_000 });
    const busy = hold(server, 1);
    expect(await eventually(() => db.running === 1)).toBe(true);
    const client = new AbortController();
    const leaving = post(server, '{ __typename }', { signal: client.signal }).catch((error: Error) => error);
    expect(await eventually(async () => (await queued(server)) === 1)).toBe(true);
    client.abort();
    expect(await leaving).toMatchObject({ name: 'AbortError' });
    expect(await eventually(async () => (await queued(server)) === 0)).toBe(true);
    expect(sample(await metricsOf(server), 'coopgraph_requests_refused_total{code="CLIENT_CLOSED_REQUEST",limit="none"}')).toBe(1);
    await busy.release();
    const admitted = await post(server, '{ __typename }');
    expect([admitted.status, admitted.body.data]).toEqual([200, { __typename: 'Query' }]);
  });
});

describe('back-pressure', () => {
  test('a full connection pool: SERVICE_OVERLOADED with 503 and Retry-After after NEO4J_ACQUISITION_TIMEOUT_MS; the breaker stays closed', async () => {
    const db = await slow({ maxPoolSize: 1, acquisitionTimeoutMs: 300 });
    const server = await serve(db);
    const holder = new AbortController();
    const holding = post(server, '{ agencies(first: 1) { totalCount } }', { signal: holder.signal }).catch((error: Error) => error);
    expect(await eventually(() => db.running === 1)).toBe(true);

    const waited = await post(server, '{ countries(first: 1) { totalCount } }');
    expect(waited.status).toBe(503);
    expect(waited.headers.get('retry-after')).toBe('1');
    expect(waited.body.errors![0]!.extensions).toEqual({
      code: 'SERVICE_OVERLOADED',
      limit: 'maxPoolSize',
      maximum: 1,
      requestId: expect.any(String),
    });
    expect(waited.body.errors![0]!.message).toContain('300 ms');
    expect(waited.ms).toBeLessThan(300 + 3000);
    // Neo4j is up: a busy pool must not open the breaker (that would fail everyone as DATABASE_UNAVAILABLE).
    expect(db.knownDown).toBe(false);
    const metrics = await metricsOf(server);
    expect(sample(metrics, 'coopgraph_neo4j_known_down')).toBe(0);
    expect(sample(metrics, 'coopgraph_requests_refused_total{code="SERVICE_OVERLOADED",limit="maxPoolSize"}')).toBe(1);

    holder.abort();
    await holding;
  });
});

describe('LIMIT_RESPONSE_BYTES', () => {
  const query = '{ countries(first: 100) { edges { node { id name } } } }';

  test('a larger answer is stopped at the budget as it is built and replaced by RESPONSE_TOO_LARGE naming the size reached and the maximum; a smaller one passes', async () => {
    const db = await openTestDatabase();
    opened.push(db);
    const full = await fetch((await serve(db)).url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const size = Buffer.byteLength(await full.text(), 'utf8');
    const maximum = 2048;
    expect(size).toBeGreaterThan(maximum);

    const server = await serve(db, { maxResponseBytes: maximum });
    const refused = await post(server, query, { requestId: 'big' });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    // Stopped once the answer built so far passed the maximum (plugins/response-size/budget.ts), not built whole first.
    const found = refused.body.errors?.[0]?.extensions?.found as number;
    expect(found).toBeGreaterThan(maximum);
    expect(found).toBeLessThan(size);
    expect(refused.body.errors).toEqual([
      {
        message: `The response grew past ${found} bytes while it was built, more than the ${maximum} allowed (maxResponseBytes); it was stopped there. Ask for less: a smaller page, fewer fields or levels.`,
        extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found, maximum, requestId: 'big' },
      },
    ]);
    const small = await post(server, '{ countries(first: 2) { edges { node { id } } } }');
    expect([small.status, small.body.errors]).toEqual([200, undefined]);
    expect(sample(await metricsOf(server), 'coopgraph_requests_refused_total{code="RESPONSE_TOO_LARGE",limit="maxResponseBytes"}')).toBe(1);
  });
});

describe('request ids', () => {
  let server: RunningServer;
  let log: RecordingLogger;
  beforeAll(async () => {
    const db = await openTestDatabase();
    opened.push(db);
    // Every read fails with an internal error, to show what the operator gets and the client does not.
    const failing = Object.assign(Object.create(db) as Database, { read: async () => Promise.reject(new Error('boom: MATCH (secret)')) });
    log = recordingLogger();
    server = await serve(failing, {}, log);
  });

  test('a sane X-Request-Id is kept; a missing or insane one is replaced by a fresh one', async () => {
    const kept = await post(server, '{ __typename }', { requestId: 'client-42.trace:7' });
    expect(kept.headers.get('x-request-id')).toBe('client-42.trace:7');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const insane of [undefined, '', 'has spaces', '"quoted"', 'x'.repeat(129)]) {
      expect((await post(server, '{ __typename }', { requestId: insane })).headers.get('x-request-id')).toMatch(uuid);
    }
    const health = await fetch(server.url.replace('/graphql', '/health'), { headers: { 'x-request-id': 'probe-1' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
  });

  test("every error carries the request's id: validation, refusals before Apollo, Apollo's own and resolver errors", async () => {
    const cases: [string, { query?: string; body?: string }, string][] = [
      ['validation', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
      ['not JSON', { body: '{' }, 'BAD_REQUEST'],
      ['no query (Apollo refuses it before its pipeline)', { body: '{}' }, 'BAD_REQUEST'],
      ['internal', { query: '{ agencies(first: 1) { totalCount } }' }, 'INTERNAL_SERVER_ERROR'],
    ];
    for (const [name, request, code] of cases) {
      const requestId = `errors-${name.replace(/\W+/g, '-')}`;
      const { body, headers } = await post(server, request.query ?? '', { requestId, body: request.body });
      expect([
        name,
        headers.get('x-request-id'),
        body.errors?.map((error) => [error.extensions?.code, error.extensions?.requestId]),
      ]).toEqual([name, requestId, [[code, requestId]]]);
    }
  });

  test("every log line about a request is JSON with the request's id; internals stay in the log", async () => {
    log.lines.length = 0;
    const requestId = 'logged-1';
    const { body } = await post(server, '{ agencies(first: 1) { totalCount } }', { requestId });
    expect(JSON.stringify(body)).not.toContain('secret');
    const lines = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.requestId).toBe(requestId);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'internal error',
        path: 'agencies',
        error: expect.stringContaining('boom: MATCH (secret)'),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 'debug', msg: 'graphql', errors: 1 }));
  });

  test("a request's log lines, from the HTTP stages and from Apollo's plugins, carry its id and no other request's", async () => {
    const db = await openTestDatabase();
    opened.push(db);
    const recorded = recordingLogger();
    const capped = await serve(db, { maxResponseBytes: 64 }, recorded);
    const [first, second] = await Promise.all([
      post(capped, '{ countries(first: 5) { edges { node { id name } } } }', { requestId: 'capped-1' }),
      post(capped, '{ countries(first: 5) { edges { node { id name } } } }', { requestId: 'capped-2' }),
    ]);
    expect([first.status, second.status]).toEqual([400, 400]);
    const byRequest = (requestId: string) =>
      recorded
        .records()
        .filter((record) => record.requestId === requestId)
        .map((record) => record.msg);
    // The response cap is a stage of the pipeline; 'graphql' is the logging plugin's line from inside Apollo.
    for (const requestId of ['capped-1', 'capped-2'])
      expect(byRequest(requestId).sort()).toEqual(['graphql', 'response too large; replaced by RESPONSE_TOO_LARGE']);
    expect(recorded.records().every((record) => record.requestId === 'capped-1' || record.requestId === 'capped-2')).toBe(true);
  });
});
