/**
 * Where a candidate's quote is in the draft's text: at the candidate's offsets when they hold the
 * quote, else at the quote's first occurrence (a draft edited by hand, or offsets counted in
 * another unit), else nowhere.
 */
import type { DraftCandidate } from './draft';

export function quoteSpan(text: string, candidate: Pick<DraftCandidate, 'quote' | 'start' | 'end'>): { start: number; end: number } | null {
  const { quote, start, end } = candidate;
  if (
    start !== null &&
    end !== null &&
    start >= 0 &&
    end > start &&
    end <= text.length &&
    (quote === null || text.slice(start, end) === quote)
  )
    return { start, end };
  if (!quote) return null;
  const at = text.indexOf(quote);
  return at >= 0 ? { start: at, end: at + quote.length } : null;
}
