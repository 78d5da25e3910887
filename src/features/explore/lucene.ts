/**
 * Builds the Lucene query for a search from already folded text. User input never reaches
 * Lucene's syntax: the text is cut into runs of letters and digits, so quotes, brackets,
 * operators (+ - && || ! ( ) { } [ ] ^ " ~ * ? : \ /) and field names become plain separators,
 * and the only syntax in the result is what this function writes.
 */

/** Most words of a query that take part in matching. */
export const maxQueryWords = 8;

/** Common ways Azerbaijani sounds are written in English and Russian transliteration, both ways. */
const transliterations: [RegExp, string][] = [
  [/kh/g, 'x'],
  [/x/g, 'kh'],
  [/sh/g, 's'],
  [/ch/g, 'c'],
  [/zh/g, 'j'],
  [/gh/g, 'g'],
  [/j/g, 'c'],
  [/oo/g, 'u'],
  [/ou/g, 'u'],
  [/w/g, 'v'],
];

export function words(folded: string): string[] {
  return folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, maxQueryWords);
}

export function variants(word: string): string[] {
  const out = new Set<string>();
  for (const [pattern, replacement] of transliterations) {
    const variant = word.replace(pattern, replacement);
    if (variant !== word) out.add(variant);
  }
  return [...out];
}

/**
 * Every word must match (AND): exactly (boosted most), as a prefix, or, for words of four
 * letters or more, within one edit or through a transliteration variant.
 */
export function luceneQuery(folded: string): string | null {
  const clauses = words(folded).map((word) => {
    const options = [`${word}^4`];
    if (word.length >= 2) options.push(`${word}*^2`);
    if (word.length >= 4) {
      options.push(`${word}~1`);
      for (const variant of variants(word)) options.push(`${variant}~1`);
    }
    return `(${options.join(' OR ')})`;
  });
  return clauses.length > 0 ? clauses.join(' AND ') : null;
}
