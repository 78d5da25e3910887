/**
 * The path finder: two entities picked with search boxes, the API's shortest paths between them
 * (with their explanations), one of which the graph highlights.
 */
import { button, element } from './element';
import type { PathView } from './queries';

/** The answers as a list: each path's length and explanation, the shown one marked. */
export function renderPaths(paths: PathView[], shown: number, show: (index: number) => void): HTMLElement {
  if (paths.length === 0) return element('p', { role: 'status' }, 'No path of up to 6 steps links them.');
  return element(
    'ol',
    { class: 'paths' },
    ...paths.map((path, index) =>
      element(
        'li',
        { class: index === shown ? 'path shown' : 'path' },
        button(`Path ${index + 1}: ${path.length} step${path.length === 1 ? '' : 's'}`, () => show(index), {
          'aria-pressed': String(index === shown),
        }),
        element('p', { class: 'explanation' }, path.explanation),
      ),
    ),
  );
}
