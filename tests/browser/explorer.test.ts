/**
 * The explorer in a real headless chromium against the service on the seeded Neo4j: search
 * "Kabul", open the centre, expand its network, follow a citation to the source with the quote
 * highlighted, find the path from the chairman to the Kabul centre, switch the date range, and
 * open the shared link again. A screenshot of each step goes to tests/artifacts/. Every request
 * the page makes must be to the service.
 */
import type { Page } from 'playwright-core';
import { graphql } from '../support/harness';
import { screenshot } from './support/chromium';
import { useBrowserSession } from './support/session';

const session = useBrowserSession();
let page: Page;

beforeAll(async () => {
  page = await session.browser.newPage();
});

const kabul = 'center:asan-khedmat-kabul';
const chairman = 'person:ulvi-mehdiyev';

/** The ids the node list (the graph's keyboard mirror) shows. */
const shownIds = (target: Page) => target.$$eval('#node-list button', (buttons) => buttons.map((b) => (b as HTMLElement).dataset.id));

/** "12 nodes and 15 relations shown (of 20 and 30 loaded)..." as numbers. */
async function shownCounts(target: Page): Promise<{ nodes: number; edges: number; loadedNodes: number; loadedEdges: number }> {
  const text = (await target.textContent('#graph-status')) ?? '';
  const match = /(\d+) nodes and (\d+) relations shown \(of (\d+) and (\d+) loaded\)/.exec(text);
  if (!match) throw new Error(`unexpected status: ${text}`);
  const [nodes, edges, loadedNodes, loadedEdges] = match.slice(1).map(Number) as [number, number, number, number];
  return { nodes, edges, loadedNodes, loadedEdges };
}

async function pick(target: Page, input: string, text: string, id: string): Promise<void> {
  await target.fill(input, text);
  const option = target.locator(`${input}-suggestions [role="option"][data-id="${id}"]`);
  await option.waitFor();
  await option.click();
}

test('search Kabul, open the centre, expand, cite, find the path, switch dates, share', async () => {
  await page.goto(`${session.origin}/explore`);
  await page.fill('#search', 'Kabul');
  const suggestion = page.locator(`#search-suggestions [role="option"][data-id="${kabul}"]`);
  await suggestion.waitFor();
  await screenshot(page, '01-search-kabul');

  // Open the centre: its neighbourhood is what the API's network says.
  await suggestion.click();
  await page.locator(`#panel [data-entity="${kabul}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#node-list button').length > 1);
  const { data: network } = await graphql(
    session.server,
    'query($c: ID!) { network(center: $c, limit: 100) { nodes { id } edges { id } } }',
    { c: kabul },
  );
  expect((await shownIds(page)).sort()).toEqual(network.network.nodes.map((node: { id: string }) => node.id).sort());
  expect(page.url()).toContain(`center=${encodeURIComponent(kabul)}`);
  await screenshot(page, '02-kabul-centre');

  // Expand a neighbour: a click on the memorandum adds its own neighbours to the graph.
  const memorandum = 'memorandum:asan-af-2016';
  const { data: around } = await graphql(session.server, 'query($c: ID!) { network(center: $c, limit: 100) { nodes { id } } }', {
    c: memorandum,
  });
  await page.click(`#node-list button[data-id="${memorandum}"]`);
  await page.locator(`#panel [data-entity="${memorandum}"]`).waitFor();
  const expected = new Set([...network.network.nodes, ...around.network.nodes].map((node: { id: string }) => node.id));
  await page.waitForFunction((count) => document.querySelectorAll('#node-list button').length === count, expected.size);
  expect(new Set(await shownIds(page))).toEqual(expected);
  expect(decodeURIComponent(page.url())).toContain(`expand=${memorandum}`);
  await screenshot(page, '03-expanded');

  // Follow a citation of the centre's MODELLED_ON relation to its source, the quote highlighted.
  await page.click(`#node-list button[data-id="${kabul}"]`);
  await page.locator(`#panel [data-entity="${kabul}"]`).waitFor();
  const { data: cited } = await graphql(
    session.server,
    'query($c: ID!) { entity(id: $c) { relations(types: [MODELLED_ON]) { id citations { quote quoteTranslation source { id text } } } } }',
    { c: kabul },
  );
  const relation = cited.entity.relations[0];
  const citation = relation.citations[0];
  const item = page.locator(`#panel li[data-relation="${relation.id}"]`);
  await expect(item.locator('blockquote.quote').first().textContent()).resolves.toBe(citation.quote);
  await expect(item.locator('blockquote.quote-translation').first().textContent()).resolves.toContain(citation.quoteTranslation);
  await item.locator('a.source-link').first().click();
  const mark = page.locator('#panel .source-text mark.quote').first();
  await mark.waitFor();
  expect(await mark.textContent()).toBe(citation.quote);
  expect(await mark.isVisible()).toBe(true);
  expect(await page.textContent('#panel .source-text')).toBe(citation.source.text);
  expect(decodeURIComponent(page.url())).toContain(`source=${citation.source.id}`);
  await screenshot(page, '04-citation-source');

  // The path from the chairman to the Kabul centre, highlighted, with the API's explanation.
  const { data: found } = await graphql(
    session.server,
    'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 6, first: 3, lang: "en") { explanation nodes { id } } }',
    { a: chairman, b: kabul },
  );
  expect(found.paths.length).toBeGreaterThan(0);
  await pick(page, '#path-from', 'Mehdiyev', chairman);
  await pick(page, '#path-to', 'Kabul', kabul);
  await page.click('#path-finder button[type="submit"]');
  await page.locator('#path-results .explanation').first().waitFor();
  expect(await page.locator('#path-results .explanation').first().textContent()).toBe(found.paths[0].explanation);
  const highlighted = (await page.getAttribute('#graph', 'data-path-nodes'))?.split(' ').sort();
  expect(highlighted).toEqual(found.paths[0].nodes.map((node: { id: string }) => node.id).sort());
  await screenshot(page, '05-path');
  // The window alone, as README shows the explorer (docs/explorer.png is one of these).
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'explorer-window', false);

  // Switch the date range: 2021 only keeps fewer relations than all dates, and the URL says so.
  const all = await shownCounts(page);
  await page.fill('#date-from', '2021');
  await page.fill('#date-to', '2021');
  await page.click('#dates button[type="submit"]');
  await page.waitForFunction(
    (edges) => !document.querySelector('#graph-status')?.textContent?.includes(`and ${edges} relations shown`),
    all.edges,
  );
  const narrowed = await shownCounts(page);
  expect(narrowed.edges).toBeLessThan(all.edges);
  expect(narrowed.edges).toBeGreaterThan(0);
  expect(narrowed.loadedEdges).toBe(all.loadedEdges);
  expect(page.url()).toMatch(/from=2021&to=2021/);
  await screenshot(page, '06-dates-2021');

  // A bad date is refused with a clear message and changes nothing.
  await page.fill('#date-from', '2021-13');
  await page.click('#dates button[type="submit"]');
  await expect(page.textContent('#date-problem')).resolves.toContain('"2021-13" is not a date');
  expect(await shownCounts(page)).toEqual(narrowed);

  // The shared link shows the same view in a new tab.
  const shared = await page.inputValue('#share-url');
  const second = await session.browser.newPage();
  await second.goto(shared);
  await second.waitForFunction((count) => document.querySelectorAll('#node-list button').length === count, narrowed.nodes);
  expect(await shownCounts(second)).toEqual(narrowed);
  expect((await second.getAttribute('#graph', 'data-path-nodes'))?.split(' ').sort()).toEqual(highlighted);
  await second.locator('#panel mark.quote').first().waitFor();
  await screenshot(second, '07-shared-link');
  await second.close();

  expect(session.browser.requests.length).toBeGreaterThan(0);
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  expect(session.browser.pageErrors).toEqual([]);
});

