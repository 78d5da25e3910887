/**
 * `npm run import -- <file-or-folder>... [--dry-run]`: source bundles (.json) and facts tables
 * (.tsv, .csv; a table's `.curation.json` beside it is read with it, not imported). Each file is
 * validated completely and then written in one transaction, in UNWIND batches with a progress
 * line: all or nothing per file. A bundle with more rows than IMPORT_TRANSACTION_ROWS is written
 * as an import run instead (ingest/import-run.ts): a transaction per batch, an undo log, still
 * all or nothing. An invalid file is reported with every problem (file, path or
 * row and column, reason) and nothing of it is written; the other files are still imported, and
 * the exit code is 1. Ends with what was created, updated, left unchanged and (tables) unsure,
 * per type. --dry-run does every write and rolls each back: the summary is what would change.
 * Every file written (and every seed file loaded first) is recorded in the audit trail, by the
 * OS user or the name given with --as (app/import-audit.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { fileAudit, operatorName } from './import-audit';
import { ProgressLine } from './progress';
import { openDatabase } from '../core/db/connection';
import { TransactionMemoryError, type Database } from '../core/db/database';
import { migrate } from '../core/db/migrations';
import { createLogger, type Logger } from '../core/logger';
import type { ImportChanges } from '../core/model/changes';
import { typeOfId } from '../core/model/registry';
import { BundleValidationError, readBundleFile, type Bundle } from '../ingest/bundle';
import { recoverAbandonedRuns, rowCount, writeBundleInRun, type RunOptions } from '../ingest/import-run';
import { loadSeeds, SeedLoadError } from '../ingest/seeds';
import { formatReport, importTable, isTableFile } from '../ingest/table/import';
import { writeBundle, type WriteSummary } from '../ingest/writer';
import { commandErrorText, ConflictError, debugErrorsFromEnv } from '../core/errors';

const usage = 'usage: npm run import -- <bundle.json | facts.tsv | facts.csv | folder> [...] [--dry-run] [--as <name>]\n';

/** Counts per type over every file: what the summary prints. */
interface TypeCounts {
  created: number;
  updated: number;
  unchanged: number;
  unsure: number;
}

/** What one file's import gave: its lines for stdout, its changes, and names it was unsure of (tables). */
export interface FileOutcome {
  text: string;
  changes: ImportChanges[];
  unsureIds: string[];
}

/** The files named, folders expanded to their bundles and tables in name order; missing paths are problems. */
export function expandInputs(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const given of paths) {
    if (!fs.existsSync(given)) missing.push(given);
    else if (fs.statSync(given).isDirectory()) {
      const inside = fs.readdirSync(given).filter((name) => /\.(json|tsv|csv)$/i.test(name) && !/\.curation\.json$/i.test(name));
      files.push(...inside.sort().map((name) => path.join(given, name)));
    } else files.push(given);
  }
  return { files, missing };
}

/** How a file is written: the writer's options, and when a bundle is large enough for an import run (ingest/import-run.ts). */
export interface ImportSettings extends RunOptions {
  transactionRows: number;
}

/** One bundle: in one transaction, or as an import run when it has more rows than one should hold (a dry run always rolls back one transaction). */
function writeBundleFile(db: Database, bundle: Bundle, file: string, settings: ImportSettings): Promise<WriteSummary> {
  if (!settings.dryRun && rowCount(bundle) > settings.transactionRows) return writeBundleInRun(db, bundle, file, settings);
  return writeBundle(db, bundle, file, settings);
}

/** One file imported (or, with dryRun, imported and rolled back): what the command prints for it, and what it changed. */
export async function importFile(db: Database, file: string, options: ImportSettings): Promise<FileOutcome> {
  const would = options.dryRun ? 'dry run, nothing written: would have ' : '';
  if (isTableFile(file)) {
    const result = await importTable(db, file, options);
    const changes = result.sources.flatMap((summary) => (summary.changes ? [summary.changes] : []));
    return {
      text: `${options.dryRun ? '(dry run, nothing written) ' : ''}${formatReport(result)}`,
      changes,
      unsureIds: result.report.unsure.map((line) => line.id),
    };
  }
  const summary = await writeBundleFile(db, readBundleFile(file), file, options);
  const text = summary.unchanged
    ? `${file}: already imported, nothing changed\n`
    : `${file}: ${would}imported ${summary.entities} entities and ${summary.relations} relations from ${summary.sourceId}\n`;
  return { text, changes: summary.changes ? [summary.changes] : [], unsureIds: [] };
}

/** The per-type table printed at the end. */
export function formatTotals(outcomes: readonly FileOutcome[]): string {
  const entities = new Map<string, TypeCounts>();
  const relations = new Map<string, TypeCounts>();
  const add = (into: Map<string, TypeCounts>, type: string, counts: Partial<TypeCounts>) => {
    const row = into.get(type) ?? { created: 0, updated: 0, unchanged: 0, unsure: 0 };
    for (const key of Object.keys(counts) as (keyof TypeCounts)[]) row[key] += counts[key] ?? 0;
    into.set(type, row);
  };
  for (const outcome of outcomes) {
    for (const changes of outcome.changes) {
      for (const { type, ...counts } of changes.entities) add(entities, type, counts);
      for (const { type, ...counts } of changes.relations) add(relations, type, counts);
    }
    for (const id of outcome.unsureIds) add(entities, typeOfId(id) ?? 'unknown', { unsure: 1 });
  }
  const table = (title: string, rows: Map<string, TypeCounts>) => [
    `  ${title.padEnd(22)}${['created', 'updated', 'unchanged', 'unsure'].map((h) => h.padStart(11)).join('')}`,
    ...[...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, c]) =>
          `  ${type.padEnd(22)}${[c.created, c.updated, c.unchanged, c.unsure].map((n) => n.toLocaleString('en-US').padStart(11)).join('')}`,
      ),
  ];
  return `${[...table('entities', entities), ...table('relations', relations)].join('\n')}\n`;
}

