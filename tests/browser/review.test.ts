/**
 * The review page (/review) end to end in a real headless chromium against the service on the
 * seeded Neo4j: load a draft (tests/fixtures/review-draft.json, its ids made unique to this run),
 * reject the person (the page says which relations that drops), accept and edit the board and
 * the memorandum and the relations between them, see a quote highlighted, check and import with
 * an editor's token; then the graph, read through GraphQL and in the explorer, holds exactly the
 * accepted set, each fact cited by the new source. Refusals (no token, a file that is no draft, a
 * bundle the server refuses) are shown, text stays text, and axe-core finds no WCAG 2 A/AA issue.
 * The pasted-text path goes to the real draftBundle (the extract feature) with the founding press
 * release, and its query is checked against draftBundle's contract (issue 24).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/core/db/database';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { graphql, openTestDatabase, uniqueSlug } from '../support/harness';
import { screenshot } from './support/chromium';
import { useBrowserSession } from './support/session';

const session = useBrowserSession();
let db: Database;
let token: string;
let reader: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const keys = new ApiKeyRepository(db);
  const editorKey = issueKey();
  await keys.create({ id: editorKey.id, name: 'review page tests', role: 'editor', hash: editorKey.hash });
  token = editorKey.token;
  const readerKey = issueKey();
  await keys.create({ id: readerKey.id, name: 'review page tests (reader)', role: 'reader', hash: readerKey.hash });
  reader = readerKey.token;
});

afterAll(async () => {
  await db?.close();
});

const fixture = fs.readFileSync(path.join(__dirname, '../fixtures/review-draft.json'), 'utf8');

/** The fixture with its ids (and source) unique to one run: "review-fixture" replaced by a fresh slug. */
interface EditableDraft {
  bundle: { source: { text: string }; entities: { name: string }[]; relations: { from: string }[] };
}

function draftFile(slug: string, change: (draft: EditableDraft) => void = () => undefined) {
  const draft = JSON.parse(fixture.replaceAll('review-fixture', slug)) as EditableDraft;
  change(draft);
  return { name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) };
}

const ids = (slug: string) => ({
  source: `source:${slug}-press-release`,
  board: `agency:${slug}-herat-board`,
  memorandum: `memorandum:${slug}-mou-2025`,
  person: `person:${slug}-ahmad-karimi`,
});

const cardSelector = (draftId: string) => `#entity-candidates > li[data-draft-id="${draftId}"]`;
const card = (page: Page, draftId: string) => page.locator(cardSelector(draftId));
/** Relation cards in the fixture's order: 0 ASAN PARTY_TO, 1 board PARTY_TO, 2 SIGNED, 3 BASED_IN, 4 HOLDS_POSITION. */
const relationCard = (page: Page, index: number) => page.locator(`#relation-candidates > li[data-key="r${index}"]`);

async function openDraft(page: Page, file: ReturnType<typeof draftFile>): Promise<void> {
  await page.goto(`${session.origin}/review`);
  await page.setInputFiles('#draft-file', file);
  await page.locator('#review:not([hidden])').waitFor();
}

const entityQuery = `query($id: ID!) { entity(id: $id) {
  id name citations { quote source { id } }
  relations(direction: OUT) { type to { id } start { iso } citations { quote source { id } } }
  ... on Memorandum { parties { id } signatories { id } }
} }`;

