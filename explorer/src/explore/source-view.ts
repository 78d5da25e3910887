/**
 * A source document in the side panel: its metadata, its text with the cited quote highlighted
 * (and scrolled to), and each translation, with the quote's translation highlighted when the
 * citation gives one.
 */
import { element } from './element';
import type { SourceView } from './queries';

/** `text` with every occurrence of `quote` in a <mark>; the first one is returned to scroll to. */
function highlighted(text: string, quote: string | null): { node: HTMLElement; first: HTMLElement | null } {
  const node = element('div', { class: 'source-text' });
  let first: HTMLElement | null = null;
  let rest = text;
  for (let at = quote ? rest.indexOf(quote) : -1; quote && at >= 0; at = rest.indexOf(quote)) {
    const mark = element('mark', { class: 'quote' }, quote);
    first ??= mark;
    node.append(rest.slice(0, at), mark);
    rest = rest.slice(at + quote.length);
  }
  node.append(rest);
  return { node, first };
}

export function renderSource(
  source: SourceView,
  quote: string | null,
  translatedQuote: string | null,
): { node: HTMLElement; quoteMark: HTMLElement | null } {
  const original = source.text ? highlighted(source.text, quote) : null;
  const translations = source.translations.map((translation) => ({ translation, shown: highlighted(translation.text, translatedQuote) }));
  const node = element(
    'article',
    { class: 'source', 'aria-labelledby': 'source-title' },
    element('h2', { id: 'source-title' }, source.title),
    element('p', { class: 'muted' }, [source.publisher, source.published, `in ${source.language}`].filter(Boolean).join(' · ')),
    source.url
      ? element(
          'p',
          {},
          element('a', { href: source.url, rel: 'noreferrer noopener', target: '_blank' }, 'The original page (outside this service)'),
        )
      : null,
    quote && original && !original.first
      ? element('p', { class: 'notice', role: 'status' }, 'The quote was not found in this text.')
      : null,
    original
      ? element('section', { 'aria-label': 'Original text' }, element('h3', {}, 'Text'), original.node)
      : element('p', {}, 'The text of this document is not held; it is known by its metadata only.'),
    ...translations.map(({ translation, shown }) =>
      element(
        'section',
        { 'aria-label': `Translation (${translation.language})`, lang: translation.language },
        element('h3', {}, `Translation (${translation.language})`),
        translation.note ? element('p', { class: 'muted' }, translation.note) : null,
        shown.node,
      ),
    ),
  );
  return { node, quoteMark: original?.first ?? null };
}
