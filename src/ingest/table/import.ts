/**
 * `npm run import -- facts.tsv`: parse and validate every row, resolve names against the
 * graph, build one bundle per cited source, validate those like any bundle, then write them all
 * in ONE transaction. A bad row anywhere writes nothing; importing the same table twice changes
 * nothing (everything is MERGEd, citations and claims are appended only when new).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../core/db/database';
import { validateBundle } from '../bundle';
import { writeBundles, type WriteOptions, type WriteSummary } from '../writer';
import { sourceIdFor, tableToBundles, tableSlugOf, type ImportReport } from './convert';
import { readCuration, type Curation } from './curation';
import { readFactsTable, TableValidationError, type FactRow } from './parse';
import { TableImportRepository } from './repository';
import { EntityResolver } from './resolve';

export interface TableImportResult {
  file: string;
  rows: number;
  sources: WriteSummary[];
  report: ImportReport;
  /** True when every source was already stored with the same content. */
  unchanged: boolean;
}

export function isTableFile(file: string): boolean {
  return /\.(tsv|csv)$/i.test(file);
}

export async function importTableRows(
  db: Database,
  rows: FactRow[],
  curation: Curation,
  file: string,
  options: WriteOptions = {},
): Promise<TableImportResult> {
  const repository = new TableImportRepository(db);
  const [known, facts, positions] = await Promise.all([repository.knownEntities(), repository.knownFacts(), repository.positions()]);
  const conversion = tableToBundles(rows, curation, new EntityResolver(known), facts, tableSlugOf(file), positions);
  if (conversion.problems.length > 0) throw new TableValidationError(file, conversion.problems);
  const bundles = conversion.bundles.map((bundle) => validateBundle(bundle, `${file} (source ${bundle.source.url})`));
  // A source's content is its rows and their curation (not the bundle, which depends on what the
  // graph held when it was built), so importing the same table again is recognised and skipped.
  const { rows: curatedRows, ...shared } = curation;
  const hashOf = (sourceId: string) =>
    createHash('sha256')
      .update(
        JSON.stringify({
          shared,
          rows: rows
            .filter((row) => sourceIdFor(row.source.url) === sourceId)
            .map((row) => ({ ...row, row: undefined, curation: curatedRows?.[row.factId] ?? null })),
        }),
      )
      .digest('hex');
  const sources = await writeBundles(
    db,
    bundles.map((bundle) => ({ bundle, file, hash: `table:${hashOf(bundle.source.id)}` })),
    options,
  );
  return { file, rows: rows.length, sources, report: conversion.report, unchanged: sources.every((summary) => summary.unchanged) };
}

/** Imports a .tsv or .csv facts table, with its curation file when there is one next to it. */
export async function importTable(db: Database, file: string, options: WriteOptions = {}): Promise<TableImportResult> {
  return importTableRows(db, readFactsTable(file), readCuration(file), file, options);
}

/** The import summary a researcher reads: what was matched, created, unsure, refused, could not be placed, and was read from the rows' text. */
export function formatReport(result: TableImportResult): string {
  const name = path.basename(result.file);
  if (result.unchanged) return `${name}: already imported, nothing changed (${result.rows} rows, ${result.sources.length} sources)\n`;
  const lines = [`${name}: imported ${result.rows} rows from ${result.sources.length} sources`];
  const section = (title: string, items: ImportReport['matched']) => {
    lines.push(`  ${title} (${items.length}):`);
    for (const item of items)
      lines.push(`    row ${item.row} (${item.factId}) "${item.name}" -> ${item.id}${item.note ? ` [${item.note}]` : ''}`);
  };
  section('matched', result.report.matched);
  section('created', result.report.created);
  section('unsure, created separately, please check', result.report.unsure);
  section('refused links, not written, please check', result.report.refused);
  lines.push(`  unplaced names, nothing written for them, please check (${result.report.unplaced.length}):`);
  for (const item of result.report.unplaced)
    lines.push(`    row ${item.row} (${item.factId}), column ${item.column}: "${item.name}" [${item.note}]`);
  lines.push(`  extracted from the rows' text, please review (${result.report.extracted.length}):`);
  for (const item of result.report.extracted)
    lines.push(`    row ${item.row} (${item.factId}), column ${item.column}: "${item.phrase}" -> ${item.statement} [${item.note}]`);
  return `${lines.join('\n')}\n`;
}
