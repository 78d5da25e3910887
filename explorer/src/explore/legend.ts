/** The legend: what each node colour and each edge style means. */
import { element } from './element';
import { edgeColours, typeColours, typeLabels } from './node-types';

function swatch(colour: string, shape: 'dot' | 'line' | 'dashed'): HTMLElement {
  const style = shape === 'dot' ? `background:${colour}` : `border-top: 3px ${shape === 'dashed' ? 'dashed' : 'solid'} ${colour}`;
  return element('span', { class: `swatch swatch-${shape}`, style, 'aria-hidden': 'true' });
}

export function renderLegend(): HTMLElement {
  return element(
    'ul',
    { class: 'legend-items' },
    ...Object.entries(typeColours).map(([type, colour]) => element('li', {}, swatch(colour, 'dot'), typeLabels[type] ?? type)),
    element('li', {}, swatch(edgeColours.stated, 'line'), 'relation (arrow: its direction)'),
    element('li', {}, swatch(edgeColours.disputed, 'dashed'), 'disputed relation'),
    element('li', {}, swatch(edgeColours.path, 'line'), 'path found'),
  );
}
