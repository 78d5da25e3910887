/**
 * The file through which a command finds the service's Neo4j (core/db/embedded-owner.ts): written
 * owner-only when a process claims a data directory, read back only while that process lives,
 * removed by its owner alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  claimEmbedded,
  describeOwner,
  embeddedOwnerFile,
  processIsAlive,
  readEmbeddedOwner,
  type EmbeddedOwner,
} from '../../src/core/db/embedded-owner';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-owner-'));

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const ownerOf = (pid: number): EmbeddedOwner => ({
  pid,
  command: 'service',
  state: 'ready',
  boltPort: 7801,
  uri: 'bolt://127.0.0.1:7801',
  password: 'file',
  since: '2026-12-08T00:00:00.000Z',
});

test('no file, a file cut short, or a file whose process has exited: nobody runs Neo4j there', () => {
  const dir = dataDir();
  expect(readEmbeddedOwner(dir)).toBeNull();
  fs.writeFileSync(embeddedOwnerFile(dir), '{"pid": 12');
  expect(readEmbeddedOwner(dir)).toBeNull();
  const pid = deadPid();
  expect(processIsAlive(pid)).toBe(false);
  fs.writeFileSync(embeddedOwnerFile(dir), JSON.stringify(ownerOf(pid)));
  expect(readEmbeddedOwner(dir)).toBeNull();
});

test("a live process's file is read back as it was written", () => {
  const dir = dataDir();
  // Jest's own parent process: alive while this test runs, and not this process.
  fs.writeFileSync(embeddedOwnerFile(dir), JSON.stringify(ownerOf(process.ppid)));
  expect(readEmbeddedOwner(dir)).toEqual(ownerOf(process.ppid));
  expect(describeOwner(ownerOf(process.ppid))).toBe(`the running service (npm start, pid ${process.ppid})`);
  expect(describeOwner({ ...ownerOf(42), command: 'import' })).toBe('"import" (pid 42)');
});

test('a claim: starting, then ready with its URI, owner-only; released, the file is gone', () => {
  const dir = dataDir();
  const claim = claimEmbedded(dir, { command: 'service', boltPort: 7801, password: 'file' });
  const file = embeddedOwnerFile(dir);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
    pid: process.pid,
    command: 'service',
    state: 'starting',
    boltPort: 7801,
  });
  // This process's own file is not somebody else's Neo4j to connect to.
  expect(readEmbeddedOwner(dir)).toBeNull();
  claim.ready('bolt://127.0.0.1:7801');
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ state: 'ready', uri: 'bolt://127.0.0.1:7801', password: 'file' });
  claim.release();
  expect(fs.existsSync(file)).toBe(false);
  // Released, a late "ready" writes nothing.
  claim.ready('bolt://127.0.0.1:7801');
  expect(fs.existsSync(file)).toBe(false);
});

test("a release leaves the file alone once another process's claim replaced it", () => {
  const dir = dataDir();
  const claim = claimEmbedded(dir, { command: 'import', boltPort: 7801, password: 'environment' });
  fs.writeFileSync(embeddedOwnerFile(dir), JSON.stringify(ownerOf(process.ppid)));
  claim.release();
  expect(readEmbeddedOwner(dir)).toEqual(ownerOf(process.ppid));
});
