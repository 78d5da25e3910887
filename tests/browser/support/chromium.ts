/**
 * Debian's chromium (/usr/bin/chromium, installed by apt; never a browser download), driven by
 * playwright-core: headless, a fresh profile per launch, nothing in the background, and every
 * host name but the service's loopback address unresolvable, so a page that reached outside the
 * service would fail as it would offline. Each launch records every request its pages make.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../../src/core/project';

/** The browser binary. Default /usr/bin/chromium (Debian's package); CHROMIUM_PATH for another. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Screenshots of each step go here (git-ignored): the run's artifacts. */
export const artifactsDir = path.join(projectRoot, 'tests/artifacts');

export interface Browser {
  context: BrowserContext;
  /** Every URL the pages asked for, in order. */
  requests: string[];
  /** Console errors and uncaught exceptions of the pages. */
  pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1500, height: 1000 },
    locale: 'en-GB',
  });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context,
    requests,
    pageErrors,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot of the step as tests/artifacts/<name>.png, once the graph's layout (if any)
 * has settled: the whole page, or only the window with `fullPage` false.
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await page.waitForFunction(() => document.querySelector<HTMLElement>('#graph')?.dataset.layout !== 'running');
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
