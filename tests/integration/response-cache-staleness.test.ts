/**
 * No cached answer is ever stale: seeded random writes (curation mutations and bundle imports,
 * through GraphQL) interleaved with reads. Each read is asked of a server with the response
 * cache and, right after, of one without it on the same Neo4j, with nothing written between the
 * two: the answers must be equal. Some reads go over GET with the If-None-Match of the last
 * answer to the same request: a 304 says the kept copy is current, so the copy must equal the
 * uncached answer too. The run must have served hits, some of them after writes, or it proved
 * nothing. CACHE_STALENESS_SEED replays a run (its seed is printed).
 */
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { relationId } from '../../src/core/model/relation-ids';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle, testText } from '../support/bundles';
import { get, post, type CachedAnswer } from '../support/cache-client';
import { openTestDatabase, startTestServer, uniqueSlug } from '../support/harness';
import { prng } from '../../bench/generate';

let db: Database;
let cached: RunningServer;
let uncached: RunningServer;
let editor: Record<string, string>;

const seed = Number(process.env.CACHE_STALENESS_SEED ?? 20261208);
const steps = 120;
const slug = uniqueSlug('stale');
const base = testBundle('stale');
const [agencyAz, agencyAf, memorandum] = base.entities.map((entity) => entity.id) as [string, string, string];
const citation = { source: base.source.id, quote: 'The Example Agency of Azerbaijan' };

