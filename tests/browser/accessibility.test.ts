/**
 * The explorer by keyboard alone (search, the skip link, the node list), with a visible focus
 * ring; colour contrast and the other WCAG 2 A/AA rules axe-core checks, on the explorer, the
 * landing page and the docs; and the timeline strip of a country.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { graphql } from '../support/harness';
import { screenshot } from './support/chromium';
import { useBrowserSession } from './support/session';

const session = useBrowserSession();

const kabul = 'center:asan-khedmat-kabul';

/** The focused element: its id, classes, text and how its focus ring is drawn. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const style = active ? getComputedStyle(active) : null;
    return {
      id: active?.id ?? '',
      className: active?.className ?? '',
      dataId: active?.dataset.id ?? '',
      tag: active?.tagName ?? '',
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
    };
  });

async function tabUntil(
  page: Page,
  found: (state: Awaited<ReturnType<typeof focused>>) => boolean,
  most = 40,
): Promise<Awaited<ReturnType<typeof focused>>> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const state = await focused(page);
    if (found(state)) return state;
  }
  throw new Error(`nothing matching was focused within ${most} Tabs`);
}

test('keyboard only: search, choose a suggestion, skip to the nodes, open one', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/explore`);
  const skip = await tabUntil(page, (state) => state.className.includes('skip-link'), 1);
  expect(skip.outline).toBe('solid 3px');
  const search = await tabUntil(page, (state) => state.id === 'search');
  expect(search.outline).toBe('solid 3px');
  await page.keyboard.type('Kabul');
  await page.locator(`#search-suggestions [data-id="${kabul}"]`).waitFor();
  const position = await page.$$eval(
    '#search-suggestions [role="option"]',
    (options, id) => options.findIndex((option) => (option as HTMLElement).dataset.id === id),
    kabul,
  );
  for (let i = 0; i <= position; i++) await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute('#search', 'aria-activedescendant');
  expect(await page.getAttribute(`#${active}`, 'data-id')).toBe(kabul);
  expect(await page.getAttribute(`#${active}`, 'aria-selected')).toBe('true');
  await page.keyboard.press('Enter');
  await page.locator(`#panel [data-entity="${kabul}"]`).waitFor();
  await screenshot(page, 'keyboard-search');

  // From a fresh load of this view: the skip link, then a node, opened with Enter.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#node-list button').length > 1);
  await tabUntil(page, (state) => state.className.includes('skip-link'), 1);
  await page.keyboard.press('Enter');
  // The first node is the centre (already open): the next one.
  const node = await tabUntil(page, (state) => state.dataId !== '' && state.dataId !== kabul, 3);
  expect(node.tag).toBe('BUTTON');
  expect(node.outline).toBe('solid 3px');
  await page.keyboard.press('Enter');
  await page.locator(`#panel [data-entity="${node.dataId}"]`).waitFor();
  expect(page.url()).toContain(`selected=${encodeURIComponent(node.dataId)}`);
  await screenshot(page, 'keyboard-node');
  await page.close();
});

test('WCAG 2 A and AA (contrast included) as axe-core checks them: the explorer, the landing page, the docs', async () => {
  const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = await session.browser.newPage();
  const check = async (url: string, ready: () => Promise<void>) => {
    await page.goto(url);
    await ready();
    // Evaluated through the debugging protocol: the pages' CSP (scripts from this origin only) stays on.
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
    return violations;
  };
  const explorer = await check(
    `${session.origin}/explore#center=${encodeURIComponent(kabul)}&pathFrom=person%3Aulvi-mehdiyev&pathTo=${encodeURIComponent(kabul)}`,
    async () => {
      await page.locator('#path-results .explanation').first().waitFor();
      await page.locator(`#panel [data-entity="${kabul}"]`).waitFor();
    },
  );
  expect(explorer).toEqual([]);
  expect(await check(`${session.origin}/`, async () => undefined)).toEqual([]);
  expect(await check(`${session.origin}/docs`, async () => undefined)).toEqual([]);
  // A page with its table of contents, heading anchors and links to other pages.
  expect(await check(`${session.origin}/docs/reference/graphql-api`, async () => undefined)).toEqual([]);
  await page.close();
});

test("a country's timeline: its dated facts in date order, as many as the API counts", async () => {
  const { data } = await graphql(
    session.server,
    '{ timeline(country: "AF", first: 100) { totalCount edges { node { date { iso } entity { id } } } } }',
  );
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/explore#center=${encodeURIComponent(kabul)}`);
  await page.locator('#node-list button[data-id="country:AF"]').waitFor();
  await page.click('#node-list button[data-id="country:AF"]');
  await page.locator('#timeline .timeline-title').waitFor();
  expect(await page.textContent('#timeline .timeline-title')).toContain(`${data.timeline.totalCount} dated fact`);
  const dates = await page.$$eval('#timeline .timeline-date', (items) => items.map((item) => item.textContent));
  expect(dates).toEqual(data.timeline.edges.map((edge: { node: { date: { iso: string } } }) => edge.node.date.iso));
  await screenshot(page, 'timeline-afghanistan');
  // A click on an entry opens that fact.
  const first = data.timeline.edges[0].node.entity.id;
  await page.locator('#timeline .timeline-entry button').first().click();
  await page.locator(`#panel [data-entity="${first}"]`).waitFor();
  await page.close();
});

test('no page asked anything of another origin, and none failed', () => {
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  expect(session.browser.pageErrors).toEqual([]);
});
