/**
 * The draft's source text with one candidate's quote highlighted (quote-span.ts finds where). The
 * text is always text (nodes, never markup), so a document holding HTML or a script shows it as
 * characters.
 */
import { element } from '../explore/element';

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
