/**
 * Facts tables: one fact a row, tab- (.tsv) or comma-separated (.csv), parsed with csv-parse.
 * Every row is checked before anything is written, and every problem is reported at once with
 * its spreadsheet row number (the header is row 1) and column, e.g.
 * "row 6 (F05), column date: bad date '2019-13'".
 */
import fs from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { parse } from 'csv-parse/sync';
import { parsePartialDate, qualifiers, type Precision, type Qualifier } from '../../core/model/values';
import { BundleValidationError, type BundleProblem } from '../bundle';

export const factTypes = [
  'MEMORANDUM',
  'AGREEMENT',
  'CENTRE_OPENED',
  'TRAINING',
  'MEMBERSHIP',
  'AWARD',
  'MEETING',
  'CREDENTIALS',
  'STATISTIC',
] as const;
export type FactType = (typeof factTypes)[number];

/** Country-column values that are not ISO codes: the United Nations, another international organisation, several countries. */
export const nonCountryCodes = ['UN', 'INT', 'MULTI'] as const;

export const columns = [
  'fact_id',
  'fact_type',
  'date',
  'date_precision',
  'subject',
  'object',
  'country_iso2',
  'place',
  'quantity',
  'source_url',
  'source_title',
  'source_publisher',
  'source_published_date',
  'notes',
] as const;
/**
 * Columns a table may add for what its free text cannot say reliably. quantity_metric: what each
 * quantity counts, ';'-separated in the order of the quantity column's figures (an empty entry
 * keeps the default: the quantity's unit up to a remark or a preposition, e.g. "services").
 * The others name entities (ids or names, resolved like the subject column; see links.ts
 * linkColumns): parties and signatories of a memorandum, the partner-side counterpart agency,
 * the memorandum a training or event is held under, who provided a training; and the source's
 * language (ISO 639-1), which is otherwise unknown ('und').
 */
export const optionalColumns = [
  'quantity_metric',
  'parties',
  'signatories',
  'counterpart_agency',
  'under',
  'provider',
  'language',
] as const;

/** What the optional entity columns name, as written; a column left empty is absent (so a table without them hashes as before). */
export interface RowLinks {
  /** Agencies or countries party to the memorandum. */
  parties?: string[];
  /** People who signed; 'Name (Organisation)' names the organisation they signed for. */
  signatories?: string[];
  /** The partner-side agency, created when unknown (based in the row's country). */
  counterpartAgency?: string;
  /** The memorandum the fact was held under (an id, or the name of one the graph or an earlier row holds). */
  under?: string;
  /** Who provided the training (replaces the model agency). */
  provider?: string[];
}
export const linkColumns = {
  parties: 'parties',
  signatories: 'signatories',
  counterpartAgency: 'counterpart_agency',
  under: 'under',
  provider: 'provider',
} as const satisfies Record<keyof RowLinks, (typeof optionalColumns)[number]>;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** ISO 639-1: two lower-case letters that name a language (ICU knows them; 'xx' is well-formed but no language). */
export function isIso6391(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
}
const requiredColumns = ['fact_id', 'fact_type', 'subject', 'country_iso2', 'source_url', 'source_title', 'source_publisher'] as const;

export interface TableQuantity {
  value: number;
  qualifier: Qualifier;
  unit: string | null;
  /** What it counts, as the quantity_metric column names it; null: derived from the unit at import (metricOf). */
  metric: string | null;
  /** The segment as written, e.g. "MORE_THAN 30 services". */
  text: string;
}

export interface FactRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  factId: string;
  factType: FactType;
  /** ISO partial date; null when the sources give none (never invented). */
  date: string | null;
  precision: Precision | null;
  subject: string;
  object: string;
  /** ISO 3166-1 alpha-2 (upper case), or UN, INT, MULTI. */
  country: string;
  place: string | null;
  /** The quantity column split on ';', each with its qualifier kept. */
  quantities: TableQuantity[];
  /** language: ISO 639-1 from the language column; absent when the table does not say. */
  source: { url: string; title: string; publisher: string; published: string | null; language?: string };
  notes: string | null;
  /** The optional entity columns; absent when the row fills none. */
  links?: RowLinks;
}

/** A table that must not be written; every problem names its row and column. */
export class TableValidationError extends BundleValidationError {
  override name = 'TableValidationError';
}

