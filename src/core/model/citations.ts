/**
 * The rule every citation of a stored source follows, wherever the statement comes from (a
 * bundle, a curation mutation): a source whose text is stored is cited by verbatim passages of
 * that text, at least one; a source known only by its metadata is cited without one.
 */

/** One quote that breaks the rule: `index` is its place among the quotes, null for "none given". */
export interface QuoteProblem {
  index: number | null;
  message: string;
}

export function quoteProblems(sourceText: string | null, quotes: readonly string[]): QuoteProblem[] {
  if (sourceText === null) return [];
  if (quotes.length === 0)
    return [{ index: null, message: 'missing quote: the source has a text, so at least one verbatim quote is required' }];
  return quotes.flatMap((quote, index) =>
    sourceText.includes(quote) ? [] : [{ index, message: `quote not found in the source text: "${quote.slice(0, 80)}"` }],
  );
}
