/**
 * What every candidate card shares: its accept / reject / undecided choice (a radio group, so the
 * arrow keys move through it), the draft's confidence and reason, its quote and the button that
 * shows the quote in the text, and labelled form fields for the edits.
 */
import { button, element } from '../explore/element';
import type { Decision, EntityItem, RelationItem } from './review-items';

export interface CardContext {
  /** A decision or an edit changed the bundle: the page recounts and updates the notices. */
  changed(): void;
  /** Highlights the item's quote in the text. */
  show(item: EntityItem | RelationItem): void;
  /** The card must be drawn again (an entity's match changed what can be edited); focus goes to `focus` in it. */
  redraw(item: EntityItem, focus: string | null): void;
  /** How a relation end (a draft id) reads now: the entity's current name, or the id of an existing one. */
  endLabel(draftId: string): string;
  /** The draft ids a relation end may take. */
  endChoices(): string[];
  /** The language names are searched in. */
  lang(): string;
}

const decisions: { value: Decision; label: string }[] = [
  { value: 'accepted', label: 'Accept' },
  { value: 'rejected', label: 'Reject' },
  { value: 'undecided', label: 'Undecided' },
];

export function decisionControls(item: EntityItem | RelationItem, context: CardContext): HTMLElement {
  const group = element('div', { class: 'decision', role: 'radiogroup', 'aria-label': 'Decision' });
  for (const { value, label } of decisions) {
    const id = `${item.key}-${value}`;
    const input = element('input', { type: 'radio', id, name: `decision-${item.key}`, value });
    input.checked = item.decision === value;
    input.addEventListener('change', () => {
      if (!input.checked) return;
      item.decision = value;
      group.closest('.candidate')?.setAttribute('data-decision', value);
      context.changed();
    });
    group.append(element('span', { class: `choice choice-${value}` }, input, element('label', { for: id }, label)));
  }
  return group;
}

/** "confidence 0.82 · matched by its folded name" (no confidence for an entry the draft gave without a candidate). */
export function reasonLine(item: EntityItem | RelationItem): HTMLElement {
  const { confidence, reason } = item.candidate;
  const parts = [Number.isFinite(confidence) ? `confidence ${confidence.toFixed(2)}` : null, reason || null].filter(Boolean);
  return element('p', { class: 'reason muted' }, parts.join(' · '));
}

export function quoteBlock(item: EntityItem | RelationItem, context: CardContext): HTMLElement[] {
  const quote = item.candidate.quote;
  if (!quote) return [element('p', { class: 'muted' }, 'No quote: the draft gives none for it.')];
  return [element('blockquote', { class: 'quote' }, quote), button('Show in the text', () => context.show(item), { class: 'show-quote' })];
}

/** A labelled field: <label for=id>text</label> then the control. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return element(
    'div',
    { class: 'field' },
    element('label', { for: control.id }, label),
    control,
    hint ? element('span', { id: hintId, class: 'muted hint' }, hint) : null,
  );
}

export function select(id: string, options: { value: string; label: string }[], value: string): HTMLSelectElement {
  const node = element('select', { id });
  for (const option of options) node.append(new Option(option.label, option.value, false, option.value === value));
  if (!options.some((option) => option.value === value)) node.append(new Option(value, value, false, true));
  return node;
}

export function textInput(id: string, value: string, attributes: Record<string, string> = {}): HTMLInputElement {
  const node = element('input', { id, type: 'text', ...attributes });
  node.value = value;
  return node;
}
