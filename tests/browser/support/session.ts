/**
 * What every browser test file starts with: the service on the seeded test database (the
 * integration harness's), its built pages, and one headless chromium; all stopped after the
 * file. The fields are filled in before the first test runs.
 */
import type { RunningServer } from '../../../src/app/server';
import { useTestServer } from '../../support/harness';
import { launchBrowser, type Browser } from './chromium';
import { ensurePagesBuilt } from './pages-build';

export interface BrowserSession {
  server: RunningServer;
  /** The service's origin, e.g. http://127.0.0.1:4123: every request a page makes must start with it. */
  origin: string;
  browser: Browser;
}

export function useBrowserSession(): BrowserSession {
  const session = {} as BrowserSession;
  useTestServer((opened) => {
    session.server = opened.server;
    session.origin = `http://127.0.0.1:${opened.server.port}`;
  });
  beforeAll(async () => {
    ensurePagesBuilt();
    session.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}
