/**
 * Jest global setup: gives every test file a real Neo4j. With NEO4J_URI set, that one is used;
 * otherwise the embedded Neo4j starts exactly as `npm start` starts it, but on its own port and
 * in a fresh data directory (NEO4J_TEST_BOLT_PORT, default 7688; NEO4J_TEST_DATA_DIR, default .data/neo4j-test), so a
 * running dev server is never touched. Migrations and seeds are applied once here; test files
 * then write only entities with ids unique to them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, projectRoot } from '../../src/app/config';
import { connect } from '../../src/core/db/connect';
import { startEmbeddedNeo4j } from '../../src/core/db/embedded';
import { migrate } from '../../src/core/db/migrations';
import { loadSeeds } from '../../src/ingest/seeds';
import { createLogger } from '../../src/core/logger';
import { testState } from './state';

export default async function globalSetup(): Promise<void> {
  const log = createLogger('info');
  const config = loadConfig();
  if (!config.neo4j.uri) {
    const dataDir = path.resolve(projectRoot, process.env.NEO4J_TEST_DATA_DIR ?? '.data/neo4j-test');
    fs.rmSync(dataDir, { recursive: true, force: true });
    const port = Number(process.env.NEO4J_TEST_BOLT_PORT ?? 7688);
    const embedded = await startEmbeddedNeo4j({ ...config.embedded, boltPort: port, dataDir }, log);
    testState.embedded = embedded;
    // Test workers inherit the environment: they all talk to this database.
    process.env.NEO4J_URI = embedded.uri;
  }
  const db = await connect({ ...config.neo4j, uri: process.env.NEO4J_URI! }, config.queryTimeoutMs);
  try {
    // Migrations and seeds run under the import timeout, as at `npm start`: a busy machine must not
    // fail the run on the 10 s API query timeout.
    const setupDb = db.withTimeout(config.importTimeoutMs);
    await migrate(setupDb, log);
    await loadSeeds(setupDb, config.seedsDir, log);
  } finally {
    await db.close();
  }
}
