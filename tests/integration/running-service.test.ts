/**
 * The commands find the running service: `npm start` (src/app/main.ts in a child Node, on its own
 * Bolt port and data directory) writes where its embedded Neo4j listens into the data directory,
 * and `npm run import` and `npm run token` use that Neo4j with none of NEO4J_URI, NEO4J_BOLT_PORT,
 * NEO4J_USER or NEO4J_PASSWORD set: the port from the service's file, the password from the data
 * directory's password file. They are given NEO4J_DATA_DIR only because this test's service must
 * not use the project's .data/neo4j (a developer's own `npm start` may hold it); by default the
 * service and the commands both use .data/neo4j and need nothing at all.
 *
 * When they cannot connect, they print one line that says what to do, and a stack trace only with
 * DEBUG_ERRORS=1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../src/app/config';
import { embeddedPasswordFile } from '../../src/core/db/connection';
import { embeddedOwnerFile } from '../../src/core/db/embedded-owner';
import { testBundle } from '../support/bundles';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-running-service-'));
const registerTs = path.join(projectRoot, 'tests/support/register-ts.js');

/** A port nothing listens on now (the kernel's pick). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment with no NEO4J_* setting at all (jest's global setup sets NEO4J_URI for its workers), plus `env`. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEO4J_') && name !== 'NODE_ENV'));
  return { ...clean, ...env };
}

/** `npm run <command> -- <args>` from the TypeScript sources, pointed at `dir` and nothing else. */
function command(script: 'import' | 'token', args: string[], dir = dataDir, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['-r', registerTs, path.join(projectRoot, `src/app/${script}.ts`), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: environment({ NEO4J_DATA_DIR: dir, LOG_LEVEL: 'info', ...env }),
  });
}

/** The `msg` of each JSON log line (other lines as they are). */
function messages(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return (JSON.parse(line) as { msg: string }).msg;
      } catch {
        return line;
      }
    });
}

let service: ChildProcess;
let serviceExit: Promise<number | null>;
let url: string;
let boltPort: number;

/** Starts the service and resolves with its GraphQL URL once it says it is ready. */
function startService(): Promise<string> {
  service = spawn(process.execPath, ['-r', registerTs, path.join(projectRoot, 'src/app/main.ts')], {
    cwd: projectRoot,
    env: environment({ HOST: '127.0.0.1', PORT: '0', NEO4J_BOLT_PORT: String(boltPort), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  serviceExit = new Promise((resolve) => service.once('exit', resolve));
  const said: string[] = [];
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: service.stderr! }).on('line', (line) => {
      const [message = line] = messages(line);
      said.push(message);
      const ready = /^coopgraph ready: (\S+)/.exec(message);
      if (ready) resolve(ready[1]!);
    });
    void serviceExit.then((code) => reject(new Error(`the service exited with ${code} before it was ready:\n${said.join('\n')}`)));
  });
}

beforeAll(async () => {
  boltPort = await freePort();
  url = await startService();
}, 300_000);

afterAll(async () => {
  service?.kill('SIGKILL');
  await serviceExit;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the service writes the Bolt port it uses and its pid into its data directory, owner-only', () => {
  const file = embeddedOwnerFile(dataDir);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
    pid: service.pid,
    command: 'service',
    state: 'ready',
    boltPort,
    uri: `bolt://127.0.0.1:${boltPort}`,
    password: 'file',
    since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  expect(fs.existsSync(embeddedPasswordFile(dataDir))).toBe(true);
});

test("npm run import with no NEO4J_* setting writes into the running service's Neo4j", async () => {
  const bundle = testBundle('running-service');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-running-import-')), 'bundle.json');
  fs.writeFileSync(file, JSON.stringify(bundle));
  const run = command('import', [file]);
  expect(run.stdout).toContain(`imported 4 entities and 5 relations from ${bundle.source.id}`);
  expect(run.status).toBe(0);
  const said = messages(run.stderr);
  expect(said).toContain(`Using the Neo4j of the running service (npm start, pid ${service.pid}): bolt://127.0.0.1:${boltPort}`);
  expect(said.filter((line) => line.startsWith('Starting embedded Neo4j'))).toEqual([]);
  // The service answers with what the command wrote.
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($id: ID!) { entity(id: $id) { id name } }', variables: { id: bundle.entities[0]!.id } }),
  });
  expect(((await response.json()) as { data: unknown }).data).toEqual({
    entity: { id: bundle.entities[0]!.id, name: bundle.entities[0]!.name },
  });
}, 180_000);

