/**
 * The landing page, GraphiQL and the docs in a real headless chromium, with every outside host
 * unresolvable: GET /graphql from the browser is the landing page, GraphiQL loads from the service
 * (Monaco and its workers included) with README's examples as tabs and runs one, and the docs page
 * is README rendered with its screenshot. No request leaves the service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readmeExamples } from '../../explorer/build/readme-examples';
import { projectRoot } from '../../src/core/project';
import { screenshot } from './support/chromium';
import { useBrowserSession } from './support/session';

const session = useBrowserSession();

const examples = readmeExamples(fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));

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
  // One tab per README example, the first open with its query.
  await page
    .locator('.graphiql-tab')
    .nth(examples.length - 1)
    .waitFor();
  expect(await page.locator('.graphiql-tab').count()).toBe(examples.length);
  // Tabs are titled by the examples' operation names (README's headings).
  const firstName = /^query (\w+)/m.exec(examples[0]!.query)?.[1];
  expect(await page.locator('.graphiql-tab').first().textContent()).toContain(firstName);
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

test('the docs page is README rendered, its screenshot bundled', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.origin}/docs`);
  expect(await page.textContent('.docs h1')).toBe('coopgraph');
  const headings = await page.$$eval('.docs h2', (items) => items.map((item) => item.textContent));
  expect(headings).toEqual(expect.arrayContaining(['Quick start', 'Configuration']));
  const image = page.locator('.docs img[alt*="explorer" i]').first();
  await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.docs img')].every((img) => img.complete));
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await page.close();
});

test('no page asked anything of another origin, and none failed', () => {
  expect(session.browser.requests.length).toBeGreaterThan(10);
  expect(session.browser.requests.filter((url) => !url.startsWith(`${session.origin}/`))).toEqual([]);
  expect(session.browser.pageErrors).toEqual([]);
});
