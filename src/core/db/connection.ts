/**
 * Resolves which Neo4j to talk to: the one NEO4J_URI names, or else the embedded one this
 * process starts. Used by the service, the import command, the benchmarks and the tests alike.
 */
import type { Logger } from '../logger';
import { connect, type Database, type Neo4jConnection } from './database';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jConfig } from './embedded';

/** What opening a database needs from the configuration (src/app/config.ts has the defaults). */
export interface DatabaseSettings {
  neo4j: Neo4jConnection;
  embedded: EmbeddedNeo4jConfig;
  queryTimeoutMs: number;
}

export interface OpenDatabase {
  db: Database;
  /** Set when this process started the embedded Neo4j and must stop it. */
  embedded: EmbeddedNeo4j | null;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseSettings, log: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedNeo4j | null = null;
  let uri = config.neo4j.uri;
  if (uri === undefined) {
    embedded = await startEmbeddedNeo4j(config.embedded, log, config.neo4j.password);
    uri = embedded.uri;
  } else {
    log.info(`Using Neo4j at ${uri}`);
  }
  try {
    const db = await connect({ ...config.neo4j, uri }, config.queryTimeoutMs);
    return {
      db,
      embedded,
      close: async () => {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