test('npm run token with no NEO4J_* setting issues a key the running service accepts', async () => {
  const created = command('token', ['create', '--role', 'editor', '--name', 'running service test']);
  expect(created.status).toBe(0);
  const token = created.stdout.trim();
  expect(token).toMatch(/^\S{20,}$/);
  const listed = command('token', ['list']);
  expect(listed.stdout).toContain('editor  running service test');
  // A mutation needs an editor's key: the service knows the one the command wrote.
  const bundle = testBundle('running-service-token');
  const dryImport = async (authorization: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: 'mutation($bundle: JSON!) { importBundle(bundle: $bundle, dryRun: true) { dryRun } }',
        variables: { bundle },
      }),
    });
    return { status: response.status, data: ((await response.json()) as { data?: unknown }).data };
  };
  expect(await dryImport(`Bearer ${token}`)).toEqual({ status: 200, data: { importBundle: { dryRun: true } } });
  // The same key with another secret: refused, so the 200 above was the key's own doing.
  expect((await dryImport(`Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(401);
}, 180_000);

test('a second npm start on the same data directory says, in one line, that coopgraph runs already', async () => {
  const second = spawnSync(process.execPath, ['-r', registerTs, path.join(projectRoot, 'src/app/main.ts')], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: environment({ PORT: '0', NEO4J_BOLT_PORT: String(await freePort()), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
  });
  expect(second.status).toBe(1);
  expect(messages(second.stderr)).toEqual([
    `coopgraph: ${dataDir} is in use by the running service (npm start, pid ${service.pid}): coopgraph is running already; stop it first, or give this one its own NEO4J_DATA_DIR and NEO4J_BOLT_PORT`,
  ]);
}, 60_000);

describe('a service that cannot be reached', () => {
  // The file of a live process (this test's own) whose Neo4j port nothing listens on.
  const deadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-unreachable-'));
  let uri: string;
  beforeAll(async () => {
    uri = `bolt://127.0.0.1:${await freePort()}`;
    const owner = {
      pid: process.pid,
      command: 'service',
      state: 'ready',
      boltPort: 1,
      uri,
      password: 'file',
      since: new Date().toISOString(),
    };
    fs.writeFileSync(embeddedOwnerFile(deadDir), JSON.stringify(owner));
    fs.writeFileSync(embeddedPasswordFile(deadDir), 'not-used\n', { mode: 0o600 });
  });
  afterAll(() => fs.rmSync(deadDir, { recursive: true, force: true }));

  test('one line that says what to do, no stack trace; the stack with DEBUG_ERRORS=1', () => {
    const run = command('token', ['list'], deadDir, { LOG_LEVEL: 'silent' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `token: cannot reach the Neo4j of the running service (npm start, pid ${process.pid}) at ${uri}: check that the service is up (its /health), or stop it and run this again\n`,
    );
    const debugging = command('token', ['list'], deadDir, { LOG_LEVEL: 'silent', DEBUG_ERRORS: '1' });
    expect(debugging.status).toBe(1);
    expect(debugging.stderr).toMatch(/^token: cannot reach the Neo4j of the running service .*\n\w*Error: .*\n\s+at /);
  }, 60_000);

  test('the import says the same, and writes nothing', () => {
    const run = command('import', [path.join(projectRoot, 'seeds')], deadDir, { LOG_LEVEL: 'silent' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^import failed: cannot reach the Neo4j of the running service \(npm start, pid \d+\) at bolt:\S+: check that/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

test('stopped with SIGTERM, the service exits 0 and removes its file', async () => {
  service.kill('SIGTERM');
  expect(await serviceExit).toBe(0);
  expect(fs.existsSync(embeddedOwnerFile(dataDir))).toBe(false);
}, 120_000);
