/**
 * The response cache (app/plugins/response-cache) over real HTTP on the real Neo4j: a query's
 * answer is served again until a write moves the dataset counter; mutations, failed answers and
 * `@uncached` fields are never kept; roles never share an answer; GET answers carry ETag and
 * Cache-Control and a current If-None-Match gets 304; the limits and auth still run before a hit
 * (a revoked key is refused, not served); the byte bound holds; /metrics counts it all.
 */
import os from 'node:os';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { defaultAuth } from '../../src/app/plugins/auth';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { cacheCounts, get, post } from '../support/cache-client';
import { openTestDatabase, startTestServer } from '../support/harness';

let db: Database;
/** The cache on, reads open. */
let server: RunningServer;
/** The cache on, reads need a token (AUTH_READS=token). */
let guarded: RunningServer;
/** The cache on with a bound smaller than most answers. */
let tiny: RunningServer;
let editor: Record<string, string>;
let reader: Record<string, string>;
let readerKeyId: string;

const bundle = testBundle('cache');
const [agency] = bundle.entities.map((entity) => entity.id) as [string];
const citation = { source: bundle.source.id, quote: 'The Example Agency of Azerbaijan' };
const entityQuery = 'query($id: ID!) { entity(id: $id) { id name description } }';
const redescribe =
  'mutation($id: ID!, $text: String!, $c: CitationInput!) { updateEntity(id: $id, input: { agency: { description: $text } }, citation: $c) { version } }';

async function apiKey(role: 'editor' | 'reader'): Promise<{ headers: Record<string, string>; id: string }> {
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: `response-cache ${role}`, role, hash: key.hash });
  return { headers: { authorization: `Bearer ${key.token}` }, id: key.id };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { responseCacheBytes: 4 * 1024 * 1024 });
  guarded = await startTestServer(db, { responseCacheBytes: 4 * 1024 * 1024, auth: { ...defaultAuth, reads: 'token' } });
  tiny = await startTestServer(db, { responseCacheBytes: 200 });
  ({ headers: editor } = await apiKey('editor'));
  ({ headers: reader, id: readerKeyId } = await apiKey('reader'));
  await writeBundle(db, bundle, 'response-cache');
});

afterAll(async () => {
  await Promise.all([server, guarded, tiny].map((running) => running?.stop()));
  await db?.close();
});

test('a repeated query is a hit with the same data, still costed by the limits; a write makes the next one a miss with the new data', async () => {
  const before = await cacheCounts(server.url);
  const first = await post(server.url, entityQuery, { id: agency });
  const second = await post(server.url, entityQuery, { id: agency });
  expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
  expect(second.data).toEqual(first.data);
  expect(second.extensions?.cost).toEqual(first.extensions?.cost);
  expect(second.extensions?.cost).toEqual({ requested: expect.any(Number), maximum: expect.any(Number) });

  const written = await post(server.url, redescribe, { id: agency, text: 'cached, then changed', c: citation }, editor);
  expect(written.errors).toBeUndefined();
  expect(written.cache).toBeNull();
  const after = await post(server.url, entityQuery, { id: agency });
  expect(after.cache).toBe('MISS');
  expect(after.data.entity.description).toBe('cached, then changed');

  const counts = await cacheCounts(server.url);
  expect(counts.hits - before.hits).toBe(1);
  expect(counts.misses - before.misses).toBe(2);
  expect(counts.bytes).toBeGreaterThan(0);
  expect(counts.entries).toBeGreaterThan(0);
});

test('a write outside the API (the CLI import) moves the counter too: the next answer is new', async () => {
  const query = 'query($id: ID!) { entity(id: $id) { id } }';
  const other = testBundle('cache-cli');
  const id = other.entities[0]!.id;
  expect((await post(server.url, query, { id })).data).toEqual({ entity: null });
  expect((await post(server.url, query, { id })).cache).toBe('HIT');
  await writeBundle(db, other, 'response-cache-cli');
  const after = await post(server.url, query, { id });
  expect(after).toMatchObject({ cache: 'MISS', data: { entity: { id } } });
});

test('failed answers and @uncached fields are never kept; roles never share an answer', async () => {
  const malformed = '{ country(code: "no such code!") { id } }';
  for (let i = 0; i < 2; i++) {
    const answer = await post(server.url, malformed);
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(answer.cache).toBeNull();
  }
  for (let i = 0; i < 2; i++) {
    const answer = await get(server.url, '{ viewer { subject role } }', {}, reader);
    expect(answer).toMatchObject({ cache: null, cacheControl: 'no-store', data: { viewer: { role: 'READER' } } });
  }
  const query = '{ entity(id: "country:AZ") { id name } }';
  const anonymous = [await post(server.url, query), await post(server.url, query)];
  const asReader = [await post(server.url, query, {}, reader), await post(server.url, query, {}, reader)];
  expect([...anonymous, ...asReader].map((answer) => answer.cache)).toEqual(['MISS', 'HIT', 'MISS', 'HIT']);
});

