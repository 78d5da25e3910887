/**
 * The bad-input corpus: hostile and malformed requests (cases/*.ts) sent over real HTTP to the
 * server the app runs (harness), on the seeded test Neo4j.
 *
 * Every case must get the answer the API documents for it — a status and a specific error
 * code that is not INTERNAL_SERVER_ERROR, or, for odd but harmless input, an ordinary answer —
 * with nothing internal in the body (stack traces, Cypher, driver errors) and within a
 * generous time budget, since a refusal that takes seconds is a denial of service by itself.
 *
 * Around the whole corpus the graph's fingerprint (tests/support/graph-fingerprint.ts: every
 * node and relationship, read in one statement) must not change: no injection wrote anything,
 * whatever it got past. Afterwards the server must still answer an ordinary question.
 *
 * The short form (every `npm test`) sends each argument three injection payloads; RELIABILITY_FULL=1
 * (`npm run test:reliability`) sends every payload everywhere.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { graphql, useTestServer } from '../support/harness';
import { graphFingerprint, type GraphFingerprint } from '../support/graph-fingerprint';
import type { BadInputCase, Fixtures, HttpRequest, NormalAnswer, Refusal } from './cases/case';
import { transportCases } from './cases/transport';
import { documentCases } from './cases/documents';
import { limitCases } from './cases/limits';
import { valueCases } from './cases/values';
import { unicodeCases } from './cases/unicode';
import { injectionCases } from './cases/injection';
import { authCases } from './cases/auth';

const full = process.env.RELIABILITY_FULL === '1';
/** Generous: the slowest refusal or answer here takes a few hundred ms on a loaded 2-core machine. */
const budgetMs = 2000;

const cases: BadInputCase[] = [
  ...transportCases,
  ...documentCases,
  ...limitCases,
  ...valueCases,
  ...unicodeCases,
  ...authCases,
  ...injectionCases(full),
];

// A name is how a failure is found in the report: two cases with one name would hide each other.
const duplicates = cases.map((c) => c.name).filter((name, i, names) => names.indexOf(name) !== i);
if (duplicates.length > 0) throw new Error(`bad-input cases with the same name: ${duplicates.join(', ')}`);

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

let fixtures: Fixtures;
let before: GraphFingerprint;
const timings = new Map<string, number>();

/** Cursors only the running server can issue, for the edited and foreign cursor cases. */
async function readFixtures(): Promise<Fixtures> {
  const endCursor = '{ pageInfo { endCursor } }';
  const response = await graphql(
    server,
    `{ agencies(first: 1, filter: { country: "AZ" }) ${endCursor} country(code: "AZ") { partners(first: 1) ${endCursor} }
       search(query: "asan", first: 1) ${endCursor} sources(first: 1) ${endCursor} }`,
  );
  if (!response.data) throw new Error(`reading cursors for the corpus: ${JSON.stringify(response.errors)}`);
  const { agencies, country, search, sources } = response.data;
  return {
    agencyCursor: agencies.pageInfo.endCursor,
    partnersCursor: country.partners.pageInfo.endCursor,
    searchCursor: search.pageInfo.endCursor,
    sourcesCursor: sources.pageInfo.endCursor,
  };
}

beforeAll(async () => {
  fixtures = await readFixtures();
  before = await graphFingerprint(db);
});

interface Answer {
  status: number;
  text: string;
  ms: number;
}

