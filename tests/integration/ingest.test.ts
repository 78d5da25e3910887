/**
 * The bundle writer on the real database: one transaction, idempotent, and a bad bundle
 * writes nothing. Counts are taken over what the test's own source touches, so other test
 * files writing at the same time cannot disturb them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import { BundleValidationError, readBundleFile, validateBundle, type Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { openTestDatabase } from '../support/harness';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

/** Nodes and relationships that cite or are mentioned in a source, plus its own node. */
async function footprint(sourceId: string): Promise<{ nodes: number; relationships: number; citations: number }> {
  const rows = await db.read(
    `OPTIONAL MATCH (s:Source {id: $sourceId})
     RETURN count(s) + COUNT { MATCH (:Entity)-[:MENTIONED_IN]->(:Source {id: $sourceId}) } AS nodes,
            COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $sourceId IN r.sourceIds } AS relationships,
            COUNT { MATCH (e:Entity)-[:MENTIONED_IN]->(:Source {id: $sourceId}) UNWIND e.sourceIds AS id WITH id WHERE id = $sourceId RETURN id }
            + COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $sourceId IN r.sourceIds UNWIND r.sourceIds AS id WITH id WHERE id = $sourceId RETURN id } AS citations`,
    { sourceId },
  );
  return rows[0] as { nodes: number; relationships: number; citations: number };
}

async function seedFootprintTotals() {
  const rows = await db.read('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
  return rows[0];
}

test('writing a bundle twice changes nothing the second time', async () => {
  const bundle = testBundle('twice');
  const first = await writeBundle(db, validateBundle(bundle, 'twice'), 'twice');
  expect(first).toMatchObject({ entities: 4, relations: 5, unchanged: false });
  const after = await footprint(bundle.source.id);
  expect(after).toEqual({ nodes: 1 + 6, relationships: 5, citations: 4 + 5 });

  expect((await writeBundle(db, validateBundle(bundle, 'twice'), 'twice')).unchanged).toBe(true);
  expect(await footprint(bundle.source.id)).toEqual(after);
});

test('the seed loaded again (even with its content hash cleared) keeps node and relationship counts', async () => {
  const seedFile = path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.bundle.json');
  const seed = readBundleFile(seedFile);
  const before = await footprint(seed.source.id);
  // Force a real rewrite rather than the content-hash shortcut.
  await db.write('MATCH (s:Source {id: $id}) SET s.contentHash = null', { id: seed.source.id });
  expect((await writeBundle(db, seed, seedFile)).unchanged).toBe(false);
  expect(await footprint(seed.source.id)).toEqual(before);
});

test('a bundle with one unknown reference writes nothing and names the path', async () => {
  const bundle = testBundle('unknown-ref');
  bundle.relations.push({
    type: 'MEMBER_OF',
    from: bundle.entities[0]!.id,
    to: 'agency:no-such-association',
    quotes: ['The Example Agency of Azerbaijan'],
  });
  const totalsBefore = await seedFootprintTotals();
  await expect(writeBundle(db, validateBundle(bundle, 'bad.json'), 'bad.json')).rejects.toThrow(BundleValidationError);
  await expect(writeBundle(db, validateBundle(bundle, 'bad.json'), 'bad.json')).rejects.toMatchObject({
    problems: [
      {
        path: '/relations/5/to',
        message: 'unknown entity reference "agency:no-such-association": not defined in the bundle nor in the graph',
      },
    ],
  });
  expect(await footprint(bundle.source.id)).toEqual({ nodes: 0, relationships: 0, citations: 0 });
  expect(await seedFootprintTotals()).toEqual(totalsBefore);
});

test('a failure in the middle of the write rolls everything back', async () => {
  const bundle = testBundle('rollback');
  // Two different entities whose ids collide only after validation would be a schema error;
  // instead make the relation step fail inside the transaction with a wrong-typed property.
  const broken: Bundle = structuredClone(bundle);
  (broken.relations[0] as unknown as Record<string, unknown>).start = { not: 'a date' };
  await expect(writeBundle(db, broken, 'broken')).rejects.toThrow();
  expect(await footprint(bundle.source.id)).toEqual({ nodes: 0, relationships: 0, citations: 0 });
});

test('a second source adds citations and aliases but never overwrites', async () => {
  const bundle = testBundle('second-source');
  await writeBundle(db, validateBundle(bundle, 'a'), 'a');
  const other = structuredClone(bundle);
  other.source = { ...other.source, id: `${bundle.source.id}-b`, title: 'Another source', text: null };
  other.entities = [
    {
      ...other.entities[2]!,
      name: 'A different name',
      aliases: ['The 2017 memorandum'],
      quotes: [],
      attributes: { kind: 'AGREEMENT', signed: '2018' },
    },
  ];
  other.relations = [{ ...other.relations[2]!, quotes: [] }];
  await writeBundle(db, validateBundle(other, 'b'), 'b');
  const rows = await db.read(
    'MATCH (m:Entity {id: $id}) MATCH (a)-[r:PARTY_TO]->(m) WHERE a.id = $agency RETURN m.name AS name, m.aliases AS aliases, m.kind AS kind, m.signed AS signed, m.sourceIds AS entitySources, r.sourceIds AS relationSources, r.quotes AS quotes',
    { id: bundle.entities[2]!.id, agency: bundle.entities[0]!.id },
  );
  expect(rows[0]).toEqual({
    name: bundle.entities[2]!.name,
    aliases: ['The 2017 memorandum'],
    kind: 'MOU',
    signed: '2017',
    entitySources: [bundle.source.id, other.source.id],
    relationSources: [bundle.source.id, other.source.id],
    quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017', ''],
  });
});

/** Runs the import CLI from the TypeScript sources on the test database, as `npm run import -- <args>` would. */
function importCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('./../support/register-ts'), path.join(__dirname, '../../src/app/import.ts'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    },
  );
}

