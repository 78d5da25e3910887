/**
 * The landing page, GraphiQL and the docs in a real headless chromium, with every outside host
 * unresolvable: GET /graphql from the browser is the landing page, GraphiQL loads from the service
 * (Monaco and its workers included) with the docs' examples as tabs, each named for its question,
 * and runs one; /docs is the contents of every page of docs/, whose pages have heading anchors,
 * a table of their sections, links to each other and the screenshot. No request leaves the service.
 */
import fs from 'node:fs';
import { exampleSources } from '../../explorer/build/docs-pages';
import { graphqlExamples } from '../../explorer/build/readme-examples';
import { projectRoot } from '../../src/core/project';
import { screenshot } from './support/chromium';
import { useBrowserSession } from './support/session';

const session = useBrowserSession();

const examples = graphqlExamples(exampleSources(projectRoot).map((source) => fs.readFileSync(source, 'utf8')));

test('GET /graphql in a browser is the landing page, and its GraphiQL runs a README example', async () => {
  const page = await session.browser.newPage();
  const response = await page.goto(`${session.origin}/graphql`);
  expect(response?.status()).toBe(200);
  expect(await page.textContent('h1')).toBe('coopgraph');
  const links = await page.$$eval('.landing-links a', (anchors) => anchors.map((a) => a.getAttribute('href')));
  expect(links).toEqual(['/explore', '/graphiql', '/review', '/docs', '/health']);
  await screenshot(page, 'landing');

  await page.click('a[href="/graphiql"]');
  await page.locator('.graphiql-container').waitFor();
  // One tab per example (README's tour, then the API reference), the first open with its query.
  await page
    .locator('.graphiql-tab')
    .nth(examples.length - 1)
    .waitFor();
  expect(await page.locator('.graphiql-tab').count()).toBe(examples.length);
  // Tabs are titled by the examples' operation names: the questions they answer.
  const tabNames = await page.locator('.graphiql-tab').allTextContents();
  expect(tabNames[0]).toContain(/^query (\w+)/m.exec(examples[0]!.query)?.[1]);
  expect(tabNames.some((name) => name.includes('HowIsTheChairmanLinkedToTheKabulCentre'))).toBe(true);
  const editor = page.locator('.graphiql-query-editor .view-lines');
  await page.waitForFunction(
    (title) =>
      document
        .querySelector('.graphiql-query-editor .view-lines')
        ?.textContent?.replace(/\u00a0/g, ' ')
        .includes(title),
    examples[0]!.title,
  );
  const firstLine = examples[0]!.query.split('\n')[1]!.trim().slice(0, 40);
  expect((await editor.textContent())?.replace(/\u00a0/g, ' ')).toContain(firstLine);

  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => /"data"/.test(document.querySelector('.graphiql-response .view-lines')?.textContent ?? ''));
  const answer = (await page.locator('.graphiql-response .view-lines').textContent())?.replace(/\u00a0/g, ' ') ?? '';
  expect(answer).toContain('"data"');
  expect(answer).not.toContain('"errors"');
  await screenshot(page, 'graphiql');
  await page.close();
});

test('/docs is the contents by Diátaxis section; a page has its sections, heading anchors and links to other pages', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/docs`);
  expect(await page.textContent('.docs h1')).toBe('coopgraph documentation');
  const sections = await page.$$eval('.docs h2', (items) => items.map((item) => item.firstChild?.textContent));
  expect(sections).toEqual(expect.arrayContaining(['Tutorial', 'How-to guides', 'Reference', 'Explanation']));

  // A link between pages: the contents to the API reference, served at its own path.
  await page.click('.docs a[href="/docs/reference/graphql-api"]');
  await page.waitForURL(`${session.origin}/docs/reference/graphql-api`);
  expect(await page.textContent('.docs h1')).toBe('The GraphQL API by feature');
  expect(await page.title()).toContain('The GraphQL API by feature');
  // Its table of contents links its sections; each heading has an id and a link to itself.
  const toc = await page.$$eval('.docs-toc a', (anchors) => anchors.map((a) => a.getAttribute('href')));
  expect(toc).toEqual(expect.arrayContaining(['#questions-you-can-ask', '#paths', '#dashboards']));
  expect(await page.getAttribute('.docs h3#paths a.heading-anchor', 'href')).toBe('#paths');
  await page.click('.docs-toc a[href="#paths"]');
  await page.waitForURL(`${session.origin}/docs/reference/graphql-api#paths`);
  await page.waitForFunction(() => {
    const top = document.getElementById('paths')?.getBoundingClientRect().top ?? -1;
    return top >= 0 && top < window.innerHeight;
  });
  // A relative .md link of the markdown, rewritten to the served page.
  await page.click('.docs a[href="/docs/reference/error-codes"]');
  await page.waitForURL(`${session.origin}/docs/reference/error-codes`);
  expect(await page.textContent('.docs h1')).toBe('Error codes');
  await page.close();
});

test("the tutorial shows the explorer's screenshot, bundled; README is a page too", async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/docs/tutorial/first-hour`);
  const image = page.locator('.docs img[alt*="explorer" i]').first();
  await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.docs img')].every((img) => img.complete));
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  expect(await image.getAttribute('src')).toMatch(/^\/assets\/explorer-[\w-]{8}\.png$/);
  await page.goto(`${session.origin}/docs/readme`);
  expect(await page.textContent('.docs h1')).toBe('coopgraph');
  expect(await page.$$eval('.docs h2', (items) => items.map((item) => item.firstChild?.textContent))).toEqual(
    expect.arrayContaining(['Quick start', 'A five-minute tour']),
  );
  await page.close();
});

test('no page asked anything of another origin, and none failed', () => {
  expect(session.browser.requests.length).toBeGreaterThan(10);
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  expect(session.browser.pageErrors).toEqual([]);
});
