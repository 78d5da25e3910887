/** How ingest cites a statement: its quotes and note as rows, and the Cypher that appends them to a node or edge. */
import type { BundleClaim, QuoteTranslations } from './bundle';

/** A source without a text is cited without a quote: one citation whose quote is empty. */
export function citedQuotes(quotes: string[]): string[] {
  return quotes.length > 0 ? quotes : [''];
}

/**
 * Each quote's translations as stored (JSON text, '' = none), aligned with citedQuotes; null
 * when the statement aligns none, so nothing is stored for it.
 */
export function quoteTranslationTexts(quotes: string[], translations: QuoteTranslations | undefined): string[] | null {
  if (!translations?.some((byLanguage) => byLanguage && Object.keys(byLanguage).length > 0)) return null;
  return quotes.map((_, i) => {
    const byLanguage = translations[i];
    return byLanguage && Object.keys(byLanguage).length > 0
      ? JSON.stringify(Object.fromEntries(Object.entries(byLanguage).sort(([a], [b]) => a.localeCompare(b))))
      : '';
  });
}

/** A statement's citation by one source: its quotes and its note. */
export interface Citing {
  quotes: string[];
  note: string | null;
}

/** How a statement is cited: its quotes (a source without a text: one empty quote) and its note. */
export function citing(statement: Pick<BundleClaim, 'quotes' | 'note'>): Citing {
  return { quotes: citedQuotes(statement.quotes), note: statement.note ?? null };
}

/**
 * Cypher that appends (sourceId, quote, note) citations to `target` unless the (sourceId, quote)
 * pair is already there, from the variables `quotes` and `note` in scope (and keeps the variables
 * `keep` lists, each followed by a comma). Notes are a third
 * parallel array ('' = none), padded for citations written before notes were kept.
 */
export const appendCitations = (target: string, keep = '') => `
  WITH ${target}, note, ${keep}[q IN quotes WHERE NONE(i IN range(0, size(${target}.sourceIds) - 1)
                   WHERE ${target}.sourceIds[i] = $sourceId AND ${target}.quotes[i] = q)] AS newQuotes
  SET ${target}.notes = coalesce(${target}.notes, [q IN ${target}.quotes | '']) + [q IN newQuotes | coalesce(note, '')],
      ${target}.sourceIds = ${target}.sourceIds + [q IN newQuotes | $sourceId],
      ${target}.quotes = ${target}.quotes + newQuotes`;

/**
 * Cypher that gives `target`'s citations by this source the quote translations in `translations`
 * (aligned with `quotes`; null = none) where they have none yet: after appendCitations, so a
 * citation stored before its quote was aligned gains its translation when the source is imported again.
 */
export const fillQuoteTranslations = (target: string, keep = '') => `
  WITH ${target}, ${keep}quotes, translations
  SET ${target}.quoteTranslations = CASE WHEN translations IS NULL THEN ${target}.quoteTranslations ELSE
    [i IN range(0, size(${target}.sourceIds) - 1) |
      CASE WHEN coalesce(${target}.quoteTranslations[i], '') <> '' OR ${target}.sourceIds[i] <> $sourceId THEN coalesce(${target}.quoteTranslations[i], '')
           ELSE coalesce(head([j IN range(0, size(quotes) - 1) WHERE quotes[j] = ${target}.quotes[i] | translations[j]]), '') END]
  END`;
