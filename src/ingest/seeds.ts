/**
 * Loads what every coopgraph graph starts with: all countries, then each seed bundle in
 * seeds/ (file name order), then each facts table (*.tsv, *.csv, with its curation file).
 * Whatever is already stored with the same content is skipped, so a restart costs one read
 * per seed source.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { readBundleFile, validateBundle } from './bundle';
import { countryBundle } from './countries';
import { importTable, isTableFile } from './table/import';
import { writeBundle, type WriteSummary } from './writer';

/** The files in seedsDir that `matches` accepts, in file name order. */
function seedFiles(seedsDir: string, matches: (file: string) => boolean): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter(matches)
    .sort()
    .map((file) => path.join(seedsDir, file));
}

export async function loadSeeds(db: Database, seedsDir: string, log: Logger): Promise<WriteSummary[]> {
  const summaries: WriteSummary[] = [];
  const countries = await writeBundle(db, validateBundle(countryBundle(), 'countries'), 'countries');
  summaries.push(countries);
  log.info(`Countries: ${countries.unchanged ? 'already loaded' : `${countries.entities} loaded`}`);
  for (const file of seedFiles(seedsDir, (name) => name.endsWith('.bundle.json'))) {
    const summary = await writeBundle(db, readBundleFile(file), file);
    summaries.push(summary);
    log.info(`Seed ${path.basename(file)}: ${summary.unchanged ? 'already loaded' : `${summary.entities} entities, ${summary.relations} relations`}`);
  }
  // Facts tables after the bundles: their names are resolved against what the bundles hold.
  for (const file of seedFiles(seedsDir, isTableFile)) {
    const result = await importTable(db, file);
    summaries.push(...result.sources);
    log.info(
      `Seed ${path.basename(file)}: ${result.unchanged ? 'already loaded' : `${result.rows} rows from ${result.sources.length} sources (${result.report.matched.length} matched, ${result.report.created.length} created, ${result.report.unsure.length} unsure)`}`,
    );
  }
  return summaries;
}
