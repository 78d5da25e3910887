/**
 * Import runs (ingest/import-run.ts): a bundle written in many small transactions, one per
 * batch, with an undo log. On the real Neo4j:
 * - a run stores exactly what one transaction stores (the same bundle under another slug,
 *   compared node by node and edge by edge), commits its content hash last and leaves no undo
 *   log behind;
 * - a failure in the middle puts the whole graph back as it was (its fingerprint), including
 *   what the run changed on entities that existed (aliases, citations, links, disputes, ranks);
 * - a run whose process died is left in the graph, blocks a second import of its source, and
 *   is rolled back by recovery once it is silent for long enough.
 * The CLI's use of runs under a small transaction memory is tested in transaction-memory.test.ts.
 */
import type { Database, WriteTransaction } from '../../src/core/db/database';
import { ConflictError } from '../../src/core/errors';
import type { Bundle } from '../../src/ingest/bundle';
import { recoverAbandonedRuns, rowCount, writeBundleInRun } from '../../src/ingest/import-run';
import { bundleHash, writeBundle } from '../../src/ingest/writer';
import { largeBundleOver, testBundle } from '../support/bundles';
import { graphFingerprint } from '../support/graph-fingerprint';
import { openTestDatabase, recordQueries } from '../support/harness';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

/** Rows per batch in these tests: every phase takes several transactions. */
const batchSize = 20;
const agencies = 120;

/** A base bundle stored in one transaction, and the large bundle over it. */
async function storedBase(prefix: string): Promise<{ slug: string; large: Bundle }> {
  const base = testBundle(prefix);
  await writeBundle(db, base, 'base');
  return { slug: base.source.id.replace('source:', ''), large: largeBundleOver(base, agencies) };
}

/**
 * Everything stored about one slug's entities, claims and partner ranks, with the slug replaced
 * (and the transliterated search keys left out): two slugs written the same way give equal dumps.
 */
async function dumpOf(slug: string): Promise<string[]> {
  const rows = await db.read(
    `CALL () {
       MATCH (e:Entity) WHERE e.id CONTAINS $slug
       RETURN [labels(e), properties(e), COUNT { (e)-[:MENTIONED_IN]->() }] AS item
       UNION ALL
       MATCH (a:Entity)-[r]->(b:Entity) WHERE (a.id CONTAINS $slug OR b.id CONTAINS $slug) AND type(r) <> 'MENTIONED_IN'
       RETURN [type(r), a.id, b.id, properties(r)] AS item
       UNION ALL
       MATCH (c:Claim) WHERE c.subjectId CONTAINS $slug
       RETURN [properties(c)] AS item
       UNION ALL
       MATCH (p:PartnerRank) WHERE p.self CONTAINS $slug OR p.partner CONTAINS $slug
       RETURN [properties(p)] AS item
     }
     RETURN item`,
    { slug },
  );
  // Transliterated keys spell the slug differently (they derive from the names, which are compared).
  const derived = new Set(['translitKeys', 'translitText']);
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => !derived.has(key))
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return rows.map((row) => JSON.stringify(sorted(row.item)).split(slug).join('<slug>')).sort();
}

const runNodes = async (sourceId: string) =>
  (await db.read('MATCH (r:ImportRun {sourceId: $sourceId}) RETURN count(r) AS runs', { sourceId }))[0]!.runs;
const undoNodes = async () => (await db.read('MATCH (u:ImportUndo) RETURN count(u) AS copies'))[0]!.copies;

