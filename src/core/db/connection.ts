/**
 * Resolves which Neo4j to talk to: the one NEO4J_URI names, else the embedded one a running
 * service started on the same data directory, else the embedded one this process starts. Used by
 * the service, the commands, the benchmarks and the tests alike.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, DatabaseUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { connect, type Neo4jConnection } from './connect';
import type { Database } from './database';
import { startEmbeddedNeo4j, withProgress, type EmbeddedNeo4j, type EmbeddedNeo4jConfig } from './embedded';
import { claimEmbedded, describeOwner, readEmbeddedOwner, type EmbeddedOwner } from './embedded-owner';
import { Recovery } from './recovery';
import { superviseEmbeddedNeo4j, type Neo4jSupervisor, type SupervisionOptions } from './supervisor';

/** What opening a database needs from the configuration (src/app/config.ts has the defaults). */
export interface DatabaseSettings {
  neo4j: Neo4jConnection;
  embedded: EmbeddedNeo4jConfig;
  queryTimeoutMs: number;
}

export interface OpenDatabase {
  db: Database;
  /** Set when this process started the embedded Neo4j unsupervised and must stop it. */
  embedded: EmbeddedNeo4j | null;
  /** Set instead when this process started the embedded Neo4j under a supervisor (the service). */
  supervisor: Neo4jSupervisor | null;
  /**
   * With a supervisor: holds the breaker from a death of the JVM until a real read succeeds
   * after its restart (recovery.ts), so requests meanwhile fail at once as DATABASE_UNAVAILABLE.
   */
  recovery: Recovery | null;
  /**
   * Tells commands waiting on the data directory that this database is ready for them
   * (embedded-owner.ts): the service calls it once its migrations and seeds are done. A command's
   * own embedded Neo4j is marked at once; a Neo4j this process did not start, never.
   */
  markReady(): void;
  close(): Promise<void>;
}

/** Where the embedded Neo4j's generated password is kept: in its data directory, readable by its owner only. */
export const embeddedPasswordFile = (dataDir: string): string => path.join(dataDir, 'coopgraph-password');

/**
 * The embedded Neo4j's password when NEO4J_PASSWORD is not set: generated at the first start and
 * kept in the data directory (mode 0600), so its Bolt port on loopback is not open to every
 * local process. The launcher sets it on user neo4j at each start.
 */
export function embeddedPassword(dataDir: string): string {
  const file = embeddedPasswordFile(dataDir);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export interface OpenOptions {
  /** The service's: the embedded JVM is restarted when it dies (supervisor.ts). Commands and benchmarks pass none. */
  supervision?: SupervisionOptions;
  /**
   * With no NEO4J_URI, when the service runs on the same data directory: "use" its Neo4j (the
   * commands; the default), or "refuse" with a line saying so (the benchmarks, which write generated graphs).
   */
  runningService?: 'use' | 'refuse';
}

/**
 * Opens the Neo4j of NEO4J_URI; else the one a running service started on the same data directory
 * (embedded-owner.ts: its Bolt port, and the data directory's password file); else starts the
 * embedded one. With `supervision` (the service) the embedded JVM is restarted when it dies.
 */
export async function openDatabase(config: DatabaseSettings, log: Logger, options: OpenOptions = {}): Promise<OpenDatabase> {
  const uri = config.neo4j.uri;
  if (uri !== undefined) {
    log.info(`Using Neo4j at ${uri}`);
    const db = await reach(
      config,
      { uri, password: config.neo4j.password },
      `Neo4j at ${uri} (NEO4J_URI)`,
      'start it, or correct NEO4J_URI',
    );
    return { db, embedded: null, supervisor: null, recovery: null, markReady: () => undefined, close: () => db.close() };
  }
  const owner = readEmbeddedOwner(config.embedded.dataDir);
  if (owner === null) return openEmbedded(config, log, options.supervision);
  refuseOwner(owner, config.embedded.dataDir, options);
  return openRunningService(config, await ownerReady(owner, config.embedded, log), log);
}

/** Connects, an unreachable server becoming one line naming it and what to do. */
async function reach(
  config: DatabaseSettings,
  at: { uri: string; password: string | undefined },
  what: string,
  todo: string,
): Promise<Database> {
  try {
    return await connect({ ...config.neo4j, ...at }, config.queryTimeoutMs);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    throw new ConfigError(`cannot reach ${what}: ${todo}`, { cause: error });
  }
}

/** Unless this is a command that may share the service's Neo4j, the data directory being in use is a ConfigError saying by whom. */
function refuseOwner(owner: EmbeddedOwner, dataDir: string, options: OpenOptions): void {
  const by = `${dataDir} is in use by ${describeOwner(owner)}`;
  if (options.supervision) {
    throw new ConfigError(
      owner.command === 'service'
        ? `${by}: coopgraph is running already; stop it first, or give this one its own NEO4J_DATA_DIR and NEO4J_BOLT_PORT`
        : `${by}: wait for it to finish, then start again`,
    );
  }
  if (owner.command !== 'service') throw new ConfigError(`${by}: wait for it to finish, or set NEO4J_DATA_DIR to another directory`);
  if (options.runningService === 'refuse') {
    throw new ConfigError(`${by}: stop it, or give this command its own NEO4J_DATA_DIR and NEO4J_BOLT_PORT (it writes generated data)`);
  }
}

/** The owner once it is ready: a service still starting is waited for, with progress, up to NEO4J_START_TIMEOUT_S. */
async function ownerReady(owner: EmbeddedOwner, embedded: EmbeddedNeo4jConfig, log: Logger): Promise<EmbeddedOwner & { uri: string }> {
  let current: EmbeddedOwner | null = owner;
  if (current.state === 'starting') {
    const deadline = Date.now() + embedded.startTimeoutSeconds * 1000;
    const started = async () => {
      // The service writes no event another process could await: its file is read again every half second.
      while (current?.state === 'starting' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        current = readEmbeddedOwner(embedded.dataDir);
      }
    };
    await withProgress(log, `Waiting for ${describeOwner(owner)} to be ready (its Neo4j, migrations and seeds)`, started());
  }
  if (current === null) throw new ConfigError(`${describeOwner(owner)} stopped while starting: start it again, then run this again`);
  if (current.state !== 'ready' || current.uri === undefined) {
    throw new ConfigError(
      `${describeOwner(owner)} was not ready within ${embedded.startTimeoutSeconds} s: look at its log, then run this again`,
    );
  }
  return { ...current, uri: current.uri };
}

/** User neo4j's password for the running service's Neo4j: NEO4J_PASSWORD if set, else the data directory's password file. */
function runningServicePassword(config: DatabaseSettings, owner: EmbeddedOwner): string {
  if (config.neo4j.password !== undefined) return config.neo4j.password;
  if (owner.password === 'environment') {
    throw new ConfigError(`${describeOwner(owner)} was started with NEO4J_PASSWORD: set the same NEO4J_PASSWORD for this command`);
  }
  const file = embeddedPasswordFile(config.embedded.dataDir);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`cannot read the password file ${file} (${code}): run this as the user who runs ${describeOwner(owner)}`);
  }
}