test('GET: ETag and Cache-Control no-cache (public without a token, private with one); a current If-None-Match is 304 without a body', async () => {
  const query = 'query($id: ID!) { entity(id: $id) { id name } }';
  const first = await get(server.url, query, { id: 'country:AF' });
  expect(first).toMatchObject({ status: 200, cacheControl: 'public, no-cache', etag: expect.stringMatching(/^W\/"\d+-[0-9a-f]{32}"$/) });
  const withToken = await get(server.url, query, { id: 'country:AF' }, reader);
  expect(withToken.cacheControl).toBe('private, no-cache');
  expect(withToken.etag).not.toBe(first.etag);

  const revalidated = await get(server.url, query, { id: 'country:AF' }, { 'if-none-match': first.etag! });
  expect(revalidated).toMatchObject({ status: 304, text: '', etag: first.etag });
  // Another request's tag, or another role's, is not this answer's.
  expect((await get(server.url, query, { id: 'country:AZ' }, { 'if-none-match': first.etag! })).status).toBe(200);
  expect((await get(server.url, query, { id: 'country:AF' }, { ...reader, 'if-none-match': first.etag! })).status).toBe(200);

  await db.writeTransaction((tx) => tx.run('RETURN 1'));
  const afterWrite = await get(server.url, query, { id: 'country:AF' }, { 'if-none-match': first.etag! });
  expect(afterWrite.status).toBe(200);
  expect(afterWrite.etag).not.toBe(first.etag);
  expect(afterWrite.data).toEqual(first.data);
});

test('auth runs before a hit: a revoked key is refused, neither served the kept answer nor told 304', async () => {
  const query = '{ entity(id: "country:AZ") { id } }';
  const first = await get(guarded.url, query, {}, reader);
  expect((await get(guarded.url, query, {}, reader)).cache).toBe('HIT');
  expect((await get(guarded.url, query)).status).toBe(401);
  await new ApiKeyRepository(db).revoke(readerKeyId);
  const refused = await get(guarded.url, query, {}, reader);
  expect(refused.status).toBe(401);
  expect(refused.data).toBeUndefined();
  const conditional = await get(guarded.url, query, {}, { ...reader, 'if-none-match': first.etag! });
  expect(conditional.status).toBe(401);
  ({ headers: reader, id: readerKeyId } = await apiKey('reader'));
});

test('the byte bound holds: an answer larger than the whole cache is not kept', async () => {
  const query = '{ agencies(first: 20) { edges { node { id name } } } }';
  const answers = [await post(tiny.url, query), await post(tiny.url, query)];
  expect(JSON.stringify(answers[0]!.data).length).toBeGreaterThan(200);
  expect(answers.map((answer) => answer.cache)).toEqual(['MISS', 'MISS']);
  const small = '{ __typename }';
  expect([(await post(tiny.url, small)).cache, (await post(tiny.url, small)).cache]).toEqual(['MISS', 'HIT']);
  expect((await cacheCounts(tiny.url)).bytes).toBeLessThanOrEqual(200);
});

test('a repeated dashboard query: its first answer and its hits, timed over HTTP (printed, not asserted)', async () => {
  const stats = '{ stats { entitiesByType { key count } relationsByType { key count } memoranda: memorandaByYear { key count } } }';
  await db.writeTransaction((tx) => tx.run('RETURN 1'));
  const timed = async () => {
    const started = process.hrtime.bigint();
    const answer = await post(server.url, stats);
    return { answer, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const miss = await timed();
  const hits = [];
  for (let i = 0; i < 30; i++) hits.push(await timed());
  expect([miss.answer.cache, ...new Set(hits.map((hit) => hit.answer.cache))]).toEqual(['MISS', 'HIT']);
  const sorted = hits.map((hit) => hit.ms).sort((x, y) => x - y);
  console.log(
    `response cache, stats on the seed graph (load average ${os.loadavg()[0]!.toFixed(1)}): miss ${miss.ms.toFixed(1)} ms; ` +
      `30 hits p50 ${sorted[15]!.toFixed(1)} ms, p95 ${sorted[28]!.toFixed(1)} ms (HTTP round trip included)`,
  );
});