test('a run stores exactly what one transaction stores, in one transaction per batch, its content hash committed last', async () => {
  const viaRun = await storedBase('run-equal');
  const viaOne = await storedBase('one-equal');
  const recorded = recordQueries(db);
  let summary;
  try {
    summary = await writeBundleInRun(db, viaRun.large, 'large.json', { batchSize, countChanges: true });
  } finally {
    recorded.stop();
  }
  await writeBundle(db, viaOne.large, 'large.json', { batchSize });

  expect(await dumpOf(viaRun.slug)).toEqual(await dumpOf(viaOne.slug));
  // The re-stated memorandum's 2018 disputes the base's 2017, as in one transaction.
  const [memorandum] = await db.read('MATCH (c:Claim {subjectId: $id, property: "signed"}) RETURN collect(c.disputed) AS disputed', {
    id: `memorandum:${viaRun.slug}`,
  });
  expect(memorandum!.disputed).toEqual([true, true]);
  expect(summary).toMatchObject({ sourceId: viaRun.large.source.id, entities: agencies + 2, relations: agencies, unchanged: false });
  expect(summary.changes!.entities).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: 'Agency', created: agencies, updated: 1 })]),
  );
  // One entity statement per batch of 20, each in a transaction of its own (the Database opens one per writeTransaction).
  const entityStatements = recorded.queries.filter((query) => query.cypher.includes('MERGE (n:Entity {id: e.id})'));
  expect(entityStatements).toHaveLength(Math.ceil((agencies + 2) / batchSize));
  const [source] = await db.read('MATCH (s:Source {id: $id}) RETURN s.contentHash AS hash', { id: viaRun.large.source.id });
  expect(source!.hash).toBe(bundleHash(viaRun.large));
  expect(await runNodes(viaRun.large.source.id)).toBe(0);
  expect(await undoNodes()).toBe(0);
  // Sent again: already stored, nothing written.
  expect(await writeBundleInRun(db, viaRun.large, 'large.json', { batchSize })).toMatchObject({ unchanged: true });
}, 120000);

test('a failure in the middle of a run leaves the whole graph as it was', async () => {
  const { large } = await storedBase('run-fails');
  expect(rowCount(large)).toBeGreaterThan(batchSize * 5);
  const before = await graphFingerprint(db);
  const failure = new Error('failed after the third batch of relations');
  const writing = writeBundleInRun(db, large, 'large.json', {
    batchSize,
    onProgress: ({ phase, done }) => {
      if (phase === 'relations' && done === batchSize * 3) throw failure;
    },
  });
  await expect(writing).rejects.toBe(failure);
  expect(await graphFingerprint(db)).toEqual(before);
}, 120000);

test('a run whose process died stays until recovery, blocks its source meanwhile, and is rolled back by recovery', async () => {
  const { slug, large } = await storedBase('run-dies');
  const before = await graphFingerprint(db);
  // The process "dies" after 8 transactions: every later statement fails, the rollback's too.
  let transactions = 0;
  const dying = {
    read: (cypher: string, params?: Record<string, unknown>) => db.read(cypher, params),
    writeTransaction: <T>(work: (tx: WriteTransaction) => Promise<T>) => {
      if (++transactions > 8) return Promise.reject(new Error('the process died'));
      return db.writeTransaction(work);
    },
  };
  await expect(writeBundleInRun(dying, large, 'large.json', { batchSize })).rejects.toThrow('the process died');
  expect(await runNodes(large.source.id)).toBe(1);
  const [partial] = await db.read('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix RETURN count(e) AS written', {
    prefix: `agency:${slug}-n`,
  });
  expect(partial!.written).toBeGreaterThan(0);

  // While it is recent, a second import of the source is refused and recovery leaves it alone.
  await expect(writeBundleInRun(db, large, 'large.json', { batchSize })).rejects.toThrow(ConflictError);
  expect(await recoverAbandonedRuns(db, { abandonedAfterMs: 60_000 })).toBe(0);
  // Silent for longer than the limit: rolled back. The run's age is by Neo4j's clock (datetime()),
  // which the test can neither fake nor await: asked again, for 10 s at most, until it is past 10 ms.
  const deadline = Date.now() + 10_000;
  let recovered = await recoverAbandonedRuns(db, { abandonedAfterMs: 10 });
  while (recovered === 0 && Date.now() < deadline) recovered = await recoverAbandonedRuns(db, { abandonedAfterMs: 10 });
  expect(recovered).toBe(1);
  expect(await graphFingerprint(db)).toEqual(before);
  // The source can be imported now, in full.
  expect(await writeBundleInRun(db, large, 'large.json', { batchSize })).toMatchObject({ unchanged: false });
  const [written] = await db.read('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix RETURN count(e) AS written', {
    prefix: `agency:${slug}-n`,
  });
  expect(written!.written).toBe(agencies);
}, 180000);
