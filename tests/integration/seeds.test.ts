/**
 * Loading seeds is an import, not an API read: it runs under its own timeout, and when a step
 * cannot finish in time the error names the step and says what to do, with nothing of that
 * step written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';
import { recordingLogger } from '../support/recording-logger';
import { loadSeeds, SeedLoadError } from '../../src/ingest/seeds';
import { testBundle } from '../support/bundles';
import { openTestDatabase } from '../support/harness';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

function seedsDirWith(bundle: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-seeds-'));
  fs.writeFileSync(path.join(dir, 'test.bundle.json'), JSON.stringify(bundle));
  return dir;
}

async function sourceExists(id: string): Promise<boolean> {
  const rows = await db.read('MATCH (s:Source {id: $id}) RETURN count(s) AS n', { id });
  return rows[0]!.n === 1;
}

test('a seed step that outlives the import timeout fails with what to do, and writes nothing of that step', async () => {
  const bundle = testBundle('seed-timeout');
  // Another transaction creates the same source and holds on: the seed's MERGE must wait for
  // its lock until the import timeout (1 s here) ends the seed's transaction.
  const session = db.driver.session();
  const blocker = await session.beginTransaction();
  try {
    await blocker.run('CREATE (:Source {id: $id})', { id: bundle.source.id });
    const error = await loadSeeds(db.withTimeout(1000), seedsDirWith(bundle), silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedLoadError);
    expect((error as Error).message).toMatch(
      /^Seed test\.bundle\.json did not finish within the import timeout of 1 s .*Run the command again, or raise IMPORT_TIMEOUT_MS\.$/,
    );
  } finally {
    await blocker.rollback();
    await session.close();
  }
  expect(await sourceExists(bundle.source.id)).toBe(false);
  expect(await entityExists(bundle.entities[0]!.id)).toBe(false);
});

async function entityExists(id: string): Promise<boolean> {
  const rows = await db.read('MATCH (e:Entity {id: $id}) RETURN count(e) AS n', { id });
  return rows[0]!.n === 1;
}

test('the same seeds load under the import timeout, reporting each step', async () => {
  const bundle = testBundle('seed-ok');
  const log = recordingLogger('info');
  const summaries = await loadSeeds(db.withTimeout(600_000), seedsDirWith(bundle), log);
  const lines = log
    .records()
    .filter((record) => record.level === 'info')
    .map((record) => record.msg);
  expect(summaries.map((summary) => summary.unchanged)).toEqual([true, false]);
  expect(lines).toEqual([
    expect.stringMatching(/^Countries: checking \d+$/),
    'Countries: already loaded',
    'Seed test.bundle.json: 4 entities, 5 relations',
  ]);
  expect(await sourceExists(bundle.source.id)).toBe(true);
});

test('a view with another timeout shares the driver and the query counter', async () => {
  const seen: string[] = [];
  const stop = db.onQuery((event) => seen.push(event.cypher));
  await db.withTimeout(5000).read('RETURN 1 AS one');
  stop();
  expect(seen).toEqual(['RETURN 1 AS one']);
  expect(db.withTimeout(5000).timeoutMs).toBe(5000);
});
