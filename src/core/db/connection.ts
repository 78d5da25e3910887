/**
 * Resolves which Neo4j to talk to: the one NEO4J_URI names, or else the embedded one this
 * process starts. Used by the service, the import command, the benchmarks and the tests alike.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { connect, type Neo4jConnection } from './connect';
import type { Database } from './database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jConfig } from './embedded';
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

/**
 * Opens the Neo4j of NEO4J_URI, or starts the embedded one. With `supervision` (the service;
 * imports and benchmarks pass none) the embedded JVM is restarted when it dies (supervisor.ts).
 */
export async function openDatabase(config: DatabaseSettings, log: Logger, supervision?: SupervisionOptions): Promise<OpenDatabase> {
  let embedded: EmbeddedNeo4j | null = null;
  let supervisor: Neo4jSupervisor | null = null;
  let uri = config.neo4j.uri;
  let password = config.neo4j.password;
  if (uri === undefined) {
    password ??= embeddedPassword(config.embedded.dataDir);
    if (supervision) supervisor = await superviseEmbeddedNeo4j(config.embedded, password, log, supervision);
    else embedded = await startEmbeddedNeo4j(config.embedded, log, password);
    uri = (supervisor ?? embedded)!.uri;
  } else {
    log.info(`Using Neo4j at ${uri}`);
  }
  const stopNeo4j = async () => {
    await supervisor?.stop();
    await embedded?.stop();
  };
  try {
    const db = await connect({ ...config.neo4j, uri, password }, config.queryTimeoutMs);
    return {
      db,
      embedded,
      supervisor,
      recovery: supervisor ? new Recovery(supervisor, db, log) : null,
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
