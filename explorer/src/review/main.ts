/**
 * The review page (/review): opens a draft (drafted by the service from a pasted text, or loaded
 * from a file), lets the editor accept, edit or reject each candidate with its quote shown in the
 * text, and imports the accepted set through importBundle, so the import is validated, written
 * all or nothing and audited like any other. Nothing is written before "Import".
 */
import { assemble, type Assembled } from './assemble';
import { draftBundleQuery, graphqlAs, importBundleMutation, type DraftBundleAnswer, type ImportAnswer } from './api';
import type { CardContext } from './card-parts';
import { parseDraft, parseDraftText, type Draft } from './draft';
import { renderEntityCard } from './entity-card';
import { renderError, renderResult, renderSummary } from './outcome';
import { renderRelationCard, type RelationCard } from './relation-card';
import { lookUpNames } from './end-names';
import { endChoices, itemOfDraftId, reviewItems, type EntityItem, type RelationItem, type ReviewItems } from './review-items';
import { quoteSpan } from './quote-span';
import { showText } from './text-view';
import { element } from '../explore/element';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

/** Draft files are read whole in the page: a larger one is refused before it is read. */
const maxDraftFileBytes = 20 * 1024 * 1024;

interface Review {
  draft: Draft;
  items: ReviewItems;
  assembled: Assembled;
  relationCards: Map<string, RelationCard>;
  /** The graph's names of the existing entities the draft names; null: not in the graph. */
  graphNames: Map<string, string | null>;
}

let review: Review | null = null;

function tokenOrComplain(where: HTMLElement): string | null {
  const token = byId<HTMLInputElement>('token').value.trim();
  if (token) return token;
  where.hidden = false;
  where.replaceChildren(element('p', { class: 'error' }, 'An editor token is needed first: paste it in "Editor token" above.'));
  byId('token').focus();
  return null;
}

const context: CardContext = {
  changed: () => refresh(),
  show: (item) => showQuote(item),
  redraw: (item, focus) => redrawEntity(item, focus),
  endLabel(draftId) {
    const item = review ? itemOfDraftId(review.items, draftId) : undefined;
    if (item) return item.matchedName ?? item.name;
    const name = review?.graphNames.get(draftId);
    return name === null ? `${draftId} (not in the graph)` : (name ?? draftId);
  },
  endChoices: () => (review ? endChoices(review.items) : []),
  lang: () => review?.draft.language || 'en',
};

function refresh(): void {
  if (!review) return;
  review.assembled = assemble(review.draft, review.items);
  const notices = new Map(review.assembled.dropped.map(({ item, why }) => [item.key, why]));
  for (const [key, card] of review.relationCards) card.update(notices.get(key) ?? null);
  byId('summary').replaceChildren(...renderSummary(review.items, review.assembled));
}

function showQuote(item: EntityItem | RelationItem): void {
  const text = review?.draft.bundle.source.text ?? '';
  const span = quoteSpan(text, item.candidate);
  const mark = showText(byId('source-text'), text, span);
  const label = item.kind === 'ENTITY' ? item.name : item.candidate.label;
  byId('text-status').textContent = mark ? `The quote of "${label}" is highlighted.` : `The quote of "${label}" is not in the text.`;
  document.querySelectorAll('.candidate.shown').forEach((card) => card.classList.remove('shown'));
  byId(`item-${item.key}`).classList.add('shown');
  mark?.scrollIntoView({ block: 'center' });
}

function redrawEntity(item: EntityItem, focus: string | null): void {
  const card = renderEntityCard(item, context);
  const old = byId(`item-${item.key}`);
  const details = card.querySelector('details');
  if (details) details.open = focus !== null || (old.querySelector('details')?.open ?? false);
  old.replaceWith(card);
  if (focus) document.getElementById(focus)?.focus();
}

/** Names the existing entities the draft names (matches, ends such as country:AF) once the graph answers; the ids stay meanwhile. */
async function nameExistingEntities(current: Review): Promise<void> {
  const held = new Set(current.items.entities.filter((item) => !item.matchedId).map((item) => item.draftId));
  const ids = [
    ...new Set([...current.items.entities.flatMap((item) => (item.matchedId ? [item.matchedId] : [])), ...endChoices(current.items)]),
  ];
  try {
    current.graphNames = await lookUpNames(
      ids.filter((id) => !held.has(id)),
      byId<HTMLInputElement>('token').value.trim(),
      context.lang(),
    );
  } catch (error) {
    console.warn('the names of existing entities could not be read', error);
    return;
  }
  if (review !== current) return;
  for (const item of current.items.entities) {
    const name = item.matchedId ? current.graphNames.get(item.matchedId) : undefined;
    if (!name) continue;
    item.matchedName = name;
    redrawEntity(item, null);
  }
  refresh();
}

