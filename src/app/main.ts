/**
 * `npm start`: config -> database (embedded unless NEO4J_URI is set) -> migrations -> abandoned
 * import runs rolled back -> seeds -> HTTP server. The embedded Neo4j runs under a supervisor
 * that restarts it when its JVM dies (core/db/supervisor.ts); when it gives up, the service exits 1 for a process manager to take
 * over. Ctrl-C or SIGTERM stops in order: no more restarts, HTTP drained (in-flight requests
 * answered, keep-alive sockets closed), the driver closed, the embedded Neo4j stopped; exit 0.
 */
import { ConfigError, loadConfig } from './config';
import { openDatabase, type OpenDatabase } from '../core/db/connection';
import { migrate } from '../core/db/migrations';
import { loadSeeds, SeedLoadError } from '../ingest/seeds';
import { fileAudit, operatorName } from './import-audit';
import { createLogger, type Logger } from '../core/logger';
import { startServer, type RunningServer } from './server';
import { configureCursors } from '../core/cypher/keyset';
import { warmUp } from './warm-up';
import { Readiness } from './http/readiness';
import { recoverAbandonedRuns, recoverAbandonedRunsEvery } from '../ingest/import-run';
import { commandErrorText } from '../core/errors';

/** What is running, filled in as the start proceeds, so a stop at any moment stops what is there. */
interface Running {
  database?: OpenDatabase;
  server?: RunningServer;
  /** Stops the timer that rolls back abandoned import runs. */
  stopRecovery?: () => void;
}

/**
 * Stops `running` once, in order, then exits with `code`. Neo4j is stopped last so requests
 * still draining are answered, and its supervisor is told first so it restarts nothing meanwhile.
 */
function stopper(running: Running, log: Logger): (code: number, reason?: string) => Promise<void> {
  let stopping = false;
  return async (code, reason) => {
    // A Ctrl-C reaches Node twice under `npm start` (from the terminal and from npm): one stop.
    if (stopping) return;
    stopping = true;
    if (reason) log.info(reason);
    running.database?.supervisor?.stopRestarting();
    running.stopRecovery?.();
    await running.server?.stop().catch((error: Error) => log.error(`stopping HTTP: ${error.message}`));
    await running.database?.close().catch((error: Error) => log.error(`stopping Neo4j: ${error.message}`));
    process.exit(code);
  };
}

/**
 * After the supervisor brought Neo4j back, its plan cache is empty: plan the documented shapes
 * again. If it gave up, exit 1 with its reason, so a process manager restarts the service.
 */
function followSupervisor(
  running: Required<Pick<Running, 'database' | 'server'>>,
  readiness: Readiness,
  log: Logger,
  stop: (code: number) => Promise<void>,
): void {
  const { database, server } = running;
  database.supervisor?.onStateChange((state) => {
    if (state !== 'up') readiness.cooled();
  });
  // Once the restarted Neo4j reads (core/db/recovery.ts): the warm-up, then ready.
  database.recovery?.onReadable(() => void warmUp(server.apollo, database.db, log).then(() => readiness.warmed()));
  void database.supervisor?.gaveUp.then((error) => {
    log.error(`coopgraph: ${error.message}; exiting so that a process manager can restart the service`);
    return stop(1);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  configureCursors(config.cursorSecret);
  const log = createLogger(config.logLevel);
  const running: Running = {};
  const stop = stopper(running, log);
  process.on('SIGINT', () => void stop(0, 'SIGINT: shutting down'));
  process.on('SIGTERM', () => void stop(0, 'SIGTERM: shutting down'));

  try {
    const database = (running.database = await openDatabase(config, log, { supervision: config.supervision }));
    await migrate(database.db.withTimeout(config.importTimeoutMs), log);
    const importing = database.db.withTimeout(config.importTimeoutMs);
    // An import run whose process died (npm run import, killed) is rolled back now and whenever one goes silent later.
    await recoverAbandonedRuns(importing, { abandonedAfterMs: config.importAbandonedAfterMs, log });
    running.stopRecovery = recoverAbandonedRunsEvery(importing, config.importAbandonedAfterMs, log);
    // Seed files that write something are recorded in the audit trail as the OS user's.
    await loadSeeds(importing, config.seedsDir, log, fileAudit(operatorName(), 'LOAD_SEED'));
    // From here `npm run import` and `npm run token` may use this Neo4j (they waited until now).
    database.markReady();
    const readiness = new Readiness(database.recovery);
    const server = (running.server = await startServer(
      {
        db: database.db,
        log,
        debugErrors: config.debugErrors,
        limits: config.limits,
        admission: config.admission,
        production: config.production,
        corsOrigins: config.corsOrigins,
        auth: config.auth,
        curation: config.curation,
        exports: config.exports,
        responseCacheBytes: config.responseCacheBytes,
        neo4jSupervisor: database.supervisor ?? undefined,
        readiness,
      },
      { host: config.host, port: config.port },
    ));
    await warmUp(server.apollo, database.db, log);
    readiness.warmed();
    followSupervisor({ database, server }, readiness, log, stop);
    log.info(`coopgraph ready: ${server.url} (health: http://${config.host}:${server.port}/health)`);
  } catch (error) {
    // One line saying what to do; the stack trace only with DEBUG_ERRORS=1.
    log.error(
      error instanceof ConfigError || error instanceof SeedLoadError
        ? `coopgraph: ${commandErrorText(error, { debug: config.debugErrors })}`
        : `coopgraph failed to start: ${commandErrorText(error, { debug: config.debugErrors })}`,
    );
    await stop(1);
  }
}

void main();
