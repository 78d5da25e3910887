/**
 * The browser tests run the built pages (dist/explorer), as `npm start` serves them. `npm test`
 * builds them first (scripts/build.mjs); a test file run on its own builds them here when they
 * are missing or older than their sources (explorer/, docs/, README.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/core/project';

const builtPage = path.join(projectRoot, 'dist/explorer/explore/index.html');

function newestChange(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

export function ensurePagesBuilt(): void {
  const sources = Math.max(...['explorer', 'docs', 'README.md'].map((source) => newestChange(path.join(projectRoot, source))));
  if (fs.existsSync(builtPage) && fs.statSync(builtPage).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'explorer/vite.config.ts', '--logLevel', 'warn'],
    { cwd: projectRoot, stdio: 'inherit' },
  );
}
