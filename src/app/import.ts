/**
 * `npm run import -- file.json|facts.tsv|facts.csv [more files...]`: validates each file
 * completely, then writes it in one transaction (a facts table: see table/import.ts). Prints a
 * summary per file; on a bad file prints every problem with its JSON path (or row and column)
 * and exits 1 with nothing of that file written.
 */
import { ConfigError, loadConfig } from './config';
import { openDatabase } from '../core/db/connection';
import { migrate } from '../core/db/migrations';
import { createLogger } from '../core/logger';
import { BundleValidationError, readBundleFile } from '../ingest/bundle';
import { loadSeeds, SeedLoadError } from '../ingest/seeds';
import { formatReport, importTable, isTableFile } from '../ingest/table/import';
import { writeBundle } from '../ingest/writer';

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run import -- <bundle.json | facts.tsv | facts.csv> [...]\n');
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.db.withTimeout(config.importTimeoutMs), log);
    // Imports are not API reads: they run under the import timeout.
    const db = database.db.withTimeout(config.importTimeoutMs);
    // Bundles may refer to countries and seed entities, so make sure they are there.
    await loadSeeds(db, config.seedsDir, log);
    for (const file of files) {
      if (isTableFile(file)) {
        process.stdout.write(formatReport(await importTable(db, file)));
        continue;
      }
      const summary = await writeBundle(db, readBundleFile(file), file);
      process.stdout.write(
        summary.unchanged
          ? `${file}: already imported, nothing changed\n`
          : `${file}: imported ${summary.entities} entities and ${summary.relations} relations from ${summary.sourceId}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof BundleValidationError || error instanceof ConfigError || error instanceof SeedLoadError) {
      process.stderr.write(`${error.message}\nNothing was written from this file.\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`import failed: ${error.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
