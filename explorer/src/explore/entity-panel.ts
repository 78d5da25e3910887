/**
 * The side panel for one entity: its names, description and citations; then its relations, each
 * with its citations (the quoted sentence, its English translation, a link to the source with
 * the quote highlighted). A hub (more relations than `hubThreshold`) first shows its relation
 * counts per type, each to expand in the graph or to list here.
 */
import { button, element } from './element';
import { relationLabel, typeLabels } from './node-types';
import type { CitationView, EntityView, RelationView } from './queries';

/** More relations than this make a hub: counted per type before anything is expanded. Default 40. */
export const hubThreshold = 40;

export interface PanelActions {
  /** Show this entity in the panel (and the graph). */
  select(id: string): void;
  /** Make this entity the centre of a new view. */
  center(id: string): void;
  /** Add this entity's neighbours to the graph; `types` null: every type. */
  expand(id: string, types: string[] | null): void;
  /** List this entity's relations of one type in the panel. */
  listType(id: string, type: string): void;
  /** The link to a source with a quote highlighted; opening it is `openSource`. */
  sourceHref(sourceId: string, quote: string | null): string;
  openSource(sourceId: string, quote: string | null, translatedQuote: string | null): void;
}

export interface PanelContent {
  entity: EntityView;
  /** Relation counts per type. */
  counts: Map<string, number>;
  /** The relations listed (all of them, or one type of a hub's); null: none listed yet. */
  relations: RelationView[] | null;
  /** Whether the entity's neighbours are in the graph already. */
  expanded: boolean;
}

function formatDates(start: { iso: string } | null, end: { iso: string } | null): string | null {
  if (!start && !end) return null;
  return `${start?.iso ?? '…'} – ${end?.iso ?? ''}`.trim();
}

function citationItem(citation: CitationView, actions: PanelActions): HTMLElement {
  const link = element(
    'a',
    { href: actions.sourceHref(citation.source.id, citation.quote), class: 'source-link' },
    `Show in source: ${citation.source.title}`,
  );
  link.addEventListener('click', (event) => {
    event.preventDefault();
    actions.openSource(citation.source.id, citation.quote, citation.quoteTranslation);
  });
  return element(
    'li',
    { class: 'citation' },
    citation.quote
      ? element('blockquote', { class: 'quote' }, citation.quote)
      : element('p', { class: 'muted' }, 'No quote (the text of this source is not held).'),
    citation.quoteTranslation
      ? element(
          'blockquote',
          { class: 'quote-translation', lang: 'en' },
          element('span', { class: 'visually-hidden' }, 'English translation: '),
          citation.quoteTranslation,
        )
      : null,
    citation.note ? element('p', { class: 'muted' }, `Note: ${citation.note}`) : null,
    element(
      'p',
      {},
      link,
      element('span', { class: 'muted' }, ` · ${[citation.source.publisher, citation.source.published].filter(Boolean).join(', ')}`),
    ),
  );
}

function relationItem(entityId: string, relation: RelationView, actions: PanelActions): HTMLElement {
  const outgoing = relation.from.id === entityId;
  const other = outgoing ? relation.to : relation.from;
  const dates = formatDates(relation.start, relation.end);
  return element(
    'li',
    { class: `relation${relation.disputed ? ' disputed' : ''}`, 'data-relation': relation.id },
    element(
      'p',
      { class: 'relation-head' },
      element('span', { class: 'relation-type' }, outgoing ? `${relationLabel(relation.type)} →` : `← ${relationLabel(relation.type)}`),
      ' ',
      button(other.name, () => actions.select(other.id), {
        class: 'link-button',
        title: `${typeLabels[other.type] ?? other.type}: ${other.id}`,
      }),
      relation.role ? element('span', { class: 'muted' }, ` (${relation.role})`) : null,
      dates ? element('span', { class: 'muted' }, ` ${dates}`) : null,
      relation.disputed ? element('span', { class: 'badge disputed-badge' }, 'disputed') : null,
    ),
    element(
      'ul',
      { class: 'citations', 'aria-label': 'Citations' },
      ...relation.citations.map((citation) => citationItem(citation, actions)),
    ),
  );
}

function countsSection(content: PanelContent, actions: PanelActions): HTMLElement {
  const { entity, counts } = content;
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  return element(
    'section',
    { class: 'hub', 'aria-labelledby': 'hub-title' },
    element('h3', { id: 'hub-title' }, `${total} relations by type`),
    element('p', { class: 'muted' }, 'A hub: choose what to add to the graph or to list here.'),
    element(
      'table',
      { class: 'counts' },
      element(
        'thead',
        {},
        element(
          'tr',
          {},
          element('th', { scope: 'col' }, 'Relation'),
          element('th', { scope: 'col' }, 'Count'),
          element('th', { scope: 'col' }, element('span', { class: 'visually-hidden' }, 'Actions')),
        ),
      ),
      element(
        'tbody',
        {},
        ...[...counts].map(([type, count]) =>
          element(
            'tr',
            { 'data-type': type },
            element('th', { scope: 'row' }, relationLabel(type)),
            element('td', {}, String(count)),
            element(
              'td',
              {},
              button('Expand', () => actions.expand(entity.id, [type]), { 'aria-label': `Expand ${relationLabel(type)} (${count})` }),
              ' ',
              button('List', () => actions.listType(entity.id, type), { 'aria-label': `List ${relationLabel(type)} (${count})` }),
            ),
          ),
        ),
      ),
    ),
    button(`Expand all ${total}`, () => actions.expand(entity.id, null)),
  );
}

export function renderEntityPanel(content: PanelContent, actions: PanelActions): HTMLElement {
  const { entity, counts, relations } = content;
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const hub = total > hubThreshold;
  return element(
    'article',
    { class: 'entity', 'aria-labelledby': 'entity-title', 'data-entity': entity.id },
    element('h2', { id: 'entity-title', tabindex: '-1' }, entity.name),
    element(
      'p',
      { class: 'muted' },
      `${typeLabels[entity.type] ?? entity.type} · ${entity.id}${entity.date ? ` · ${entity.date.iso}` : ''}`,
    ),
    entity.canonical !== entity.name ? element('p', {}, `Source name: ${entity.canonical}`) : null,
    entity.names.length > 0
      ? element(
          'p',
          {},
          'Names: ',
          ...entity.names.map((name, i) => element('span', { lang: name.language }, `${i > 0 ? '; ' : ''}${name.name} (${name.language})`)),
        )
      : null,
    entity.aliases.length > 0 ? element('p', {}, `Also known as: ${entity.aliases.join('; ')}`) : null,
    entity.description ? element('p', {}, entity.description) : null,
    element(
      'p',
      { class: 'actions' },
      button('Centre the graph here', () => actions.center(entity.id)),
      ' ',
      !hub && !content.expanded ? button(`Expand (${total})`, () => actions.expand(entity.id, null)) : null,
    ),
    entity.citations.length > 0
      ? element(
          'section',
          { 'aria-label': 'Sources' },
          element('h3', {}, 'Sources'),
          element('ul', { class: 'citations' }, ...entity.citations.map((citation) => citationItem(citation, actions))),
        )
      : null,
    hub ? countsSection(content, actions) : null,
    relations
      ? element(
          'section',
          { 'aria-labelledby': 'relations-title' },
          element('h3', { id: 'relations-title' }, `Relations (${relations.length})`),
          element('ul', { class: 'relations' }, ...relations.map((relation) => relationItem(entity.id, relation, actions))),
        )
      : null,
  );
}