const random = prng(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** What the writes made so far: the reads ask about it, later writes change it. */
const made = { agencies: [agencyAz, agencyAf] as string[], relations: [] as { id: string; retracted: boolean }[], imports: 0 };

const reads: { name: string; query: string; variables: () => Record<string, unknown> }[] = [
  {
    name: 'entity',
    query: 'query($id: ID!) { entity(id: $id) { id name description version relations { type to { id name } } } }',
    variables: () => ({ id: pick([...made.agencies, `agency:${slug}-n999`]) }),
  },
  {
    name: 'search',
    query: 'query($q: String!) { search(query: $q, first: 50) { edges { node { id name } } } }',
    variables: () => ({ q: pick(['Stale', 'Example', 'Imported']) }),
  },
  {
    name: 'list',
    query:
      'query($country: String) { agencies(filter: { country: $country, text: "Stale" }, first: 50) { totalCount edges { node { id name } } } }',
    variables: () => ({ country: pick(['AZ', 'AF', null]) }),
  },
  {
    name: 'partners',
    query: 'query($code: String!) { country(code: $code) { partners(first: 20) { edges { node { linkCount partner { id } } } } } }',
    variables: () => ({ code: pick(['AZ', 'AF']) }),
  },
  { name: 'stats', query: '{ stats { entitiesByType { key count } relationsByType { key count } } }', variables: () => ({}) },
  {
    name: 'memorandum',
    query: 'query($id: ID!) { entity(id: $id) { id relations { type from { id } } } }',
    variables: () => ({ id: memorandum }),
  },
  {
    name: 'changes',
    query: 'query($id: ID) { changes(entity: $id, first: 20) { edges { node { id action entities } } } }',
    variables: () => ({ id: pick(made.agencies) }),
  },
  { name: 'version', query: '{ datasetVersion { counter } }', variables: () => ({}) },
];

async function mutate(query: string, variables: Record<string, unknown>): Promise<unknown> {
  const answer = await post(cached.url, query, variables, editor);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

/** Bundle imports through importBundle: a new source naming a new agency, or restating an agency with another name. */
function importedBundle(step: number) {
  const id = made.imports > 0 && random() < 0.5 ? pick(made.agencies) : `agency:${slug}-i${step}`;
  made.imports++;
  return {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${slug}-${step}`, title: `Stale source ${step}`, publisher: 'coopgraph tests', language: 'en', text: testText },
    entities: [
      {
        id,
        type: 'Agency',
        name: `Stale Imported ${step}`,
        quotes: ['The Example Agency of Azerbaijan'],
        attributes: { kind: 'GOVERNMENT_AGENCY' },
      },
    ],
    relations: [{ type: 'BASED_IN', from: id, to: pick(['country:AZ', 'country:AF']), quotes: ['The Example Agency of Azerbaijan'] }],
  };
}

const writes: { name: string; run: (step: number) => Promise<unknown> }[] = [
  {
    name: 'createEntity',
    run: async (step) => {
      const id = `agency:${slug}-n${step}`;
      await mutate(
        'mutation($id: ID!, $name: String!, $c: CitationInput!) { createEntity(id: $id, input: { agency: { name: $name } }, citation: $c) { version } }',
        {
          id,
          name: `Stale Agency ${step}`,
          c: citation,
        },
      );
      made.agencies.push(id);
    },
  },
  {
    name: 'updateEntity',
    run: (step) =>
      mutate(
        'mutation($id: ID!, $text: String!, $c: CitationInput!) { updateEntity(id: $id, input: { agency: { description: $text } }, citation: $c) { version } }',
        {
          id: pick(made.agencies),
          text: `described at step ${step}`,
          c: citation,
        },
      ),
  },
  {
    name: 'addRelation',
    run: async (step) => {
      const from = pick(made.agencies);
      const to = pick(['country:AZ', 'country:AF']);
      const id = relationId({ type: 'BASED_IN', fromId: from, toId: to, key: '' });
      // A retracted edge stays retracted here: stating it again is another test's subject.
      if (made.relations.some((relation) => relation.id === id && relation.retracted)) return writes[0]!.run(step);
      await mutate(
        'mutation($from: ID!, $to: ID!, $c: CitationInput!) { addRelation(type: BASED_IN, from: $from, to: $to, citation: $c) { replayed } }',
        { from, to, c: citation },
      );
      if (!made.relations.some((relation) => relation.id === id && !relation.retracted)) made.relations.push({ id, retracted: false });
    },
  },
  {
    name: 'retractRelation',
    run: async (step) => {
      const live = made.relations.filter((relation) => !relation.retracted);
      if (live.length === 0) return writes[0]!.run(step);
      const relation = pick(live);
      await mutate('mutation($id: ID!) { retractRelation(id: $id, reason: "staleness test") { change { id } } }', { id: relation.id });
      relation.retracted = true;
    },
  },
  {
    name: 'importBundle',
    run: (step) => mutate('mutation($bundle: JSON!) { importBundle(bundle: $bundle) { sourceId } }', { bundle: importedBundle(step) }),
  },
];

beforeAll(async () => {
  db = await openTestDatabase();
  cached = await startTestServer(db, { responseCacheBytes: 8 * 1024 * 1024 });
  uncached = await startTestServer(db);
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: 'staleness editor', role: 'editor', hash: key.hash });
  editor = { authorization: `Bearer ${key.token}` };
  await writeBundle(db, base, 'staleness');
});

afterAll(async () => {
  await cached?.stop();
  await uncached?.stop();
  await db?.close();
});

/** The cached server's answer to a read: over POST, or over GET revalidating the last copy of the same request. */
async function cachedRead(
  query: string,
  variables: Record<string, unknown>,
  copies: Map<string, CachedAnswer>,
): Promise<CachedAnswer & { outcome: string }> {
  const request = JSON.stringify([query, variables]);
  const copy = copies.get(request);
  if (copy && random() < 0.4) {
    const answer = await get(cached.url, query, variables, { 'if-none-match': copy.etag! });
    if (answer.status === 304) return { ...copy, outcome: '304' };
    copies.set(request, answer);
    return { ...answer, outcome: answer.cache ?? 'none' };
  }
  const answer = random() < 0.5 ? await get(cached.url, query, variables) : await post(cached.url, query, variables);
  if (answer.etag) copies.set(request, answer);
  return { ...answer, outcome: answer.cache ?? 'none' };
}

test(`randomized writes and cached reads: every cached answer equals the uncached one (seed ${seed})`, async () => {
  const copies = new Map<string, CachedAnswer>();
  const outcomes = { HIT: 0, MISS: 0, '304': 0, hitsAfterWrites: 0, writes: 0 };
  let readSinceWrite = new Set<string>();
  const recent: { read: (typeof reads)[number]; variables: Record<string, unknown> }[] = [];
  for (let step = 0; step < steps; step++) {
    if (random() < 0.2) {
      const write = pick(writes);
      await write.run(step);
      outcomes.writes++;
      readSinceWrite = new Set();
      continue;
    }
    // A dashboard asks the same few questions again: most reads repeat a recent one.
    const repeated = recent.length > 0 && random() < 0.6;
    const { read, variables } = repeated ? pick(recent) : { read: pick(reads), variables: {} as Record<string, unknown> };
    if (!repeated) {
      Object.assign(variables, read.variables());
      recent.push({ read, variables });
      if (recent.length > 6) recent.shift();
    }
    const fromCache = await cachedRead(read.query, variables, copies);
    const fresh = await post(uncached.url, read.query, variables);
    expect(fresh.errors).toBeUndefined();
    expect({ step, read: read.name, variables, data: fromCache.data }).toEqual({ step, read: read.name, variables, data: fresh.data });
    const request = JSON.stringify([read.query, variables]);
    if (fromCache.outcome === 'HIT' || fromCache.outcome === '304') {
      outcomes[fromCache.outcome]++;
      if (outcomes.writes > 0 && readSinceWrite.has(request)) outcomes.hitsAfterWrites++;
    } else outcomes.MISS++;
    readSinceWrite.add(request);
  }
  console.log(`response cache staleness, seed ${seed}: ${steps} steps, ${JSON.stringify(outcomes)}`);
  expect(outcomes.writes).toBeGreaterThan(10);
  expect(outcomes.HIT + outcomes['304']).toBeGreaterThan(10);
  expect(outcomes.hitsAfterWrites).toBeGreaterThan(0);
});
