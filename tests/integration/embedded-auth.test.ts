/**
 * The embedded Neo4j requires auth by default: openDatabase generates a password at the first
 * start, keeps it owner-only in the data directory, and uses it; without it, Bolt refuses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/app/config';
import { embeddedPasswordFile, openDatabase, type OpenDatabase } from '../../src/core/db/connection';
import { connect } from '../../src/core/db/connect';
import { silentLogger } from '../../src/core/logger';

// The fault test's ports are NEO4J_FAULT_BOLT_PORT and +1; this test takes +2.
const port = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? 7698) + 2;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-auth-'));
const base = loadConfig();
const config = {
  ...base,
  neo4j: { ...base.neo4j, uri: undefined, password: undefined },
  embedded: { ...base.embedded, boltPort: port, dataDir },
};

let opened: OpenDatabase | undefined;
afterAll(async () => {
  await opened?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a generated password, owner-only in the data directory; Bolt refuses anyone without it; kept across restarts', async () => {
  opened = await openDatabase(config, silentLogger);
  const file = embeddedPasswordFile(dataDir);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const password = fs.readFileSync(file, 'utf8').trim();
  expect(password.length).toBeGreaterThanOrEqual(32);
  expect(await opened.db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);

  const uri = `bolt://127.0.0.1:${port}`;
  await expect(connect({ ...config.neo4j, uri, password: 'guess' }, 5000)).rejects.toThrow(ConfigError);
  await expect(connect({ ...config.neo4j, uri, password: undefined }, 5000)).rejects.toThrow();
  const withFile = await connect({ ...config.neo4j, uri, password }, 5000);
  await withFile.close();

  // A second start reuses the same password.
  await opened.close();
  opened = await openDatabase(config, silentLogger);
  expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
  expect(await opened.db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
}, 240000);