test('disputed relations look different: dashed and red in the graph, marked in the panel', async () => {
  const person = 'person:li-junhua';
  const { data } = await graphql(
    session.server,
    'query($c: ID!) { network(center: $c, limit: 100) { edges { disputed } } entity(id: $c) { relations { id disputed } } }',
    { c: person },
  );
  const disputedEdges = data.network.edges.filter((edge: { disputed: boolean }) => edge.disputed).length;
  const disputedRelations = data.entity.relations
    .filter((relation: { disputed: boolean }) => relation.disputed)
    .map((relation: { id: string }) => relation.id);
  expect(disputedEdges).toBeGreaterThan(0);
  const disputedPage = await session.browser.newPage();
  await disputedPage.goto(`${session.origin}/explore#center=${encodeURIComponent(person)}`);
  await disputedPage.locator(`#panel [data-entity="${person}"] .relations`).waitFor();
  expect(await disputedPage.getAttribute('#graph', 'data-disputed-edges')).toBe(String(disputedEdges));
  const marked = await disputedPage.$$eval('#panel li.relation.disputed', (items) =>
    items.map((item) => (item as HTMLElement).dataset.relation),
  );
  expect(marked.sort()).toEqual([...disputedRelations].sort());
  expect(await disputedPage.locator('#panel li.relation.disputed .disputed-badge').first().textContent()).toBe('disputed');
  expect(await disputedPage.textContent('#legend')).toContain('disputed relation');
  await screenshot(disputedPage, '08-disputed', false);
  await disputedPage.close();
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  expect(session.browser.pageErrors).toEqual([]);
});

test("suggestions name entities in the chosen language where it is known, beside the source's name", async () => {
  const { data } = await graphql(session.server, '{ entity(id: "country:AF") { az: name(lang: "az") name } }');
  expect(data.entity.az).not.toBe(data.entity.name);
  const named = await session.browser.newPage();
  await named.goto(`${session.origin}/explore#lang=az`);
  expect(await named.inputValue('#lang')).toBe('az');
  await named.fill('#search', 'Afghanistan');
  const option = named.locator('#search-suggestions [role="option"][data-id="country:AF"]');
  await option.waitFor();
  expect(await option.locator('.suggestion-name').textContent()).toBe(data.entity.az);
  expect(await option.locator('.suggestion-detail').textContent()).toContain(data.entity.name);
  // Chosen, the centre keeps the language: its panel is titled in Azerbaijani.
  await option.click();
  await named.locator('#panel [data-entity="country:AF"]').waitFor();
  expect(await named.textContent('#entity-title')).toBe(data.entity.az);
  expect(named.url()).toContain('lang=az');
  await named.close();
});
