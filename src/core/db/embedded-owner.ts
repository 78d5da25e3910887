/**
 * Which process runs the embedded Neo4j of a data directory, and where it listens: a small JSON
 * file in the data directory (coopgraph-neo4j.json, mode 0600), written by the process that starts
 * the JVM (the service, or a command with no service running) and removed when it stops it.
 *
 * A command started beside `npm start` reads it to use the service's Neo4j (its Bolt port, and the
 * data directory's password file) instead of starting a second JVM on the same store, which Neo4j
 * would refuse. A file whose process is gone (killed with SIGKILL) is stale and ignored: its JVM
 * has stopped with it (the launcher exits when its parent's pipe closes).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedOwner {
  /** The Node process that started the JVM. */
  pid: number;
  /** "service" for `npm start`; otherwise the command's script name ("import", "token", "run" for the benchmarks). */
  command: string;
  /** starting: not ready for other processes yet (Maven, the JVM's start, the service's migrations and seeds); ready: `uri` is theirs to use. */
  state: 'starting' | 'ready';
  /** The Bolt port it asked for (NEO4J_BOLT_PORT when it started). */
  boltPort: number;
  /** The Bolt URI the launcher reported once ready. */
  uri?: string;
  /** Where user neo4j's password came from: the data directory's password file, or NEO4J_PASSWORD (which is not written anywhere). */
  password: 'file' | 'environment';
  /** When it started, ISO 8601. */
  since: string;
}

export const embeddedOwnerFile = (dataDir: string): string => path.join(dataDir, 'coopgraph-neo4j.json');

/** True while process `pid` exists (EPERM: it exists, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner of `dataDir`'s embedded Neo4j while its process lives; null when none (no file, a stale one, or one this process wrote). */
export function readEmbeddedOwner(dataDir: string): EmbeddedOwner | null {
  let owner: EmbeddedOwner;
  try {
    owner = JSON.parse(fs.readFileSync(embeddedOwnerFile(dataDir), 'utf8')) as EmbeddedOwner;
  } catch {
    // No file, or one cut short by a crash mid-write: nobody to talk to.
    return null;
  }
  if (!Number.isInteger(owner.pid) || owner.pid === process.pid || !processIsAlive(owner.pid)) return null;
  return owner;
}

/** What the owner is, in words: "the running service (npm start, pid 123)" or "\"import\" (pid 123)". */
export function describeOwner(owner: EmbeddedOwner): string {
  return owner.command === 'service' ? `the running service (npm start, pid ${owner.pid})` : `"${owner.command}" (pid ${owner.pid})`;
}

export interface OwnerClaim {
  /** Records that the database at `uri` is ready for other processes. */
  ready(uri: string): void;
  /** Removes the file if it is still this process's. Safe to call twice. */
  release(): void;
}

/** Writes the file whole (a reader never sees half of it), readable by its owner only (it tells where an authenticated port is). */
function writeOwner(dataDir: string, owner: EmbeddedOwner): void {
  const file = embeddedOwnerFile(dataDir);
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
}

/**
 * Claims `dataDir` for this process ("starting"), before its JVM starts, so a command started
 * meanwhile waits for it rather than racing it for the store. Released at exit whatever happens.
 */
export function claimEmbedded(dataDir: string, owner: Pick<EmbeddedOwner, 'command' | 'boltPort' | 'password'>): OwnerClaim {
  fs.mkdirSync(dataDir, { recursive: true });
  const record: EmbeddedOwner = { pid: process.pid, state: 'starting', since: new Date().toISOString(), ...owner };
  writeOwner(dataDir, record);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const file = embeddedOwnerFile(dataDir);
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedOwner).pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or another process's now: nothing of ours to remove.
    }
  };
  process.once('exit', release);
  const ready = (uri: string) => {
    if (!released) writeOwner(dataDir, { ...record, state: 'ready', uri });
  };
  return { ready, release };
}