function renderMeta(draft: Draft, items: ReviewItems): void {
  const source = draft.bundle.source;
  byId('draft-meta').textContent = [source.title, source.publisher, source.published, `in ${draft.language || source.language}`, source.url]
    .filter(Boolean)
    .join(' · ');
  const warnings = [...draft.warnings, ...items.unplaced.map((text) => `Not reviewable: ${text}`)];
  byId('draft-warnings').replaceChildren(...warnings.map((text) => element('li', {}, text)));
}

function openDraft(draft: Draft): void {
  const items = reviewItems(draft);
  review = { draft, items, assembled: assemble(draft, items), relationCards: new Map(), graphNames: new Map() };
  renderMeta(draft, items);
  byId('entity-candidates').replaceChildren(...items.entities.map((item) => renderEntityCard(item, context)));
  const relationCards = items.relations.map((item) => [item.key, renderRelationCard(item, context)] as const);
  review.relationCards = new Map(relationCards);
  byId('relation-candidates').replaceChildren(...relationCards.map(([, card]) => card.node));
  showText(byId('source-text'), draft.bundle.source.text ?? '', null);
  byId('result').replaceChildren();
  byId('review').hidden = false;
  byId('open-status').textContent = `Draft opened: ${items.entities.length} entities and ${items.relations.length} relations to review.`;
  refresh();
  byId('review-title').focus();
  void nameExistingEntities(review);
}

function openFailed(error: unknown, what: string): void {
  const box = byId('open-error');
  box.hidden = false;
  box.replaceChildren(...renderError(what, error as Error, null, 'draft'));
}

byId('draft-file').addEventListener('change', async () => {
  const file = byId<HTMLInputElement>('draft-file').files?.[0];
  byId('open-error').hidden = true;
  if (!file) return;
  if (file.size > maxDraftFileBytes)
    return openFailed(new Error(`the file is ${file.size} bytes; a draft file may hold ${maxDraftFileBytes}`), 'Not opened');
  try {
    openDraft(parseDraftText(await file.text()));
  } catch (error) {
    openFailed(error, `${file.name} not opened`);
  }
});

byId('draft-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = byId('open-error');
  box.hidden = true;
  const token = tokenOrComplain(box);
  if (!token) return;
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim() || null;
  byId('open-status').textContent = 'Drafting…';
  try {
    const answer = await graphqlAs<DraftBundleAnswer>(token, draftBundleQuery, {
      text: byId<HTMLTextAreaElement>('draft-text').value,
      url: value('draft-url'),
      published: value('draft-published'),
    });
    openDraft(parseDraft(answer.draftBundle));
  } catch (error) {
    byId('open-status').textContent = '';
    openFailed(error, 'No draft');
  }
});

byId('accept-all').addEventListener('click', () => {
  if (!review) return;
  for (const item of [...review.items.entities, ...review.items.relations].filter((i) => i.decision === 'undecided')) {
    item.decision = 'accepted';
    const card = byId(`item-${item.key}`);
    card.dataset.decision = 'accepted';
    card.querySelector<HTMLInputElement>(`#${item.key}-accepted`)!.checked = true;
  }
  refresh();
});

/** Accepted entities' ids in the graph, with the names the editor saw: for the links after an import. */
function namesOf(current: Review): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of current.items.entities) {
    const id = current.assembled.idOf.get(item.key);
    if (id) names.set(id, item.matchedName ?? item.name);
  }
  return names;
}

async function importAccepted(dryRun: boolean): Promise<void> {
  if (!review) return;
  const result = byId('result');
  const current = review;
  const { assembled } = current;
  if (assembled.bundle.entities.length === 0 && assembled.bundle.relations.length === 0) {
    result.replaceChildren(
      element('p', { class: 'error', role: 'alert' }, 'Nothing is accepted yet: accept the candidates to import first.'),
    );
    return;
  }
  const token = tokenOrComplain(result);
  if (!token) return;
  result.replaceChildren(element('p', {}, dryRun ? 'Checking…' : 'Importing…'));
  try {
    const answer = await graphqlAs<ImportAnswer>(token, importBundleMutation, { bundle: assembled.bundle, dryRun });
    result.replaceChildren(...renderResult(answer.importBundle, assembled, namesOf(current)));
  } catch (error) {
    const shown = renderError(dryRun ? 'Refused' : 'Not imported', error as Error, assembled);
    result.replaceChildren(element('div', { role: 'alert' }, ...shown));
  }
}

/** The bundle as a file, for `npm run import -- file.json` (where IMPORT_TIMEOUT_MS applies) or to keep. */
function downloadAccepted(): void {
  if (!review) return;
  const json = `${JSON.stringify(review.assembled.bundle, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = element('a', { href: url, download: `${review.draft.bundle.source.id.replace(/^source:/, '')}.bundle.json` });
  link.click();
  // Revoked later, not at once: the browser reads the file after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

byId('download').addEventListener('click', downloadAccepted);
byId('dry-run').addEventListener('click', () => void importAccepted(true));
byId('import').addEventListener('click', () => void importAccepted(false));

// The skip link moves the focus without touching the URL.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  byId('open-title').focus();
});