test('load a draft, reject one, accept and edit two, import: the graph holds the accepted set with its citations', async () => {
  const slug = uniqueSlug('review');
  const id = ids(slug);
  const page = await session.browser.newPage();
  await openDraft(page, draftFile(slug));
  expect(await page.locator('#entity-candidates > li').count()).toBe(4);
  expect(await page.locator('#relation-candidates > li').count()).toBe(5);
  // Existing entities the draft names read by their names in the graph (in the draft's language), not by their ids.
  const { data: known } = await graphql(
    session.server,
    '{ af: entity(id: "country:AF") { name(lang: "en") } asan: entity(id: "agency:asan-xidmet") { name(lang: "en") } }',
  );
  await page.waitForFunction(
    (name) => document.querySelector('#relation-candidates > li[data-key="r3"] legend')?.textContent?.endsWith(`→ ${name}`),
    known!.af.name,
  );
  await expect(card(page, 'agency:asan-xidmet').locator('legend .candidate-label').textContent()).resolves.toBe(known!.asan.name);

  // Rejecting the person drops the two relations that use it, and the page says so.
  await card(page, id.person).locator('input[value="rejected"]').check();
  for (const index of [2, 4]) {
    await expect(relationCard(page, index).locator('.notice').textContent()).resolves.toBe(
      'dropped: it uses "Ahmad Karimi", which is rejected',
    );
    expect(await relationCard(page, index).locator('.notice').isVisible()).toBe(true);
  }
  expect(await page.locator('#summary-dropped').textContent()).toContain('Ahmad Karimi signed the memorandum: dropped');

  // Accept the board and the memorandum, renaming the memorandum; accept the two relations between them and the country.
  await card(page, id.board).locator('input[value="accepted"]').check();
  const memorandum = card(page, id.memorandum);
  await memorandum.locator('input[value="accepted"]').check();
  await memorandum.locator('summary').click();
  await memorandum.locator('input[id$="-name"]').fill('Memorandum on public service delivery, 2025');
  await memorandum.locator('input[id$="-name"]').press('Tab');
  await expect(memorandum.locator('legend .candidate-label').textContent()).resolves.toBe('Memorandum on public service delivery, 2025');
  await relationCard(page, 1).locator('input[value="accepted"]').check();
  await relationCard(page, 3).locator('input[value="accepted"]').check();
  await expect(relationCard(page, 1).locator('legend').textContent()).resolves.toContain('Memorandum on public service delivery, 2025');
  await expect(page.textContent('#summary-counts')).resolves.toContain('2 new entities, 0 existing entities cited again and 2 relations');

  // The board's quote, highlighted in the text at its offsets.
  await card(page, id.board).locator('button.show-quote').click();
  await expect(page.textContent('#source-text mark.quote')).resolves.toBe('the Herat Digital Services Board of Afghanistan');
  await screenshot(page, 'review-decided');
  // The window at the review, as docs/how-to/review-a-draft.md shows it (docs/review.png is this one).
  await page.evaluate(() => document.getElementById('review')?.scrollIntoView());
  await screenshot(page, 'review-window', false);

  // The accepted set as a file, for npm run import: the same bundle the import sends.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  expect(download.suggestedFilename()).toBe(`${slug}-press-release.bundle.json`);
  const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(saved.entities.map((entity: { id: string }) => entity.id)).toEqual([id.board, id.memorandum]);
  expect(saved.relations.map((relation: { type: string }) => relation.type)).toEqual(['PARTY_TO', 'BASED_IN']);

  // Without a token nothing is sent; a reader's token is refused with the advice to use an editor's.
  await page.click('#import');
  await expect(page.textContent('#result')).resolves.toContain('An editor token is needed first');
  await page.fill('#token', reader);
  await page.click('#import');
  await page.locator('#result-error').waitFor();
  await expect(page.textContent('#result')).resolves.toContain('an editor token is needed');
  expect((await graphql(session.server, entityQuery, { id: id.board })).data!.entity).toBeNull();

  // A dry run, then the import.
  await page.fill('#token', token);
  // Waiting for the outcome either way, so a refusal fails the test with its message.
  const outcome = async () => {
    await page.locator('#result-status, #result-error').first().waitFor();
    return page.textContent('#result');
  };
  await page.click('#dry-run');
  await expect(outcome()).resolves.toContain('Checked (dry run): nothing was written.');
  expect((await graphql(session.server, entityQuery, { id: id.board })).data!.entity).toBeNull();
  await page.click('#import');
  await page.locator('#result-status.success, #result-error').first().waitFor();
  await expect(page.textContent('#result')).resolves.toContain('Imported.');
  await expect(page.textContent('#result table tr[data-type="Agency"] td')).resolves.toBe('1');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'review-imported');

  // The graph: the accepted entities and relations, each cited by the new source; the rejected person absent.
  const boardRead = (await graphql(session.server, entityQuery, { id: id.board })).data!.entity;
  expect(boardRead.citations.map((c: { source: { id: string } }) => c.source.id)).toEqual([id.source]);
  const outgoing = boardRead.relations.map((r: { type: string; to: { id: string }; citations: { source: { id: string } }[] }) => [
    r.type,
    r.to.id,
    r.citations.map((c) => c.source.id),
  ]);
  expect(outgoing.sort()).toEqual(
    [
      ['BASED_IN', 'country:AF', [id.source]],
      ['PARTY_TO', id.memorandum, [id.source]],
    ].sort(),
  );
  const memoRead = (await graphql(session.server, entityQuery, { id: id.memorandum })).data!.entity;
  expect(memoRead.name).toBe('Memorandum on public service delivery, 2025');
  expect(memoRead.citations[0].source.id).toBe(id.source);
  expect(memoRead.parties.map((p: { id: string }) => p.id)).toEqual([id.board]);
  expect(memoRead.signatories).toEqual([]);
  expect((await graphql(session.server, entityQuery, { id: id.person })).data!.entity).toBeNull();
  // Audited: the import is in the trail, by the editor's key.
  const trail = await graphql(session.server, 'query($e: ID) { changes(entity: $e) { edges { node { action } } } }', { e: id.board });
  expect(trail.data!.changes.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual(['IMPORT_BUNDLE']);

  // The link opens the board in the explorer, its relations cited by the new source.
  await page.click(`#imported-links a[data-id="${id.board}"]`);
  await page.locator(`#panel [data-entity="${id.board}"]`).waitFor();
  await page.locator('#panel blockquote.quote').first().waitFor();
  const quotes = await page.$$eval('#panel blockquote.quote', (nodes) => nodes.map((node) => node.textContent));
  expect(quotes).toContain('the Herat Digital Services Board of Afghanistan');
  await page.close();
});

