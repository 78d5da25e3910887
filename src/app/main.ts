/**
 * `npm start`: config -> database (embedded unless NEO4J_URI is set) -> migrations -> seeds ->
 * HTTP server. Ctrl-C or SIGTERM drains HTTP, closes the driver and stops the embedded Neo4j.
 */
import { ConfigError, loadConfig } from './config';
import { openDatabase, type OpenDatabase } from '../core/db/connection';
import { migrate } from '../core/db/migrations';
import { loadSeeds, SeedLoadError } from '../ingest/seeds';
import { createLogger } from '../core/logger';
import { startServer, type RunningServer } from './server';
import { configureCursors } from '../core/graphql/pagination';
import { warmUp } from './warm-up';

async function main(): Promise<void> {
  const config = loadConfig();
  configureCursors(config.cursorSecret);
  const log = createLogger(config.logLevel);
  let database: OpenDatabase | undefined;
  let server: RunningServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await server?.stop().catch((error: Error) => log.error(`stopping HTTP: ${error.message}`));
    await database?.close().catch((error: Error) => log.error(`stopping Neo4j: ${error.message}`));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    database = await openDatabase(config, log);
    await migrate(database.db, log);
    await loadSeeds(database.db.withTimeout(config.importTimeoutMs), config.seedsDir, log);
    server = await startServer({ db: database.db, log, debugErrors: config.debugErrors, limits: config.limits, production: config.production, corsOrigins: config.corsOrigins }, { host: config.host, port: config.port });
    await warmUp(server.apollo, database.db, log);
    log.info(`coopgraph ready: ${server.url} (health: http://${config.host}:${server.port}/health)`);
  } catch (error) {
    log.error(error instanceof ConfigError || error instanceof SeedLoadError ? `coopgraph: ${error.message}` : `coopgraph failed to start: ${(error as Error).stack ?? String(error)}`);
    await server?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
