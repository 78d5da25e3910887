/**
 * The timeline strip for a country or an agency: its dated facts in date order, each with the
 * date as the API words it ("in 2016 (year only)"), so a year never reads as a day.
 */
import { button, element } from './element';
import type { TimelineAnswer } from './queries';

export function renderTimeline(title: string, answer: TimelineAnswer['timeline'], select: (id: string) => void): HTMLElement {
  const shown = answer.edges.length;
  return element(
    'div',
    { class: 'timeline-inner' },
    element(
      'h2',
      { class: 'timeline-title' },
      `Timeline of ${title}: ${answer.totalCount} dated fact${answer.totalCount === 1 ? '' : 's'}${shown < answer.totalCount ? ` (first ${shown})` : ''}`,
    ),
    element(
      'ol',
      { class: 'timeline-entries' },
      ...answer.edges.map(({ node }) =>
        element(
          'li',
          { class: 'timeline-entry', 'data-kind': node.kind },
          element('span', { class: 'timeline-date' }, node.date.iso),
          button(node.title, () => select(node.entity.id), { title: `${node.kind.toLowerCase()} ${node.when}` }),
          element('span', { class: 'muted timeline-when' }, node.when),
        ),
      ),
    ),
  );
}
