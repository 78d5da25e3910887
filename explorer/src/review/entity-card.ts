/**
 * One entity candidate: proposed as new (its name and type can be edited, or it can be matched
 * to an existing entity found by search) or matched to an existing entity (the match can be
 * changed, or undone to propose it as new). Rejecting it drops the relations that use it; the
 * relation cards say so.
 */
import { element, button } from '../explore/element';
import { createSearchBox } from '../explore/search-box';
import { decisionControls, field, quoteBlock, reasonLine, select, textInput, type CardContext } from './card-parts';
import { entityTypeNames, typeOfEnumValue, typeWords } from './model-types';
import type { EntityItem } from './review-items';

function describe(item: EntityItem): string {
  return item.matchedId ? `${typeWords(item.type)} · matched to an existing entity` : `${typeWords(item.type)} · new`;
}

function matchSearch(item: EntityItem, context: CardContext, label: string): HTMLElement {
  const input = element('input', { id: `${item.key}-match`, type: 'search', placeholder: 'Search the graph' });
  const listbox = element('ul', { id: `${item.key}-match-suggestions`, class: 'suggestions' });
  createSearchBox({
    input,
    listbox,
    lang: context.lang,
    onChoose: (entity) => {
      item.matchedId = entity.id;
      item.matchedName = entity.canonical;
      item.type = typeOfEnumValue(entity.type) ?? item.type;
      context.redraw(item, `${item.key}-match`);
      context.changed();
    },
  });
  return element('div', { class: 'field' }, element('label', { for: input.id }, label), element('div', { class: 'combo' }, input, listbox));
}

function newEntityFields(item: EntityItem, context: CardContext, legend: HTMLElement): HTMLElement[] {
  const name = textInput(`${item.key}-name`, item.name, { required: 'true' });
  name.addEventListener('change', () => {
    if (!name.value.trim()) {
      name.value = item.name;
      return;
    }
    item.name = name.value.trim();
    legend.textContent = item.name;
    context.changed();
  });
  const types = entityTypeNames.filter((type) => type !== 'Country').map((type) => ({ value: type, label: typeWords(type) }));
  const type = select(`${item.key}-type`, types, item.type);
  type.addEventListener('change', () => {
    item.type = type.value;
    context.changed();
  });
  const typeHint = item.proposed?.attributes ? "A new type drops the draft's attributes (they belong to the old type)." : undefined;
  return [field('Name', name), field('Type', type, typeHint), matchSearch(item, context, 'Or match it to an existing entity')];
}

function matchedFields(item: EntityItem, context: CardContext): HTMLElement[] {
  const link = element(
    'a',
    { href: `/explore#center=${encodeURIComponent(item.matchedId ?? '')}`, target: '_blank', rel: 'noopener' },
    item.matchedName ?? item.matchedId ?? '',
  );
  const current = element('p', { class: 'matched' }, 'Matched to ', link, element('span', { class: 'muted' }, ` (${item.matchedId})`));
  const unmatch = button(
    'Propose it as a new entity instead',
    () => {
      item.matchedId = null;
      item.matchedName = null;
      context.redraw(item, `${item.key}-name`);
      context.changed();
    },
    { id: `${item.key}-unmatch` },
  );
  return [current, matchSearch(item, context, 'Match it to another entity'), unmatch];
}

export function renderEntityCard(item: EntityItem, context: CardContext): HTMLLIElement {
  const legendText = element('span', { class: 'candidate-label' }, item.matchedId ? (item.matchedName ?? item.name) : item.name);
  const edits = item.matchedId ? matchedFields(item, context) : newEntityFields(item, context, legendText);
  return element(
    'li',
    {
      class: 'candidate entity',
      id: `item-${item.key}`,
      'data-key': item.key,
      'data-draft-id': item.draftId,
      'data-decision': item.decision,
    },
    element(
      'fieldset',
      {},
      element('legend', {}, legendText, element('span', { class: 'candidate-kind muted' }, ` ${describe(item)}`)),
      item.matchedId && item.name !== item.matchedName ? element('p', { class: 'muted' }, `In the text: ${item.name}`) : null,
      reasonLine(item),
      ...quoteBlock(item, context),
      decisionControls(item, context),
      element('details', { class: 'edit' }, element('summary', {}, 'Edit'), ...edits),
    ),
  );
}