/** The command line read: the files to import, whether to roll back, who writes (--as), and what was named but is not there. */
interface ImportRequest {
  dryRun: boolean;
  as: string | null;
  files: string[];
  missing: string[];
}

/** `--as <name>` or `--as=<name>` taken out of the arguments; `name` '' when the option has no value. */
function takeAs(argv: readonly string[]): { as: string | null; rest: string[] } {
  const rest = [...argv];
  const at = rest.findIndex((arg) => arg === '--as' || arg.startsWith('--as='));
  if (at < 0) return { as: null, rest };
  const [option] = rest.splice(at, 1);
  if (option !== '--as') return { as: option!.slice('--as='.length).trim(), rest };
  const value = rest[at] !== undefined && !rest[at]!.startsWith('--') ? rest.splice(at, 1)[0]! : '';
  return { as: value.trim(), rest };
}

/** The request, or null after printing the usage (an unknown option, --as without a name, nothing to import). */
function parseArguments(argv: readonly string[]): ImportRequest | null {
  const { as, rest } = takeAs(argv);
  const dryRun = rest.includes('--dry-run');
  const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--dry-run');
  if (as === '') unknown.push('--as without a name');
  const { files, missing } = expandInputs(rest.filter((arg) => !arg.startsWith('--')));
  if (unknown.length > 0 || files.length + missing.length === 0) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown.join(', ')}\n` : ''}${usage}`);
    return null;
  }
  return { dryRun, as, files, missing };
}

/** Errors that fail one file (nothing of it written) and let the next one be imported. */
const fileErrors = [TransactionMemoryError, ConflictError, BundleValidationError];

/** Makes the database ready for imports: migrated, seeded (recorded as `by`'s), no abandoned run left half written. */
async function prepare(db: Database, config: Config, log: Logger, by: string): Promise<void> {
  await migrate(db, log);
  // Bundles may refer to countries and seed entities, so make sure they are there.
  await loadSeeds(db, config.seedsDir, log, fileAudit(by, 'LOAD_SEED'));
  // A run an earlier import left behind (its process died) is rolled back before anything else.
  await recoverAbandonedRuns(db, { abandonedAfterMs: config.importAbandonedAfterMs, log });
}

/**
 * Imports each file in turn, each recorded in the audit trail as `by`'s; a file that fails is
 * added to `failed` with why, and the next one goes on.
 */
async function importFiles(
  db: Database,
  files: readonly string[],
  settings: ImportSettings,
  by: string,
  failed: string[],
): Promise<FileOutcome[]> {
  const progress = new ProgressLine();
  const outcomes: FileOutcome[] = [];
  const onProgress: ImportSettings['onProgress'] = ({ file, phase, done, total }) =>
    progress.update(`${path.basename(file)}: ${phase}`, done, total);
  const audit = fileAudit(by, 'IMPORT_FILE');
  for (const file of files) {
    try {
      const outcome = await importFile(db, file, { ...settings, onProgress, record: audit(file) });
      progress.close();
      process.stdout.write(outcome.text);
      outcomes.push(outcome);
    } catch (error) {
      progress.close();
      if (!fileErrors.some((type) => error instanceof type)) throw error;
      failed.push(`${commandErrorText(error, { subject: file })}\nNothing was written from this file.`);
    }
  }
  return outcomes;
}

async function main(argv: string[]): Promise<number> {
  const request = parseArguments(argv);
  if (!request) return 2;
  const { dryRun, files } = request;
  const by = operatorName(request.as);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const failed: string[] = [...request.missing.map((file) => `${file}: no such file or folder`)];
  let outcomes: FileOutcome[];
  try {
    // Imports are not API reads: they run under the import timeout.
    const db = database.db.withTimeout(config.importTimeoutMs);
    await prepare(db, config, log, by);
    const settings: ImportSettings = {
      dryRun,
      transactionRows: config.importTransactionRows,
      abandonedAfterMs: config.importAbandonedAfterMs,
      countChanges: true,
      batchSize: config.importBatchSize,
    };
    outcomes = await importFiles(db, files, settings, by, failed);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof SeedLoadError)) throw error;
    process.stderr.write(`${commandErrorText(error)}\nNothing was written.\n`);
    return 1;
  } finally {
    await database.close();
  }
  const heading = `${dryRun ? 'Dry run, nothing written: ' : ''}${files.length} file(s), ${outcomes.length} imported${failed.length > 0 ? `, ${failed.length} invalid` : ''}`;
  process.stdout.write(`${heading}\n${formatTotals(outcomes)}`);
  if (failed.length === 0) return 0;
  process.stderr.write(`${failed.join('\n')}\n`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`import failed: ${commandErrorText(error, { debug: debugErrorsFromEnv() })}\n`);
      process.exit(1);
    },
  );
}
