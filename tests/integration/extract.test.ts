/**
 * Drafts against the real graph (seeded with the founding bundle and every country): draftBundle
 * over HTTP matches the founding press release's names through the search index and proposes its
 * meeting, memorandum, trainings and centre with their sentences; the draft imports as it stands
 * (the writer, in a dry run); only editors may ask; bad input is refused with BAD_USER_INPUT and
 * nothing is written (the graph's fingerprint). `npm run extract` does the same from a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import type { Draft } from '../../src/core/model/drafts';
import { detectLanguage } from '../../src/ingest/extract/language';
import { defaultLimits } from '../../src/app/plugins/limits';
import { loadConfig } from '../../src/app/config';
import { validateBundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { graphFingerprint } from '../support/graph-fingerprint';
import { graphql, openTestDatabase, startTestServer } from '../support/harness';
import { bundleOf, entitiesOfType, foundingText, quotesVerbatim, relationsOfType, schemaErrors } from '../support/drafts';

let db: Database;
let server: RunningServer;
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  // A draft makes dozens of look-ups; on this test machine's two shared cores they may outlast the
  // 15 s request deadline a quiet server keeps well within (the time is printed below, not asserted).
  server = await startTestServer(db, { limits: { ...defaultLimits, requestDeadlineMs: 120_000 } });
  // Jest transpiles franc (an ES module) on first use: load it once here, not inside a request's deadline.
  await detectLanguage(foundingText);
  for (const role of ['editor', 'reader'] as const) {
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: `extract tests (${role})`, role, hash: key.hash });
    headers[role] = { authorization: `Bearer ${key.token}` };
  }
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const draftQuery = `query($text: String!, $url: String, $published: String) {
  draftBundle(text: $text, url: $url, published: $published) {
    bundle language warnings
    candidates { kind ref label confidence reason matchedId quote start end }
  }
}`;

const draftOf = (text: string, variables: Record<string, unknown> = {}, as = 'editor') =>
  graphql<{ draftBundle: Draft }>(server, draftQuery, { text, ...variables }, headers[as]);

test('draftBundle on the founding press release: names matched in the graph, its meeting, memorandum, trainings and centre proposed with their quotes', async () => {
  const started = Date.now();
  const response = await draftOf(foundingText, { url: 'https://asan.gov.az/az/news/afghan-ambassador' });
  console.log(`draftBundle on the founding press release (${foundingText.length} characters): ${Date.now() - started} ms`);
  expect(response.errors).toBeUndefined();
  const draft = response.data!.draftBundle;
  expect(draft.language).toBe('az');
  expect(schemaErrors(draft.bundle)).toEqual([]);
  expect(quotesVerbatim(draft)).toEqual([]);
  const matched = draft.candidates.filter((candidate) => candidate.matchedId).map((candidate) => candidate.matchedId);
  expect(matched).toEqual(
    expect.arrayContaining(['person:ulvi-mehdiyev', 'person:amanullah-ceyhun', 'agency:asan-xidmet', 'country:AF', 'agency:un']),
  );
  // The seeds hold the memorandum and the centre: the draft finds them rather than proposing copies.
  expect(matched).toEqual(expect.arrayContaining(['memorandum:asan-af-2016', 'center:asan-khedmat-kabul']));
  const meeting = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'MEETING');
  expect(meeting?.attributes?.date).toBe('2021-02-24');
  expect(
    relationsOfType(draft, 'PARTICIPATED_IN')
      .filter((relation) => relation.to === meeting?.id)
      .map((relation) => relation.from),
  ).toEqual(['person:ulvi-mehdiyev', 'person:amanullah-ceyhun']);
  expect(relationsOfType(draft, 'PARTY_TO')).toEqual(
    expect.arrayContaining([expect.objectContaining({ from: 'agency:asan-xidmet', to: 'memorandum:asan-af-2016', start: '2016' })]),
  );
  expect(entitiesOfType(draft, 'Training')).toHaveLength(2);
  expect(relationsOfType(draft, 'MODELLED_ON')).toEqual([
    expect.objectContaining({ from: 'center:asan-khedmat-kabul', to: 'agency:asan-xidmet' }),
  ]);
  const relationCandidates = draft.candidates.filter((candidate) => candidate.kind === 'RELATION');
  expect(relationCandidates).toHaveLength(bundleOf(draft).relations.length);
  for (const candidate of relationCandidates) expect(foundingText.slice(candidate.start!, candidate.end!)).toBe(candidate.quote);
});

test('the draft imports as it stands (validated, written and rolled back, as npm run import --dry-run does): every id it refers to is in the graph', async () => {
  const draft = (await draftOf(foundingText, { published: '2021-02-24' })).data!.draftBundle;
  const bundle = validateBundle(draft.bundle, 'draft');
  // The import's own timeout, as the import command runs it: the API's 10 s query limit is for reads on a quiet server.
  const summary = await writeBundle(db.withTimeout(loadConfig().importTimeoutMs), bundle, 'draft', { dryRun: true, countChanges: true });
  expect(summary).toMatchObject({ sourceId: bundle.source.id, unchanged: false });
  expect(summary.changes!.entities.reduce((sum, row) => sum + row.created, 0)).toBe(bundle.entities.length);
});

test('only editors may draft; bad input is refused with BAD_USER_INPUT; nothing is written', async () => {
  const before = await graphFingerprint(db);
  expect((await draftOf(foundingText, {}, 'reader')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await graphql(server, draftQuery, { text: foundingText })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const binary = await draftOf(`\u0000\u0001\u0002${'x'.repeat(100)}`);
  expect(binary.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(binary.errors?.[0]?.message).toContain('plain text');
  const long = await draftOf('a'.repeat(250_000));
  expect(long.errors?.[0]?.message).toContain('at most 200,000 characters');
  const html = await draftOf(`<html><script>alert(1)</script><body>${foundingText}</body></html>`);
  expect(html.data?.draftBundle.warnings.join(' ')).toContain('the text is HTML');
  expect(await graphFingerprint(db)).toEqual(before);
});

/** Runs the extract CLI from the TypeScript sources on the test database, as `npm run extract -- <args>` would. */
function extractCli(args: string[]) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('../support/register-ts'), path.join(__dirname, '../../src/app/extract.ts'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent' },
    },
  );
}

test('npm run extract: the founding press release gives a valid draft and a review summary; a binary file is refused in one line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-extract-cli-'));
  const out = path.join(dir, 'draft.json');
  const run = extractCli([
    path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.txt'),
    '--out',
    out,
    '--url',
    'https://asan.gov.az/az/news/1',
  ]);
  expect(run.stderr).toContain('Meeting of Ülvi Mehdiyev and Amanullah Ceyhun');
  expect(run.status).toBe(0);
  const bundle = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(schemaErrors(bundle)).toEqual([]);
  expect(bundle.source).toMatchObject({ language: 'az', published: '2021-02-24', publisher: 'asan.gov.az' });
  expect(run.stderr).toMatch(/^ {2}\d\.\d\d {2}.+\n {8}\S/m);

  const binary = path.join(dir, 'scan.txt');
  fs.writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
  const refused = extractCli([binary]);
  expect(refused.status).toBe(1);
  expect(refused.stderr.trim().split('\n')).toEqual([expect.stringContaining('binary file')]);
});
