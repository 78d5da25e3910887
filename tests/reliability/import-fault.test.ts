/**
 * Fault injection during a write: Neo4j is SIGKILLed in the middle of a large import (one
 * transaction of many bundles). The import must fail, and after Neo4j comes back on the same
 * data directory the graph must be exactly what it was before: all or nothing, proved with a
 * fingerprint of the whole graph. The same import then succeeds in full. Then the same for an
 * import run (many transactions): after the kill, recovery rolls back what its committed
 * batches wrote.
 *
 * It runs on a Neo4j of its own (port NEO4J_FAULT_BOLT_PORT + 5; the integration tests take +0
 * to +4), since killing the shared test database would fail every other test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/app/config';
import { connect } from '../../src/core/db/connect';
import type { Database } from '../../src/core/db/database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/core/db/embedded';
import { migrate } from '../../src/core/db/migrations';
import { silentLogger } from '../../src/core/logger';
import { loadSeeds } from '../../src/ingest/seeds';
import { recoverAbandonedRuns, writeBundleInRun } from '../../src/ingest/import-run';
import { writeBundle, writeBundles } from '../../src/ingest/writer';
import { largeBundleOver, testBundle } from '../support/bundles';
import { graphFingerprint } from '../support/graph-fingerprint';

const config = loadConfig();
const port = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? 7698) + 5;
const password = 'import-fault-password';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-import-fault-'));
const embeddedConfig = { ...config.embedded, boltPort: port, dataDir };
// Enough bundles that the transaction is still running when the kill lands (each bundle is
// several statements); the kill waits for killAfterStatements of them.
const bundleCount = 150;
const killAfterStatements = 60;

let neo4j: EmbeddedNeo4j;
let db: Database;

async function open(): Promise<void> {
  neo4j = await startEmbeddedNeo4j(embeddedConfig, silentLogger, password);
  db = await connect({ ...config.neo4j, uri: neo4j.uri, password }, 30_000);
}

beforeAll(async () => {
  await open();
  await migrate(db.withTimeout(config.importTimeoutMs), silentLogger);
  await loadSeeds(db.withTimeout(config.importTimeoutMs), config.seedsDir, silentLogger);
}, 300_000);

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('SIGKILL of Neo4j during an import leaves the graph exactly as before; the retried import writes everything', async () => {
  const before = await graphFingerprint(db);
  const bundles = Array.from({ length: bundleCount }, () => ({ bundle: testBundle('import-fault'), file: 'import-fault.json' }));

  let writes = 0;
  let killedAt: number | null = null;
  const stop = db.onQuery((event) => {
    if (event.mode !== 'WRITE' || killedAt !== null || ++writes < killAfterStatements) return;
    killedAt = writes;
    process.kill(neo4j.pid, 'SIGKILL');
  });
  await expect(writeBundles(db.withTimeout(config.importTimeoutMs), bundles)).rejects.toThrow();
  stop();
  // The kill really landed inside the import's transaction, not after it.
  expect(killedAt).toBe(killAfterStatements);
  await neo4j.exited;
  await db.close();

  await open();
  const afterKill = await graphFingerprint(db);
  expect(afterKill).toEqual(before);
  const ids = bundles.map(({ bundle }) => bundle.source.id);
  expect(await db.read('MATCH (s:Source) WHERE s.id IN $ids RETURN count(s) AS n', { ids })).toEqual([{ n: 0 }]);

  const summaries = await writeBundles(db.withTimeout(config.importTimeoutMs), bundles);
  expect(summaries).toHaveLength(bundleCount);
  const written = await db.read(
    `MATCH (s:Source) WHERE s.id IN $ids
     RETURN count(s) AS sources, COUNT { MATCH (e:Entity) WHERE e.id STARTS WITH 'agency:import-fault' } AS agencies`,
    { ids },
  );
  expect(written).toEqual([{ sources: bundleCount, agencies: 2 * bundleCount }]);
  const afterImport = await graphFingerprint(db);
  expect(afterImport.nodes).toBeGreaterThan(before.nodes);
});

test('SIGKILL of Neo4j during an import run: recovery after the restart leaves the graph exactly as before; the retried run writes everything', async () => {
  const base = testBundle('import-fault-run');
  await writeBundle(db, base, 'base');
  const large = largeBundleOver(base, 200);
  const before = await graphFingerprint(db);

  // Killed well into the run: several of its batch transactions have committed.
  let writes = 0;
  let killed = false;
  const stop = db.onQuery((event) => {
    if (event.mode !== 'WRITE' || killed || ++writes < 40) return;
    killed = true;
    process.kill(neo4j.pid, 'SIGKILL');
  });
  await expect(writeBundleInRun(db.withTimeout(config.importTimeoutMs), large, 'large.json', { batchSize: 20 })).rejects.toThrow();
  stop();
  expect(killed).toBe(true);
  await neo4j.exited;
  await db.close();

  await open();
  const [left] = await db.read(
    'MATCH (r:ImportRun {sourceId: $id}) RETURN count(r) AS runs, COUNT { MATCH (e:Entity) WHERE e.id STARTS WITH $prefix } AS agencies',
    { id: large.source.id, prefix: `agency:${base.source.id.replace('source:', '')}-n` },
  );
  expect(left!.runs).toBe(1);
  expect(left!.agencies).toBeGreaterThan(0);
  expect(await recoverAbandonedRuns(db, { abandonedAfterMs: 1 })).toBe(1);
  expect(await graphFingerprint(db)).toEqual(before);

  expect(await writeBundleInRun(db.withTimeout(config.importTimeoutMs), large, 'large.json', { batchSize: 20 })).toMatchObject({
    unchanged: false,
  });
  expect(await db.read('MATCH (r:ImportRun) RETURN count(r) AS runs')).toEqual([{ runs: 0 }]);
});
