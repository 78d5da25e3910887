/**
 * What the page says about the import: before it, what the accepted set holds and what is left
 * out and why; after it, the service's counts (or every problem it found, each named by the
 * entity or relation it is in) and links to the imported entities in the explorer.
 */
import { element } from '../explore/element';
import { problemPlace, type Assembled } from './assemble';
import { tokenAdvice, type ImportCount, type ImportResult, type ReviewApiError } from './api';
import type { ReviewItems } from './review-items';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function renderSummary(items: ReviewItems, assembled: Assembled): HTMLElement[] {
  const all = [...items.entities, ...items.relations];
  const count = (decision: string) => all.filter((item) => item.decision === decision).length;
  const matched = items.entities.filter((item) => item.decision === 'accepted' && item.matchedId).length;
  const head = element(
    'p',
    { id: 'summary-counts' },
    `${plural(count('accepted'), 'candidate')} accepted, ${count('rejected')} rejected, ${count('undecided')} undecided. `,
    `The import holds ${plural(assembled.bundle.entities.length, 'new entity', 'new entities')}, `,
    `${plural(matched, 'existing entity', 'existing entities')} cited again and ${plural(assembled.bundle.relations.length, 'relation')}.`,
  );
  const left = [
    ...assembled.dropped.map(({ item, why }) => element('li', { 'data-key': item.key }, `${item.candidate.label}: ${why}`)),
    ...assembled.droppedStatements.map((text) => element('li', {}, text)),
  ];
  return left.length === 0 ? [head] : [head, element('h3', {}, 'Left out'), element('ul', { id: 'summary-dropped' }, ...left)];
}

function countsTable(caption: string, counts: ImportCount[]): HTMLElement {
  return element(
    'table',
    {},
    element('caption', {}, caption),
    element(
      'thead',
      {},
      element('tr', {}, ...['Type', 'Created', 'Updated', 'Unchanged'].map((title) => element('th', { scope: 'col' }, title))),
    ),
    element(
      'tbody',
      {},
      ...counts.map((row) =>
        element(
          'tr',
          { 'data-type': row.type },
          element('th', { scope: 'row' }, row.type),
          ...[row.created, row.updated, row.unchanged].map((value) => element('td', {}, String(value))),
        ),
      ),
    ),
  );
}

function explorerLinks(assembled: Assembled, names: Map<string, string>): HTMLElement {
  const ids = [...new Set([...assembled.bundle.entities.map((entity) => entity.id), ...assembled.idOf.values()])];
  return element(
    'section',
    { 'aria-labelledby': 'imported-title' },
    element('h3', { id: 'imported-title' }, 'In the explorer'),
    element(
      'ul',
      { id: 'imported-links' },
      ...ids.map((id) =>
        element('li', {}, element('a', { href: `/explore#center=${encodeURIComponent(id)}`, 'data-id': id }, names.get(id) ?? id)),
      ),
    ),
  );
}

export function renderResult(result: ImportResult, assembled: Assembled, names: Map<string, string>): HTMLElement[] {
  const what = result.dryRun
    ? 'Checked (dry run): nothing was written. The import would give:'
    : result.unchanged
      ? 'Already imported: nothing changed.'
      : 'Imported.';
  return [
    element('p', { id: 'result-status', class: result.dryRun ? 'notice' : 'success' }, what),
    element(
      'p',
      {},
      `Source ${result.sourceId}: ${result.source.toLowerCase()}.`,
      result.change ? ` Audit record ${result.change.id}.` : '',
    ),
    countsTable('Entities', result.entities),
    countsTable('Relations', result.relations),
    result.dryRun ? null : explorerLinks(assembled, names),
  ].filter((node): node is HTMLElement => node !== null);
}

/**
 * An error of the service (or of a file), with the token advice and every bundle problem; `what`
 * opens it ("Not imported"); its parts' ids start with `place` (result-error, result-problems).
 */
export function renderError(what: string, error: ReviewApiError | Error, assembled: Assembled | null, place = 'result'): HTMLElement[] {
  const api = error as ReviewApiError;
  const advice = tokenAdvice(api.code ?? null);
  const problems = api.problems ?? [];
  const parts: (HTMLElement | null)[] = [
    element('p', { id: `${place}-error`, class: 'error' }, `${what}: ${error.message}`, api.code ? ` (${api.code})` : ''),
    advice ? element('p', {}, advice) : null,
    problems.length > 0
      ? element(
          'ul',
          { id: `${place}-problems` },
          ...problems.map((problem) =>
            element('li', {}, `${assembled ? problemPlace(assembled, problem.path) : problem.path}: ${problem.message}`),
          ),
        )
      : null,
  ];
  return parts.filter((node): node is HTMLElement => node !== null);
}
