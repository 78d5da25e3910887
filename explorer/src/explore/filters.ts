/**
 * The filter controls: a checkbox per relation type loaded (with its count), and the date range
 * (partial dates, checked before they apply). They change the view state; the page redraws.
 */
import { element } from './element';
import { relationLabel } from './node-types';
import { isPartialDate, spanOf } from './partial-dates';

export function renderTypeFilters(
  counts: Map<string, number>,
  hidden: readonly string[],
  toggle: (type: string, shown: boolean) => void,
): HTMLElement[] {
  return [...counts].map(([type, count]) => {
    const box = element('input', { type: 'checkbox', id: `type-${type}`, value: type, checked: !hidden.includes(type) });
    box.addEventListener('change', () => toggle(type, box.checked));
    return element('div', { class: 'type-filter' }, box, element('label', { for: `type-${type}` }, `${relationLabel(type)} (${count})`));
  });
}

/** The date inputs' values as a range, or the problem with them, said plainly. */
export function readDateRange(fromText: string, toText: string): { from: string | null; to: string | null } | { problem: string } {
  const from = fromText.trim() || null;
  const to = toText.trim() || null;
  for (const [label, value] of [
    ['From', from],
    ['To', to],
  ] as const) {
    if (value && !isPartialDate(value)) return { problem: `${label}: "${value}" is not a date; write 2016, 2016-05 or 2016-05-03.` };
  }
  if (from && to && spanOf(from).first > spanOf(to).last) return { problem: `From (${from}) is after To (${to}).` };
  return { from, to };
}