/** The Neo4j the service started: this process only connects, and closing it stops nothing but its driver. */
async function openRunningService(config: DatabaseSettings, owner: EmbeddedOwner & { uri: string }, log: Logger): Promise<OpenDatabase> {
  log.info(`Using the Neo4j of ${describeOwner(owner)}: ${owner.uri}`);
  const db = await reach(
    config,
    { uri: owner.uri, password: runningServicePassword(config, owner) },
    `the Neo4j of ${describeOwner(owner)} at ${owner.uri}`,
    'check that the service is up (its /health), or stop it and run this again',
  );
  return { db, embedded: null, supervisor: null, recovery: null, markReady: () => undefined, close: () => db.close() };
}

/** The command's name for others to read in the owner file: its script's ("import", "token"). */
const commandName = (): string => path.basename(process.argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, '');

/** Starts the embedded Neo4j (supervised for the service), claiming its data directory while it runs. */
async function openEmbedded(config: DatabaseSettings, log: Logger, supervision: SupervisionOptions | undefined): Promise<OpenDatabase> {
  const { dataDir, boltPort } = config.embedded;
  const password = config.neo4j.password ?? embeddedPassword(dataDir);
  const claim = claimEmbedded(dataDir, {
    command: supervision ? 'service' : commandName(),
    boltPort,
    password: config.neo4j.password === undefined ? 'file' : 'environment',
  });
  let embedded: EmbeddedNeo4j | null = null;
  let supervisor: Neo4jSupervisor | null = null;
  const stopNeo4j = async () => {
    await supervisor?.stop();
    await embedded?.stop();
    claim.release();
  };
  try {
    if (supervision) supervisor = await superviseEmbeddedNeo4j(config.embedded, password, log, supervision);
    else embedded = await startEmbeddedNeo4j(config.embedded, log, password);
    const uri = (supervisor ?? embedded)!.uri;
    const db = await connect({ ...config.neo4j, uri, password }, config.queryTimeoutMs);
    // A command's Neo4j is no one else's to use: marked at once, only so that others wait for it to finish, not for a start.
    if (!supervision) claim.ready(uri);
    return {
      db,
      embedded,
      supervisor,
      recovery: supervisor ? new Recovery(supervisor, db, log) : null,
      markReady: () => claim.ready(uri),
      close: async () => {
        // No restart from here on: a JVM dying while the driver closes stays down.
        supervisor?.stopRestarting();
        await db.close();
        await stopNeo4j();
      },
    };
  } catch (error) {
    await stopNeo4j();
    throw error;
  }
}