/** The draftBundle contract the extract feature implements (issue 24): the page's query must be valid against it. */
const draftContract = buildSchema(`
  scalar JSON
  type Query { draftBundle(text: String!, url: String, published: String): DraftBundle! }
  type DraftBundle { bundle: JSON! candidates: [DraftCandidate!]! language: String! warnings: [String!]! }
  enum DraftCandidateKind { ENTITY RELATION }
  type DraftCandidate {
    kind: DraftCandidateKind! ref: String! label: String! confidence: Float! reason: String!
    matchedId: String quote: String start: Int end: Int
  }
`);

test('a pasted text is drafted by draftBundle on the server, as its contract says, with the token; the page shows its candidates', async () => {
  const page = await session.browser.newPage();
  const sent: { query: string; variables: Record<string, unknown>; authorization: string | undefined }[] = [];
  page.on('request', (request) => {
    const body = request.method() === 'POST' ? (request.postDataJSON() as { query?: string; variables: Record<string, unknown> }) : null;
    if (body?.query?.includes('draftBundle'))
      sent.push({ query: body.query, variables: body.variables, authorization: request.headers().authorization });
  });
  await page.goto(`${session.origin}/review`);
  // The founding press release (Azerbaijani): the extractor's own acceptance text.
  const text = fs.readFileSync(path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.txt'), 'utf8');
  const variables = { text, url: 'https://asan.gov.az/az/news/afghanistan', published: '2021-02-24' };
  await page.fill('#draft-text', text);
  await page.fill('#draft-url', variables.url);
  await page.fill('#draft-published', variables.published);
  await page.click('#draft-form button[type="submit"]');
  await expect(page.textContent('#open-error')).resolves.toContain('An editor token is needed first');
  expect(sent).toEqual([]);
  await page.fill('#token', token);
  await page.click('#draft-form button[type="submit"]');
  await page.locator('#review:not([hidden])').waitFor({ timeout: 120_000 });
  expect(sent).toHaveLength(1);
  expect(validate(draftContract, parse(sent[0]!.query))).toEqual([]);
  expect(sent[0]!.variables).toEqual(variables);
  expect(sent[0]!.authorization).toBe(`Bearer ${token}`);
  // The same text drafted through the API directly: the page shows a card for each of its entity candidates.
  const response = await fetch(`${session.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        'query($text: String!, $url: String, $published: String) { draftBundle(text: $text, url: $url, published: $published) { candidates { kind } } }',
      variables,
    }),
  });
  const drafted = ((await response.json()) as { data: { draftBundle: { candidates: { kind: string }[] } } }).data.draftBundle.candidates;
  const entities = drafted.filter((candidate) => candidate.kind === 'ENTITY').length;
  expect(entities).toBeGreaterThan(0);
  expect(await page.locator('#entity-candidates > li').count()).toBe(entities);
  await page.close();
}, 300_000);

test('refusals are shown: a file that is no draft, a bundle the server refuses with its problems; text stays text', async () => {
  const slug = uniqueSlug('review-bad');
  const id = ids(slug);
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/review`);
  await page.setInputFiles('#draft-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.locator('#open-error .error').waitFor();
  await expect(page.textContent('#open-error')).resolves.toContain('notes.json not opened: Not a draft');
  expect(await page.isHidden('#review')).toBe(true);

  const markup = '<img src=x onerror="window.injected=1"><script>window.injected=2</script>';
  await page.setInputFiles(
    '#draft-file',
    draftFile(slug, (draft) => {
      draft.bundle.source.text = `${markup} ${draft.bundle.source.text}`;
      draft.bundle.entities[0]!.name = `${markup} board`;
      draft.bundle.relations[0]!.from = `agency:${slug}-nowhere`;
    }),
  );
  await page.locator('#review:not([hidden])').waitFor();
  expect(await page.textContent('#source-text')).toContain(markup);
  expect(await page.textContent(`${cardSelector(id.board)} legend .candidate-label`)).toBe(`${markup} board`);
  expect(await page.locator('#review img, #review script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
  // An id the draft names that the graph does not hold says so.
  await page.waitForFunction(
    (id) =>
      document.querySelector('#relation-candidates > li[data-key="r0"] legend')?.textContent?.startsWith(`${id} (not in the graph) —`),
    `agency:${slug}-nowhere`,
  );

  // BASED_IN turned into MODELLED_ON: the server refuses the bundle, naming the relation and what it expected.
  await page.fill('#token', token);
  await card(page, id.board).locator('input[value="accepted"]').check();
  await relationCard(page, 3).locator('input[value="accepted"]').check();
  await relationCard(page, 3).locator('summary').click();
  await relationCard(page, 3).locator('select[id$="-type"]').selectOption('MODELLED_ON');
  await page.click('#dry-run');
  await page.locator('#result-problems li').first().waitFor();
  const problems = await page.$$eval('#result-problems li', (items) => items.map((item) => item.textContent ?? ''));
  expect(problems.some((text) => text.startsWith('/relations/0') && text.includes('MODELLED_ON cannot start at'))).toBe(true);
  await expect(page.textContent('#result-error')).resolves.toContain('BAD_USER_INPUT');
  expect((await graphql(session.server, entityQuery, { id: id.board })).data!.entity).toBeNull();
  await page.close();
});

test('keyboard and WCAG 2 A/AA: a candidate decided with the keyboard alone; axe-core finds nothing on the page', async () => {
  const slug = uniqueSlug('review-a11y');
  const id = ids(slug);
  const page = await session.browser.newPage();
  await openDraft(page, draftFile(slug));
  await card(page, id.board).locator('input[value="accepted"]').focus();
  await page.keyboard.press('ArrowRight');
  expect(await card(page, id.board).getAttribute('data-decision')).toBe('rejected');
  await card(page, id.board).locator('button.show-quote').focus();
  await page.keyboard.press('Enter');
  await expect(page.textContent('#text-status')).resolves.toContain('is highlighted');

  const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axe);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  });
  expect(violations).toEqual([]);
  await page.close();
});

test('no page asked anything of another origin, and none failed but for the refusals these tests provoke', () => {
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  // Chromium logs each refused request (the reader's 403, the refused bundle's 400) as a console error.
  const provoked = /^Failed to load resource: the server responded with a status of (400|403)/;
  expect(session.browser.pageErrors.filter((error) => !provoked.test(error))).toEqual([]);
});
