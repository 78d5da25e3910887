/**
 * Every write in the audit trail (issue 26), writes outside the API included: `npm run import`
 * records each file it writes as one IMPORT_FILE change by the OS user or the name given with
 * --as, with the file, its sources and how many entities and relations (per type: created,
 * updated, unchanged); a file already imported, a dry run and an invalid file record nothing. The
 * seed load records each seed file that wrote something as LOAD_SEED, and nothing once loaded.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileAudit, operatorName } from '../../src/app/import-audit';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';
import { loadSeeds } from '../../src/ingest/seeds';
import { testBundle } from '../support/bundles';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

/** Runs the import CLI from the TypeScript sources on the test database, as `npm run import -- <args>` would. */
function importCli(args: string[]) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('../support/register-ts'), path.join(__dirname, '../../src/app/import.ts'), ...args],
    { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
}

interface TrailEntry {
  by: string;
  action: string;
  entities: string[];
  reason: string | null;
  before: unknown;
  after: Record<string, unknown>;
  requestId: string | null;
}

/** The changes one writer made, or those that touched one entity, newest first. */
async function trail(filter: { by?: string; entity?: string }): Promise<TrailEntry[]> {
  const answer = await graphql<{ changes: { edges: { node: TrailEntry }[] } }>(
    server,
    'query($by: String, $entity: ID) { changes(by: $by, entity: $entity, first: 20) { edges { node { by action entities reason before after requestId } } } }',
    { by: filter.by ?? null, entity: filter.entity ?? null },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.changes.edges.map((edge) => edge.node);
}

function bundleFile(prefix: string, name: string): { file: string; bundle: ReturnType<typeof testBundle> } {
  const bundle = testBundle(prefix);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-import-audit-')), name);
  fs.writeFileSync(file, JSON.stringify(bundle));
  return { file, bundle };
}

test('npm run import --as: one IMPORT_FILE change by that name, with the file, its source and how many; imported again, none', async () => {
  const writer = uniqueSlug('importer');
  const { file, bundle } = bundleFile('audit-cli', 'audit.json');
  expect(importCli([file, '--as', writer]).status).toBe(0);
  const changes = await trail({ by: writer });
  expect(changes).toHaveLength(1);
  expect(changes[0]).toEqual({
    by: writer,
    action: 'IMPORT_FILE',
    entities: expect.arrayContaining([...bundle.entities.map((entity) => entity.id), 'country:AZ', 'country:AF']),
    reason: null,
    before: null,
    after: {
      file: 'audit.json',
      sources: [bundle.source.id],
      entities: 4,
      relations: 5,
      changes: {
        entities: [
          { type: 'Agency', created: 2, updated: 0, unchanged: 0 },
          { type: 'Memorandum', created: 1, updated: 0, unchanged: 0 },
          { type: 'Training', created: 1, updated: 0, unchanged: 0 },
        ],
        relations: [
          { type: 'BASED_IN', created: 2, updated: 0, unchanged: 0 },
          { type: 'PARTY_TO', created: 2, updated: 0, unchanged: 0 },
          { type: 'UNDER', created: 1, updated: 0, unchanged: 0 },
        ],
      },
    },
    requestId: null,
  });
  // Already imported: nothing written, nothing recorded.
  expect(importCli([file, `--as=${writer}`]).status).toBe(0);
  expect(await trail({ by: writer })).toHaveLength(1);
});

test('without --as the change is the OS user’s; a dry run and an invalid file record nothing', async () => {
  const { file, bundle } = bundleFile('audit-os-user', 'os-user.json');
  const dry = bundleFile('audit-dry', 'dry.json');
  const invalid = bundleFile('audit-invalid', 'invalid.json');
  invalid.bundle.relations[0]!.to = 'country:QQ';
  fs.writeFileSync(invalid.file, JSON.stringify(invalid.bundle));
  expect(importCli([file]).status).toBe(0);
  const [change] = await trail({ entity: bundle.entities[0]!.id });
  expect(change).toMatchObject({ by: operatorName(), action: 'IMPORT_FILE', after: { file: 'os-user.json', sources: [bundle.source.id] } });
  expect(importCli([dry.file, '--dry-run']).status).toBe(0);
  expect(importCli([invalid.file]).status).toBe(1);
  expect(await trail({ entity: dry.bundle.entities[0]!.id })).toEqual([]);
  expect(await trail({ entity: invalid.bundle.entities[0]!.id })).toEqual([]);
  expect(importCli([file, '--as']).status).toBe(2);
});

test('the seed load records each seed file that wrote something as LOAD_SEED; loaded again, nothing', async () => {
  const loader = uniqueSlug('seed-loader');
  const { file, bundle } = bundleFile('audit-seed', 'audit.bundle.json');
  const seedsDir = path.dirname(file);
  await loadSeeds(db.withTimeout(600_000), seedsDir, silentLogger, fileAudit(loader, 'LOAD_SEED'));
  // The countries were loaded already: only the new seed file wrote, so only it is recorded.
  const changes = await trail({ by: loader });
  expect(changes).toEqual([
    {
      by: loader,
      action: 'LOAD_SEED',
      entities: expect.arrayContaining(bundle.entities.map((entity) => entity.id)),
      reason: null,
      before: null,
      after: { file: 'audit.bundle.json', sources: [bundle.source.id], entities: 4, relations: 5 },
      requestId: null,
    },
  ]);
  await loadSeeds(db.withTimeout(600_000), seedsDir, silentLogger, fileAudit(loader, 'LOAD_SEED'));
  expect(await trail({ by: loader })).toHaveLength(1);
});