test('npm run import: a bad file prints every problem and exits 1; a good one imports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-import-'));
  const good = testBundle('cli');
  const bad = structuredClone(good);
  bad.relations[0]!.quotes = ['not in the text at all'];
  bad.entities[1]!.attributes = { kind: 'GOVERNMENT_AGENCY' };
  bad.relations[1]!.start = '2017-13';
  fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify(good));
  fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
  const badRun = importCli([path.join(dir, 'bad.json')]);
  expect(badRun.status).toBe(1);
  expect(badRun.stderr).toContain('/relations/0/quotes/0: quote not found in the source text');
  expect(badRun.stderr).toContain('/relations/1/start: bad date "2017-13"');
  expect(badRun.stderr).toContain('Nothing was written from this file.');
  const goodRun = importCli([path.join(dir, 'good.json')]);
  expect(goodRun.stderr).not.toContain('problem');
  expect(goodRun.stdout).toContain(`imported 4 entities and 5 relations from ${good.source.id}`);
  expect(goodRun.status).toBe(0);
});

test('npm run import on a folder: valid files written in batches with progress, the invalid one reported and skipped, a summary per type; exit 1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-import-folder-'));
  const first = testBundle('cli-folder-a');
  const second = testBundle('cli-folder-b');
  const bad = testBundle('cli-folder-bad');
  bad.relations[0]!.to = 'country:QQ';
  fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(first));
  fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(second));
  fs.writeFileSync(path.join(dir, 'c-bad.json'), JSON.stringify(bad));
  // A table's curation file is read with its table, never imported on its own.
  fs.writeFileSync(path.join(dir, 'facts.curation.json'), '{"not": "a bundle"}');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');

  const run = importCli([dir], { IMPORT_BATCH_SIZE: '1' });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(`a.json: imported 4 entities and 5 relations from ${first.source.id}`);
  expect(run.stdout).toContain(`b.json: imported 4 entities and 5 relations from ${second.source.id}`);
  expect(run.stdout).toContain('3 file(s), 2 imported, 1 invalid');
  // Per type, over both files: each bundle creates two agencies, a memorandum and a training.
  expect(run.stdout).toMatch(/ {2}Agency +4 +0 +0 +0\n/);
  expect(run.stdout).toMatch(/ {2}PARTY_TO +4 +0 +0 +0\n/);
  expect(run.stderr).toContain(`${path.join(dir, 'c-bad.json')}: 1 problem(s)`);
  expect(run.stderr).toContain('unknown entity reference "country:QQ"');
  // Not a terminal: plain progress lines, each batch of one row counted up to the whole.
  expect(run.stderr).toContain('a.json: entities [########################] 100% 4/4');
  expect(run.stderr).toContain('a.json: relations [########################] 100% 5/5');
  expect((await footprint(first.source.id)).relationships).toBe(5);
  expect((await footprint(second.source.id)).relationships).toBe(5);
  expect(await footprint(bad.source.id)).toEqual({ nodes: 0, relationships: 0, citations: 0 });

  const again = importCli([dir]);
  expect(again.stdout).toContain('a.json: already imported, nothing changed');
  expect(again.stdout).toMatch(/ {2}Agency +0 +0 +4 +0\n/);
});

test('npm run import --dry-run: the summary of what would change, and nothing written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-import-dry-'));
  const bundle = testBundle('cli-dry');
  fs.writeFileSync(path.join(dir, 'dry.json'), JSON.stringify(bundle));
  const run = importCli([path.join(dir, 'dry.json'), '--dry-run']);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('dry run, nothing written: would have imported 4 entities and 5 relations');
  expect(run.stdout).toContain('Dry run, nothing written: 1 file(s), 1 imported');
  expect(run.stdout).toMatch(/ {2}Memorandum +1 +0 +0 +0\n/);
  expect(await footprint(bundle.source.id)).toEqual({ nodes: 0, relationships: 0, citations: 0 });
  expect(importCli(['--force', dir]).status).toBe(2);
  expect(importCli([path.join(dir, 'missing.json')]).stderr).toContain('missing.json: no such file or folder');
});
