/**
 * Builds the Lucene query for a search, and the terms its ranking compares keys with. User input
 * never reaches Lucene's syntax: the text is cut into runs of letters and digits, so quotes,
 * brackets, operators (+ - && || ! ( ) { } [ ] ^ " ~ * ? : \ /) and field names become plain
 * separators, and the only syntax in the result is what this module writes.
 *
 * A query is read two ways, each matched against the keys written the same way (storage.ts):
 * folded (ASAN xidmət -> "asan xidmet") and as its transliteration key (АСАН хидмат and
 * ASAN xidmət -> "asan hidmat"). A hit must match every word of one of the two readings, in
 * that reading's field of the index.
 */
import { fold, transliterationKey } from '../../core/model/folding';

/** Most words of a query that take part in matching. */
export const maxQueryWords = 8;

/**
 * Shortest word matched within one edit. Shorter words are matched exactly or as a prefix only:
 * one edit in four letters is another word ("asan~1" matched "san" of San Marino).
 */
export const minFuzzyLength = 5;

export function words(folded: string): string[] {
  return folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, maxQueryWords);
}

/** What a search compares keys with: the query folded and transliterated, and the first word of each. */
export interface SearchTerms {
  /** The full-text query; null when the text has no word. */
  lucene: string | null;
  folded: string;
  /** Null when nothing is left of the text once transliterated (a lone soft sign): it then matches no key. */
  translit: string | null;
  firstWord: string;
  translitFirstWord: string | null;
  /** The transliterated words: how many a key holds whole orders equal hits. */
  translitWords: string[];
}

export function searchTerms(text: string): SearchTerms {
  const folded = fold(text);
  const translit = transliterationKey(text);
  const translitWords = words(translit);
  return {
    lucene: luceneQuery(folded, translit),
    folded,
    translit: translit.length > 0 ? translit : null,
    firstWord: folded.split(' ')[0] ?? folded,
    translitFirstWord: translitWords[0] ?? null,
    translitWords,
  };
}

/** Every word required (AND): exactly (boosted most) or as a prefix; with `fuzzy`, long words also within one edit. */
function allWords(text: string, fuzzy: boolean): string | null {
  const clauses = words(text).map((word) => {
    const options = [`${word}^4`];
    if (word.length >= 2) options.push(`${word}*^2`);
    if (fuzzy && word.length >= minFuzzyLength) options.push(`${word}~1`);
    return `(${options.join(' OR ')})`;
  });
  return clauses.length > 0 ? clauses.join(' AND ') : null;
}

/**
 * The folded reading against the folded keys (searchText), or the transliterated one against the
 * transliteration keys (translitText, storage.ts). Only the transliteration is matched within one
 * edit, and only in its own field: it keeps the sounds folding merges (ş stays "sh"), so Somali
 * is not one edit from the folded "simali" of Şimali Koreya (North Korea).
 */
export function luceneQuery(folded: string, translit: string): string | null {
  const readings = [
    [allWords(folded, false), 'searchText'],
    [allWords(translit, true), 'translitText'],
  ].flatMap(([reading, field]) => (reading ? [`${field}:(${reading})`] : []));
  return readings.length > 0 ? readings.join(' OR ') : null;
}
