/**
 * Loads what every coopgraph graph starts with: all countries, then each seed bundle in
 * seeds/ (file name order), then each facts table (*.tsv, *.csv, with its curation file). A bundle whose content is already stored is skipped, so a
 * restart costs one read per seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { readBundleFile, validateBundle } from './bundle';
import { countryBundle } from './countries';
import { importTable, isTableFile } from './table/import';
import { writeBundle, type WriteSummary } from './writer';

export function seedFiles(seedsDir: string): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter((file) => file.endsWith('.bundle.json'))
    .sort()
    .map((file) => path.join(seedsDir, file));
}

export function seedTables(seedsDir: string): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter(isTableFile)
    .sort()
    .map((file) => path.join(seedsDir, file));
}

export async function loadSeeds(db: Database, seedsDir: string, log: Logger): Promise<WriteSummary[]> {
  const summaries: WriteSummary[] = [];
  const countries = await writeBundle(db, validateBundle(countryBundle(), 'countries'), 'countries');
  summaries.push(countries);
  log.info(`Countries: ${countries.unchanged ? 'already loaded' : `${countries.entities} loaded`}`);
  for (const file of seedFiles(seedsDir)) {
    const summary = await writeBundle(db, readBundleFile(file), file);
    summaries.push(summary);
    log.info(`Seed ${path.basename(file)}: ${summary.unchanged ? 'already loaded' : `${summary.entities} entities, ${summary.relations} relations`}`);
  }
  // Facts tables after the bundles: their names are resolved against what the bundles hold.
  for (const file of seedTables(seedsDir)) {
    const result = await importTable(db, file);
    summaries.push(...result.sources);
    log.info(
      `Seed ${path.basename(file)}: ${result.unchanged ? 'already loaded' : `${result.rows} rows from ${result.sources.length} sources (${result.report.matched.length} matched, ${result.report.created.length} created, ${result.report.unsure.length} unsure)`}`,
    );
  }
  return summaries;
}
