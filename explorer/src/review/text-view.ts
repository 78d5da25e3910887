/**
 * The draft's source text with one candidate's quote highlighted: at the candidate's offsets when
 * they hold the quote, else at the quote's first occurrence. The text is always text (nodes, never
 * markup), so a document holding HTML or a script shows it as characters.
 */
import { element } from '../explore/element';
import type { DraftCandidate } from './draft';

/** Where the quote is in the text, or null when it is not there. */
export function quoteSpan(text: string, candidate: Pick<DraftCandidate, 'quote' | 'start' | 'end'>): { start: number; end: number } | null {
  const { quote, start, end } = candidate;
  if (start !== null && end !== null && start >= 0 && end > start && end <= text.length && (quote === null || text.slice(start, end) === quote))
    return { start, end };
  if (!quote) return null;
  const at = text.indexOf(quote);
  return at >= 0 ? { start: at, end: at + quote.length } : null;
}

/** Fills `container` with the text, the span marked; returns the mark (to scroll to) or null. */
export function showText(container: HTMLElement, text: string, span: { start: number; end: number } | null): HTMLElement | null {
  if (!span) {
    container.replaceChildren(text);
    return null;
  }
  const mark = element('mark', { class: 'quote' }, text.slice(span.start, span.end));
  container.replaceChildren(text.slice(0, span.start), mark, text.slice(span.end));
  return mark;
}
