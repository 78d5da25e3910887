/**
 * One relation candidate: its type, its two ends (any entity of the draft, or an existing one the
 * draft names), the role and the date can be edited. Its notice says when it is dropped (an end
 * was rejected) or waits (an end is still undecided). update() redraws what other cards change:
 * the ends' names and the notice.
 */
import { element } from '../explore/element';
import { relationLabel } from '../explore/node-types';
import { isPartialDate } from '../explore/partial-dates';
import { decisionControls, field, quoteBlock, reasonLine, select, textInput, type CardContext } from './card-parts';
import { relationTypeNames } from './model-types';
import type { RelationItem } from './review-items';

export interface RelationCard {
  node: HTMLLIElement;
  /** Redraws the reading, the ends' names and the notice (null: no notice). */
  update(notice: string | null): void;
}

function reading(item: RelationItem, context: CardContext): string {
  return `${context.endLabel(item.from)} — ${relationLabel(item.type)} → ${context.endLabel(item.to)}`;
}

function endSelect(item: RelationItem, end: 'from' | 'to', context: CardContext): HTMLSelectElement {
  const options = context.endChoices().map((id) => ({ value: id, label: context.endLabel(id) }));
  const node = select(`${item.key}-${end}`, options, item[end]);
  node.addEventListener('change', () => {
    item[end] = node.value;
    context.changed();
  });
  return node;
}

function dateField(item: RelationItem, context: CardContext): HTMLElement {
  const start = textInput(`${item.key}-start`, item.start, { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD', size: '12' });
  const problem = element('p', { id: `${item.key}-start-problem`, class: 'error', role: 'alert', hidden: true });
  start.addEventListener('change', () => {
    const value = start.value.trim();
    const valid = value === '' || isPartialDate(value);
    problem.hidden = valid;
    problem.textContent = valid ? '' : `"${value}" is not a date: write a year (2025), a month (2025-03) or a day (2025-03-12).`;
    start.setAttribute('aria-invalid', String(!valid));
    if (!valid) return;
    item.start = value;
    context.changed();
  });
  return element('div', {}, field('Date (a year stays a year)', start), problem);
}

function editFields(item: RelationItem, context: CardContext): HTMLElement[] {
  const type = select(
    `${item.key}-type`,
    relationTypeNames.map((name) => ({ value: name, label: relationLabel(name) })),
    item.type,
  );
  type.addEventListener('change', () => {
    item.type = type.value;
    context.changed();
  });
  const role = textInput(`${item.key}-role`, item.role);
  role.addEventListener('change', () => {
    item.role = role.value;
    context.changed();
  });
  return [
    field('Relation', type),
    field('From', endSelect(item, 'from', context)),
    field('To', endSelect(item, 'to', context)),
    field('Role (title held, part played)', role),
    dateField(item, context),
  ];
}

export function renderRelationCard(item: RelationItem, context: CardContext): RelationCard {
  const legendText = element('span', { class: 'candidate-label' }, reading(item, context));
  const notice = element('p', { class: 'notice', id: `${item.key}-notice`, hidden: true });
  const node = element(
    'li',
    { class: 'candidate relation', id: `item-${item.key}`, 'data-key': item.key, 'data-decision': item.decision },
    element(
      'fieldset',
      {},
      element('legend', {}, legendText),
      element('p', { class: 'muted' }, `The draft reads: ${item.candidate.label}`),
      reasonLine(item),
      ...quoteBlock(item, context),
      notice,
      decisionControls(item, context),
      element('details', { class: 'edit' }, element('summary', {}, 'Edit'), ...editFields(item, context)),
    ),
  );
  const update = (text: string | null) => {
    legendText.textContent = reading(item, context);
    for (const end of ['from', 'to'] as const) {
      const options = node.querySelector<HTMLSelectElement>(`#${item.key}-${end}`)?.options ?? [];
      for (const option of options) option.text = context.endLabel(option.value);
    }
    notice.textContent = text ?? '';
    notice.hidden = text === null;
    node.dataset.dropped = String(text !== null);
  };
  return { node, update };
}
