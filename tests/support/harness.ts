/**
 * What integration tests share: a connection to the test Neo4j (see setup/global-setup.ts),
 * a real HTTP server on a free port, a GraphQL client, a Cypher query recorder and unique ids
 * so test files never collide.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/app/config';
import { connect } from '../../src/core/db/connect';
import type { Database, QueryEvent } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';
import { startServer, type RunningServer, type ServerOptions } from '../../src/app/server';

/**
 * The test database. What a test writes and reads itself (its fixtures, its checks) runs under the
 * import timeout, as the service's seeds and imports do: a busy machine (a CI runner beside other
 * jobs) must not fail a fixture on the API's 10 s query timeout. The API under test keeps that
 * timeout (startTestServer).
 */
export async function openTestDatabase(): Promise<Database> {
  const config = loadConfig();
  if (!config.neo4j.uri) throw new Error('NEO4J_URI is not set: run the tests through jest, whose global setup starts Neo4j');
  return connect({ ...config.neo4j, uri: config.neo4j.uri }, config.importTimeoutMs);
}

/**
 * A real HTTP server on a free port, answering under the API's query timeout (NEO4J_QUERY_TIMEOUT_MS);
 * `options` as the app's unless a test needs others (wider limits for N+1 guards).
 */
export function startTestServer(db: Database, options: Partial<Omit<ServerOptions, 'db' | 'log'>> = {}): Promise<RunningServer> {
  return startServer({ db: db.withTimeout(loadConfig().queryTimeoutMs), log: silentLogger, ...options }, { host: '127.0.0.1', port: 0 });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** POSTs a query over real HTTP; `T` is the shape the test expects in `data`; `headers` are added (an Authorization). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function graphql<T = any>(
  server: RunningServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** Records every Cypher query the database runs until `stop()`. */
export function recordQueries(db: Database): { queries: QueryEvent[]; stop: () => void } {
  const queries: QueryEvent[] = [];
  const stop = db.onQuery((event) => queries.push(event));
  return { queries, stop };
}

/** A slug unique to one test run, e.g. uniqueSlug('pagination') -> "pagination-3f9a1c". */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Registers beforeAll/afterAll that open the test database and a real HTTP server on it, and
 * hands both to `use` once they are up; closes them after the file's tests.
 */
export function useTestServer(
  use: (opened: { db: Database; server: RunningServer }) => void,
  options: Partial<Omit<ServerOptions, 'db' | 'log'>> = {},
): void {
  let opened: { db: Database; server: RunningServer } | undefined;
  beforeAll(async () => {
    const db = await openTestDatabase();
    opened = { db, server: await startTestServer(db, options) };
    use(opened);
  });
  afterAll(async () => {
    await opened?.server.stop();
    await opened?.db.close();
  });
}

interface WalkedPage {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Walks a connection page by page — forwards with first/after or backwards with last/before —
 * and returns the node ids in list order. `args` are the field's other arguments, e.g. `query: "asan"`.
 */
export async function walkConnection(
  server: RunningServer,
  field: string,
  args: string,
  pageSize: number,
  direction: 'forwards' | 'backwards',
): Promise<string[]> {
  const forwards = direction === 'forwards';
  const paging = forwards ? `first: ${pageSize}, after: $cursor` : `last: ${pageSize}, before: $cursor`;
  const query = `query($cursor: String) { page: ${field}(${args ? `${args}, ` : ''}${paging}) {
    edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const response: GraphQLResponse<{ page: WalkedPage }> = await graphql(server, query, { cursor });
    if (!response.data) throw new Error(`walking ${field}: ${JSON.stringify(response.errors)}`);
    const { edges, pageInfo } = response.data.page;
    const pageIds = edges.map((edge) => edge.node.id);
    if (forwards) ids.push(...pageIds);
    else ids.unshift(...pageIds);
    if (!(forwards ? pageInfo.hasNextPage : pageInfo.hasPreviousPage)) return ids;
    cursor = forwards ? pageInfo.endCursor : pageInfo.startCursor;
  }
}