async function send(request: HttpRequest): Promise<Answer> {
  const started = performance.now();
  // A Buffer body, so fetch adds no content-type of its own: the case's headers are all there is.
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const response = await fetch(`${server.url}${request.search ?? ''}`, { method: request.method, headers: request.headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

function parseBody(answer: Answer): GraphQLBody {
  try {
    return JSON.parse(answer.text) as GraphQLBody;
  } catch {
    throw new Error(`HTTP ${answer.status} answered with a body that is not JSON: ${answer.text.slice(0, 300)}`);
  }
}

function expectRefused(answer: Answer, body: GraphQLBody, expected: Refusal): void {
  const first = body.errors?.[0];
  // One comparison, so a failure shows status, code and argument together.
  const code = first?.extensions?.code;
  expect({ status: answer.status, code, argument: first?.extensions?.argument }).toEqual({
    status: expected.status,
    code: expected.orCode !== undefined && code === expected.orCode ? code : expected.code,
    argument: expected.argument ?? first?.extensions?.argument,
  });
  expect(first?.message).toEqual(expect.any(String));
  expect((body.errors ?? []).map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
  // Refused while running: the field is null and the rest of the response is still GraphQL's.
  if (expected.duringExecution) expect(body).toHaveProperty('data');
}

function expectAnswered(answer: Answer, body: GraphQLBody, expected: NormalAnswer): void {
  expect({ status: answer.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  expect(body.data).toEqual(expect.any(Object));
  expected.check?.(body.data!);
}

/**
 * What must never reach a client: driver errors, stack frames, source paths, and Cypher as the
 * server writes it (upper-case clauses). Injection payloads contain Cypher too, and the server
 * may quote them back ("got \"' OR 1=1 //\""), so what the client sent is removed first, in
 * each form an error message and a JSON body may encode it.
 */
const leakPatterns = [
  /Neo4jError|Neo\.(?:ClientError|TransientError|DatabaseError)/,
  /stacktrace/i,
  /\bat \S+ \(\S+:\d+:\d+\)|\.(?:ts|js):\d+:\d+/,
  /node_modules|\/src\/(?:app|core|features|ingest)\//,
  /\b(?:MATCH|MERGE|UNWIND|DETACH|RETURN|CALL|WITH|WHERE|COLLECT)\b/,
];

function withoutEcho(text: string, sent: readonly string[]): string {
  let rest = text;
  for (const value of sent.filter((s) => leakPatterns.some((pattern) => pattern.test(s)))) {
    const once = JSON.stringify(value).slice(1, -1);
    for (const form of [JSON.stringify(once).slice(1, -1), once, value]) rest = rest.split(form).join('');
  }
  return rest;
}

/** What in a response body looks internal, once the client's own strings are taken out. */
function leaksIn(text: string, sent: readonly string[]): string[] {
  const rest = withoutEcho(text, sent);
  return leakPatterns.flatMap((pattern) => rest.match(pattern)?.[0] ?? []);
}

test("the leak check finds driver errors, stack frames and server Cypher, not the client's own echo", () => {
  const payload = "' MATCH (n) DETACH DELETE n //";
  const echoed = JSON.stringify({ errors: [{ message: `Argument "asOf" must be a date; got ${JSON.stringify(payload)}` }] });
  expect(leaksIn(echoed, [payload])).toEqual([]);
  const leaked = JSON.stringify({
    errors: [{ message: 'Neo4jError: Invalid input', extensions: { stacktrace: ['at run (/work/main/src/core/db/database.ts:12:3)'] } }],
  });
  expect(leaksIn(leaked, [])).toEqual(['Neo4jError', 'stacktrace', 'at run (/work/main/src/core/db/database.ts:12:3)', '/src/core/']);
  expect(leaksIn(JSON.stringify({ errors: [{ message: `${payload} failed in MATCH (e:Entity) RETURN e` }] }), [payload])).toEqual([
    'MATCH',
  ]);
});

/** Runs the checks of one answer; a failure also shows the start of the body the server sent. */
function withBodyShown(answer: Answer, checks: () => void): void {
  try {
    checks();
  } catch (error) {
    (error as Error).message += `\n\nHTTP ${answer.status} in ${answer.ms.toFixed(0)} ms: ${answer.text.slice(0, 600)}`;
    throw error;
  }
}

test.each(cases)('$name', async (badInput) => {
  const answer = await send(badInput.request(fixtures));
  timings.set(badInput.name, answer.ms);
  withBodyShown(answer, () => {
    const body = parseBody(answer);
    if (badInput.expected.kind === 'refused') expectRefused(answer, body, badInput.expected);
    else expectAnswered(answer, body, badInput.expected);
    expect(leaksIn(answer.text, badInput.sent)).toEqual([]);
    expect(answer.ms).toBeLessThan(budgetMs);
  });
});

test('after the corpus: the graph is exactly as before', async () => {
  expect(await graphFingerprint(db)).toEqual(before);
});

test('after the corpus: the server still answers an ordinary question', async () => {
  const response = await graphql(
    server,
    '{ entity(id: "center:asan-khedmat-kabul") { name ... on ServiceCenter { city modelledOn { id } } } }',
  );
  expect(response).toMatchObject({ status: 200, data: { entity: { city: 'Kabul', modelledOn: { id: 'agency:asan-xidmet' } } } });
  expect(response.errors).toBeUndefined();
});

/** One line for the report: how many cases of each group ran, and the slowest answers. */
afterAll(() => {
  const groups = new Map<string, number>();
  for (const { name } of cases) {
    const group = name.split(':')[0]!;
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  const slowest = [...timings].sort(([, a], [, b]) => b - a).slice(0, 3);
  console.log(
    `bad-input corpus: ${cases.length} cases (${[...groups].map(([group, count]) => `${group} ${count}`).join(', ')})${full ? ', full injection matrix' : ''}; ` +
      `slowest: ${slowest.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join('; ')}`,
  );
});
