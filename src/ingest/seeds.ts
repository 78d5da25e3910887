/**
 * Loads what every coopgraph graph starts with: all countries, then each seed bundle in
 * seeds/ (file name order), then each facts table (*.tsv, *.csv, with its curation file).
 * Whatever is already stored with the same content is skipped, so a restart costs one read
 * per seed source. The caller passes the database with the import timeout
 * (config.importTimeoutMs), not the API's: loading a table is one long write transaction.
 * With an audit hook (the service and the import command pass theirs), each file that wrote
 * something is recorded in the audit trail inside its own transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { SeedLoadError } from '../core/errors';
import { readBundleFile, validateBundle } from './bundle';
import { countryBundle } from './countries';
import { importTable, isTableFile } from './table/import';
import { writeBundle, type WriteOptions, type WriteSummary } from './writer';
import { ensurePartnerRanks } from './partner-ranks';

/** How often a long seed step says it is still working. */
const progressEveryMs = 10_000;

// Declared in core/errors beside the other operator errors; importers of the seeds keep finding it here.
export { SeedLoadError };

/**
 * How the writes of one file are recorded in the audit trail, inside their transaction: the
 * app's (app/import-audit.ts), passed in because ingest does not import features. Without one,
 * nothing is recorded (tests and benchmarks that load seeds into a scratch database).
 */
export type FileAudit = (file: string) => NonNullable<WriteOptions['record']>;

/** How Neo4j reports a transaction ended by its timeout: while running, or while waiting for a lock. */
const timeoutCodes = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.ClientError.Transaction.LockClientStopped',
]);

/** The files in seedsDir that `matches` accepts, in file name order. */
function seedFiles(seedsDir: string, matches: (file: string) => boolean): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter(matches)
    .sort()
    .map((file) => path.join(seedsDir, file));
}

/** Runs one seed step, logging every 10 s while it runs; a timeout becomes a SeedLoadError that says what to do. */
async function step<T>(db: Database, log: Logger, label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const ticker = setInterval(() => log.info(`${label}: still writing (${Math.round((Date.now() - started) / 1000)} s)`), progressEveryMs);
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!timeoutCodes.has(code)) throw error;
    throw new SeedLoadError(
      `${label} did not finish within the import timeout of ${db.timeoutMs / 1000} s (the machine may be busy). ` +
        'Nothing of this step was written; what loaded before it is kept. Run the command again, or raise IMPORT_TIMEOUT_MS.',
      { cause: error },
    );
  } finally {
    clearInterval(ticker);
  }
}

export async function loadSeeds(db: Database, seedsDir: string, log: Logger, audit?: FileAudit): Promise<WriteSummary[]> {
  const record = (file: string): WriteOptions => (audit ? { record: audit(file) } : {});
  // Before any seed is written: a graph from before partner ranks (or under older rules) is
  // ranked once, and an empty one is marked ranked at once, since every write below keeps its
  // ranks (ranking after the seeds would count them all a second time).
  await ensurePartnerRanks(db, log);
  const summaries: WriteSummary[] = [];
  const bundle = countryBundle();
  log.info(`Countries: checking ${bundle.entities.length}`);
  const countries = await step(db, log, 'Countries', () =>
    writeBundle(db, validateBundle(bundle, 'countries'), 'countries', record('countries')),
  );
  summaries.push(countries);
  log.info(`Countries: ${countries.unchanged ? 'already loaded' : `${countries.entities} loaded`}`);
  for (const file of seedFiles(seedsDir, (name) => name.endsWith('.bundle.json'))) {
    const label = `Seed ${path.basename(file)}`;
    const summary = await step(db, log, label, () => writeBundle(db, readBundleFile(file), file, record(file)));
    summaries.push(summary);
    log.info(`${label}: ${summary.unchanged ? 'already loaded' : `${summary.entities} entities, ${summary.relations} relations`}`);
  }
  // Facts tables after the bundles: their names are resolved against what the bundles hold.
  for (const file of seedFiles(seedsDir, isTableFile)) {
    const label = `Seed ${path.basename(file)}`;
    log.info(`${label}: resolving names and writing`);
    const result = await step(db, log, label, () => importTable(db, file, record(file)));
    summaries.push(...result.sources);
    log.info(
      `${label}: ${result.unchanged ? 'already loaded' : `${result.rows} rows from ${result.sources.length} sources (${result.report.matched.length} matched, ${result.report.created.length} created, ${result.report.unsure.length} unsure, ${result.report.refused.length} links refused, ${result.report.extracted.length} extracted from text)`}`,
    );
  }
  return summaries;
}
