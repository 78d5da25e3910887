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
import { parsePartialDate, type Precision } from '../../core/model/values';
import { BundleValidationError, type BundleProblem } from '../bundle';
import { isPlaceholderTitle, placeholderTitleProblem } from '../../core/model/supplied-title';
import { nameMetrics, parseQuantities, type TableQuantity } from './quantities';

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
/**
 * Cells every row must fill. source_title is a column of every table but may be empty: a source
 * whose headline is not known is given a supplied title from its publisher and date
 * (core/model/supplied-title.ts), never a placeholder standing in for a title.
 */
const requiredColumns = ['fact_id', 'fact_type', 'subject', 'country_iso2', 'source_url', 'source_publisher'] as const;

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
  /** title: '' when the table does not know the headline. */
  source: { url: string; title: string; publisher: string; published: string | null; language?: string };
  notes: string | null;
  /** The optional entity columns; absent when the row fills none. */
  links?: RowLinks;
}

/** A table that must not be written; every problem names its row and column. */
export class TableValidationError extends BundleValidationError {
  override name = 'TableValidationError';
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
  const records = readRecords(content, file, delimiter);
  checkHeader(content, file, delimiter);
  const problems: BundleProblem[] = [];
  const earlier: EarlierRows = { factIds: new Map(), languages: new Map() };
  const rows = records.map(({ record, info }) => factRow(rowCells(record, info.lines, problems), earlier));
  if (records.length === 0) problems.push({ path: 'row 2', message: 'the table has no rows' });
  if (problems.length > 0) throw new TableValidationError(file, problems);
  return rows;
}

type TableRecord = { record: Record<string, string>; info: { lines: number } };

function readRecords(content: string, file: string, delimiter: string): TableRecord[] {
  try {
    return parse(content, {
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
}

/** Every required column must be in the header: without one, no row can be read. */
function checkHeader(content: string, file: string, delimiter: string): void {
  const header = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(delimiter)
    .map((name) => name.trim().toLowerCase());
  const problems = columns
    .filter((column) => !header.includes(column))
    .map((column) => ({ path: `row 1, column ${column}`, message: 'missing column' }));
  if (problems.length > 0) throw new TableValidationError(file, problems);
}

/** What later rows are checked against: the row each fact_id and each source URL's language was first given on. */
interface EarlierRows {
  factIds: Map<string, number>;
  languages: Map<string, { language: string; row: number }>;
}

/** One record's cells, trimmed, and how a problem with one of them is reported (row number, fact id, column). */
interface RowCells {
  row: number;
  factId: string;
  value(column: (typeof columns)[number] | (typeof optionalColumns)[number]): string;
  problem(column: string, message: string): void;
}

function rowCells(record: Record<string, string>, row: number, problems: BundleProblem[]): RowCells {
  const factId = record.fact_id ?? '';
  const at = (column: string) => `row ${row}${factId ? ` (${factId})` : ''}, column ${column}`;
  return {
    row,
    factId,
    value: (column) => (record[column] ?? '').trim(),
    problem: (column, message) => problems.push({ path: at(column), message }),
  };
}

/** A row read and checked, each check reporting into `cells` in the order of the columns. */
function factRow(cells: RowCells, earlier: EarlierRows): FactRow {
  const { row, factId, value } = cells;
  const factType = checkedFactType(cells, earlier);
  const { date, precision } = checkedDate(cells);
  const country = checkedCountry(cells);
  const quantities = checkedQuantities(cells, factType);
  const source = checkedSource(cells, earlier);
  const links = rowLinks(cells);
  return {
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
    source,
    notes: value('notes') || null,
    ...(Object.keys(links).length > 0 ? { links } : {}),
  };
}

/** Required cells filled, the fact_id unique, the fact_type known; returns the fact_type upper-cased. */
function checkedFactType({ row, factId, value, problem }: RowCells, earlier: EarlierRows): string {
  for (const column of requiredColumns) if (!value(column)) problem(column, 'must not be empty');
  if (factId) {
    if (earlier.factIds.has(factId)) problem('fact_id', `duplicate fact_id '${factId}' (first on row ${earlier.factIds.get(factId)})`);
    else earlier.factIds.set(factId, row);
  }
  const factType = value('fact_type').toUpperCase();
  if (factType && !(factTypes as readonly string[]).includes(factType))
    problem('fact_type', `unknown fact_type '${value('fact_type')}': expected one of ${factTypes.join(', ')}`);
  return factType;
}

/** The date and its precision, which the date_precision column may state but must not contradict. */
function checkedDate({ value, problem }: RowCells): { date: string | null; precision: Precision | null } {
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
  return { date, precision };
}

function checkedCountry({ value, problem }: RowCells): string {
  const country = value('country_iso2').toUpperCase();
  if (country && !(nonCountryCodes as readonly string[]).includes(country) && !countries.isValid(country)) {
    problem('country_iso2', `unknown country code '${value('country_iso2')}': expected an ISO 3166-1 alpha-2 code, or UN, INT, MULTI`);
  }
  return country;
}

/** The quantity column's figures with the quantity_metric column's metrics; null when the column does not parse. */
function checkedQuantities({ value, problem }: RowCells, factType: string): TableQuantity[] | null {
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
  return quantities;
}

/** The cited source: an http(s) URL, a real publication date, and one language per URL across the table. */
function checkedSource({ row, value, problem }: RowCells, earlier: EarlierRows): FactRow['source'] {
  const url = value('source_url');
  if (url && !isUrl(url)) problem('source_url', `not an http(s) URL: '${url}'`);
  if (isPlaceholderTitle(value('source_title'))) problem('source_title', `'${value('source_title')}' ${placeholderTitleProblem}`);
  const published = value('source_published_date') || null;
  if (published && !parsePartialDate(published))
    problem('source_published_date', `bad date '${published}': expected YYYY, YYYY-MM or YYYY-MM-DD`);
  const language = value('language').toLowerCase();
  if (language && !isIso6391(language))
    problem('language', `'${value('language')}' is not an ISO 639-1 language code (two letters, e.g. 'en', 'az', 'rw')`);
  // One source, one language: two rows citing the same URL must not disagree.
  const sameSource = url ? earlier.languages.get(url) : undefined;
  if (language && sameSource && sameSource.language !== language)
    problem('language', `'${language}' differs from '${sameSource.language}' given for the same source on row ${sameSource.row}`);
  else if (language && url && !sameSource) earlier.languages.set(url, { language, row });
  return {
    url,
    title: value('source_title'),
    publisher: value('source_publisher'),
    published,
    ...(language && isIso6391(language) ? { language } : {}),
  };
}

/** The optional entity columns the row fills, ';'-separated names; counterpart_agency and under name one. */
function rowLinks({ value, problem }: RowCells): RowLinks {
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
  return links;
}

export function readFactsTable(file: string): FactRow[] {
  return parseFactsTable(fs.readFileSync(file, 'utf8'), file);
}