const qualifierPattern = qualifiers.join('|');
const quantityPattern = new RegExp(`^(?:(${qualifierPattern})\\s+)?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s+(.*))?$`);
/** Where a second figure starts inside a segment: "500 delegates from MORE_THAN 190 countries". */
const embeddedFigure = new RegExp(`\\s+(?=(?:${qualifierPattern})\\s+\\d)`);
const prepositions = 'from|in|of|across|per|for|with|at|on|by|to|under';
/** A word left at the end of a part when a second figure was split off ("delegates from", "countries and"). */
const trailingJoin = new RegExp(`\\s+(?:${prepositions}|and)$`, 'i');
/** A metric is the unit up to its first preposition ("countries" of "countries across Africa"). */
const metricEnd = new RegExp(`\\s+(?:${prepositions})\\s.*$`, 'i');

/**
 * What a quantity counts, from its unit: remarks in brackets and everything from the first
 * joining word dropped, lower case ("public and private services (as described...)" ->
 * "public and private services"); "count" when there is no unit.
 */
export function metricOf(unit: string | null): string {
  const metric = (unit ?? '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(metricEnd, '')
    .trim()
    .toLowerCase();
  return metric || 'count';
}

/**
 * "MORE_THAN 30 services; EXACT 9 districts" -> two quantities; a figure inside a unit is a
 * quantity of its own ("MORE_THAN 500 delegates from MORE_THAN 190 countries" -> 500 delegates,
 * 190 countries). A figure without a qualifier is stated plainly: EXACT. Null when a segment
 * does not start with a number.
 */
export function parseQuantities(text: string): TableQuantity[] | null {
  const parts = text
    .split(';')
    .flatMap((segment) => segment.split(embeddedFigure))
    .map((part) => part.trim().replace(trailingJoin, ''))
    .filter(Boolean);
  const out: TableQuantity[] = [];
  for (const part of parts) {
    const match = quantityPattern.exec(part);
    if (!match) return null;
    const unit = match[3]?.trim() || null;
    out.push({
      qualifier: (match[1] as Qualifier | undefined) ?? 'EXACT',
      value: Number(match[2]!.replace(/,/g, '')),
      unit,
      metric: null,
      text: part,
    });
  }
  return out;
}

/**
 * Gives the quantities the quantity_metric column's metrics, in order; an empty entry keeps the
 * derived one. Returns what is wrong with the column, or null.
 */
function nameMetrics(quantities: TableQuantity[], column: string): string | null {
  if (!column) return null;
  const metrics = column.split(';').map((metric) => metric.trim());
  if (metrics.length !== quantities.length) {
    return `names ${metrics.length} metric(s) for ${quantities.length} quantit${quantities.length === 1 ? 'y' : 'ies'} ('${quantities.map((q) => q.text).join("', '")}'): give one per quantity, ';'-separated, empty to keep the default`;
  }
  const tooLong = metrics.find((metric) => metric.length > 100);
  if (tooLong) return `metric '${tooLong.slice(0, 40)}...' is longer than 100 characters`;
  metrics.forEach((metric, i) => {
    if (metric) quantities[i]!.metric = metric.toLowerCase();
  });
  return null;
}

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Parses and validates a facts table; throws TableValidationError listing every problem. */
export function parseFactsTable(content: string, file: string): FactRow[] {
  const delimiter = path.extname(file).toLowerCase() === '.csv' ? ',' : '\t';
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      // In TSV a quote is an ordinary character ("ASAN service" inside a title); CSV keeps RFC 4180 quoting.
      quote: delimiter === ',' ? '"' : false,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    throw new TableValidationError(file, [
      { path: 'file', message: `not a readable ${delimiter === ',' ? 'CSV' : 'TSV'} table: ${(error as Error).message}` },
    ]);
  }
  const problems: BundleProblem[] = [];
  const header = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(delimiter)
    .map((name) => name.trim().toLowerCase());
  for (const column of columns) if (!header.includes(column)) problems.push({ path: `row 1, column ${column}`, message: 'missing column' });
  if (problems.length > 0) throw new TableValidationError(file, problems);

  const seen = new Map<string, number>();
  const languages = new Map<string, { language: string; row: number }>();
  const rows: FactRow[] = [];
  for (const { record, info } of records) {
    const row = info.lines;
    const factId = record.fact_id ?? '';
    const at = (column: string) => `row ${row}${factId ? ` (${factId})` : ''}, column ${column}`;
    const problem = (column: string, message: string) => problems.push({ path: at(column), message });
    const value = (column: (typeof columns)[number] | (typeof optionalColumns)[number]) => (record[column] ?? '').trim();

    for (const column of requiredColumns) if (!value(column)) problem(column, 'must not be empty');
    if (factId) {
      if (seen.has(factId)) problem('fact_id', `duplicate fact_id '${factId}' (first on row ${seen.get(factId)})`);
      else seen.set(factId, row);
    }
    const factType = value('fact_type').toUpperCase();
    if (factType && !(factTypes as readonly string[]).includes(factType))
      problem('fact_type', `unknown fact_type '${value('fact_type')}': expected one of ${factTypes.join(', ')}`);

    const date = value('date') || null;
    const precisionText = value('date_precision').toUpperCase() || null;
    let precision: Precision | null = null;
    if (date) {
      const parsed = parsePartialDate(date);
      if (!parsed) problem('date', `bad date '${date}': expected a real date as YYYY, YYYY-MM or YYYY-MM-DD`);
      else {
        precision = parsed.precision;
        if (precisionText && precisionText !== parsed.precision)
          problem('date_precision', `'${precisionText}' does not match the date '${date}' (a ${parsed.precision} date)`);
      }
    } else if (precisionText) problem('date_precision', `'${precisionText}' given without a date`);
    if (precisionText && !['YEAR', 'MONTH', 'DAY'].includes(precisionText))
      problem('date_precision', `unknown precision '${precisionText}': expected YEAR, MONTH or DAY`);

    const country = value('country_iso2').toUpperCase();
    if (country && !(nonCountryCodes as readonly string[]).includes(country) && !countries.isValid(country)) {
      problem('country_iso2', `unknown country code '${value('country_iso2')}': expected an ISO 3166-1 alpha-2 code, or UN, INT, MULTI`);
    }
    const quantityText = value('quantity');
    const quantities = quantityText ? parseQuantities(quantityText) : [];
    if (quantities === null)
      problem(
        'quantity',
        `bad quantity '${quantityText}': expected [QUALIFIER] NUMBER [unit], e.g. 'MORE_THAN 30 services'; several separated by ';'`,
      );
    if (factType === 'STATISTIC' && !quantityText) problem('quantity', 'a STATISTIC needs a quantity');
    const metricProblem = quantities ? nameMetrics(quantities, value('quantity_metric')) : null;
    if (metricProblem) problem('quantity_metric', metricProblem);

    const url = value('source_url');
    if (url && !isUrl(url)) problem('source_url', `not an http(s) URL: '${url}'`);
    const published = value('source_published_date') || null;
    if (published && !parsePartialDate(published))
      problem('source_published_date', `bad date '${published}': expected YYYY, YYYY-MM or YYYY-MM-DD`);
    const language = value('language').toLowerCase();
    if (language && !isIso6391(language))
      problem('language', `'${value('language')}' is not an ISO 639-1 language code (two letters, e.g. 'en', 'az', 'rw')`);
    // One source, one language: two rows citing the same URL must not disagree.
    const sameSource = url ? languages.get(url) : undefined;
    if (language && sameSource && sameSource.language !== language)
      problem('language', `'${language}' differs from '${sameSource.language}' given for the same source on row ${sameSource.row}`);
    else if (language && url && !sameSource) languages.set(url, { language, row });
    const links: RowLinks = {};
    for (const [key, column] of Object.entries(linkColumns) as [keyof RowLinks, (typeof optionalColumns)[number]][]) {
      const text = value(column);
      if (!text) continue;
      const names = text
        .split(';')
        .map((name) => name.trim())
        .filter(Boolean);
      if (names.length === 0) continue;
      if ((key === 'counterpartAgency' || key === 'under') && names.length > 1)
        problem(column, `names ${names.length} entities ('${text}'): give one`);
      if (key === 'counterpartAgency' || key === 'under') links[key] = names[0]!;
      else links[key] = names;
    }

    rows.push({
      row,
      factId,
      factType: factType as FactType,
      date,
      precision,
      subject: value('subject'),
      object: value('object'),
      country,
      place: value('place') || null,
      quantities: quantities ?? [],
      source: {
        url,
        title: value('source_title'),
        publisher: value('source_publisher'),
        published,
        ...(language && isIso6391(language) ? { language } : {}),
      },
      notes: value('notes') || null,
      ...(Object.keys(links).length > 0 ? { links } : {}),
    });
  }
  if (records.length === 0) problems.push({ path: 'row 2', message: 'the table has no rows' });
  if (problems.length > 0) throw new TableValidationError(file, problems);
  return rows;
}

export function readFactsTable(file: string): FactRow[] {
  return parseFactsTable(fs.readFileSync(file, 'utf8'), file);
}
