/**
 * The network drawn with Cytoscape.js (canvas) and laid out force-directed by fcose in a web
 * worker (layout-worker.ts). A first view is drawn at once on a sunflower spiral around the centre
 * (marked `graph-rendered` for the performance measurement), then moves to the worker's layout
 * (`data-layout="settled"` on the container). Later additions start beside the node they came from
 * and the layout continues from the positions shown. A click on a node is handed to the page.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { edgeColours, relationLabel, typeColours } from './node-types';
import type { Visible } from './graph-model';
import type { LayoutReply, LayoutRequest } from './layout-messages';

export interface Emphasis {
  center: string | null;
  selected: string | null;
  /** The path shown: its nodes and relation ids; others are faded. */
  path: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
}

const style: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': '#4a5360',
      label: 'data(label)',
      'font-size': 11,
      color: '#1b1f24',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-max-width': '140px',
      'text-wrap': 'ellipsis',
      width: 18,
      height: 18,
      'min-zoomed-font-size': 7,
    },
  },
  // One selector per type rather than a function: Cytoscape caches static styles.
  ...Object.entries(typeColours).map(([type, colour]) => ({ selector: `node[type = "${type}"]`, style: { 'background-color': colour } })),
  { selector: 'node.center', style: { width: 30, height: 30, 'font-weight': 'bold', 'font-size': 13 } },
  { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#b3261e' } },
  { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': edgeColours.path, 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': edgeColours.stated,
      'target-arrow-color': edgeColours.stated,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.7,
      // Parallel relations (three titles at one organisation) are drawn apart, not on top of each other.
      'curve-style': 'bezier',
    },
  },
  {
    selector: 'edge.disputed',
    style: {
      'line-style': 'dashed',
      'line-dash-pattern': [6, 4],
      'line-color': edgeColours.disputed,
      'target-arrow-color': edgeColours.disputed,
      width: 2,
    },
  },
  {
    selector: 'edge.on-path',
    style: {
      width: 4,
      'line-color': edgeColours.path,
      'target-arrow-color': edgeColours.path,
      label: 'data(label)',
      'font-size': 10,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      color: '#1b1f24',
    },
  },
  { selector: '.faded', style: { opacity: 0.25 } },
];

/**
 * Above this many nodes only the centre, the selection and a path's nodes are labelled (the list
 * below the graph names them all): 500 labels overlap unreadably, and measuring and drawing them
 * would be most of the first view's time. Default 150.
 */
export const labelAllUpTo = 150;

function nodeElement(node: Visible['nodes'][number], position: cytoscape.Position | undefined, labelled: boolean): ElementDefinition {
  return { group: 'nodes', data: { id: node.id, name: node.name, type: node.type, label: labelled ? node.name : '' }, position };
}

function edgeElement(edge: Visible['edges'][number]): ElementDefinition {
  return {
    group: 'edges',
    data: { id: edge.id, source: edge.from.id, target: edge.to.id, label: relationLabel(edge.type) },
    classes: edge.disputed ? 'disputed' : '',
  };
}

export class GraphView {
  private readonly cy: Core;
  /** Where each node was last placed, so a node the filters hid comes back where it was. */
  private readonly positions = new Map<string, cytoscape.Position>();
  private rendered = false;
  private readonly worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  /** The latest layout asked for; older answers are dropped. */
  private layoutRequest = 0;

  constructor(
    private readonly container: HTMLElement,
    onNodeClick: (id: string) => void,
  ) {
    this.cy = cytoscape({ container, style, minZoom: 0.1, maxZoom: 4, boxSelectionEnabled: false });
    // A node's name on hover, when the graph is too big to label every node.
    this.cy.on('mouseover', 'node', (event) => void event.target.data('label', event.target.data('name')));
    this.cy.on('tap', 'node', (event) => onNodeClick(event.target.id() as string));
    this.worker.onmessage = (event: MessageEvent<LayoutReply>) => this.settle(event.data);
  }

  /** Shows exactly `visible`; lays out again when nodes were added (placing them near `origin`). */
  show(visible: Visible, emphasis: Emphasis, origin: string | null): void {
    const wanted = new Set([...visible.nodes.map((node) => node.id), ...visible.edges.map((edge) => edge.id)]);
    this.cy.batch(() => {
      this.cy.elements().forEach((element) => {
        if (element.isNode()) this.positions.set(element.id(), { ...element.position() });
        if (!wanted.has(element.id())) element.remove();
      });
    });
    const first = !this.rendered;
    const near = (origin && this.positions.get(origin)) || { x: 0, y: 0 };
    const added = visible.nodes.filter((node) => this.cy.getElementById(node.id).empty());
    const newcomers = added.filter((node) => !this.positions.has(node.id));
    // A first view starts on a sunflower spiral (even density, the centre in the middle); a later
    // node starts beside the node it came from.
    const start = (index: number) =>
      first
        ? { x: 22 * Math.sqrt(index) * Math.cos(index * 2.39996), y: 22 * Math.sqrt(index) * Math.sin(index * 2.39996) }
        : { x: near.x + Math.random() * 40 - 20, y: near.y + Math.random() * 40 - 20 };
    const ordered = [...added].sort((a, b) => Number(b.id === emphasis.center) - Number(a.id === emphasis.center));
    performance.mark('graph-add-start');
    this.cy.batch(() => {
      const labelAll = visible.nodes.length <= labelAllUpTo;
      this.cy.add(ordered.map((node, index) => nodeElement(node, this.positions.get(node.id) ?? start(index), labelAll)));
      if (labelAll) this.cy.nodes('[label = ""]').forEach((node) => void node.data('label', node.data('name')));
      this.cy.add(visible.edges.filter((edge) => this.cy.getElementById(edge.id).empty()).map(edgeElement));
    });
    this.emphasise(emphasis);
    performance.measure('graph-add', 'graph-add-start');
    this.container.dataset.disputedEdges = String(visible.edges.filter((edge) => edge.disputed).length);
    if (first) {
      this.cy.fit(undefined, 30);
      this.markFirstRender();
    }
    if (newcomers.length > 0 || first) this.layout(first);
  }

  emphasise({ center, selected, path }: Emphasis): void {
    // What is highlighted, readable without the canvas (tests, assistive tools).
    this.container.dataset.pathNodes = path ? [...path.nodes].join(' ') : '';
    this.container.dataset.pathEdges = path ? String(path.edges.size) : '0';
    this.cy.batch(() => {
      this.cy.elements().removeClass('center selected on-path faded');
      const labelAll = this.cy.nodes().length <= labelAllUpTo;
      this.cy.nodes().forEach((node) => {
        const emphasised = node.id() === center || node.id() === selected || (path?.nodes.has(node.id()) ?? false);
        const label = labelAll || emphasised ? (node.data('name') as string) : '';
        if (node.data('label') !== label) node.data('label', label);
      });
      if (center) this.cy.getElementById(center).addClass('center');
      if (selected) this.cy.getElementById(selected).addClass('selected');
      if (!path) return;
      this.cy.elements().forEach((element) => {
        const onPath = (element.group() === 'nodes' ? path.nodes : path.edges).has(element.id());
        element.addClass(onPath ? 'on-path' : 'faded');
      });
    });
  }

  /** Centres the view on what is shown. */
  fit(): void {
    this.cy.fit(undefined, 30);
  }

  /** A node's place on the screen, for the keyboard list to point at it. */
  focusNode(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.nonempty()) this.cy.animate({ center: { eles: node }, duration: 200 });
  }

  /** Asks the worker for positions; the nodes keep theirs until it answers. */
  private layout(first: boolean): void {
    this.container.dataset.layout = 'running';
    performance.mark('graph-layout-start');
    const request: LayoutRequest = {
      id: ++this.layoutRequest,
      nodes: this.cy.nodes().map((node) => ({ id: node.id(), ...node.position() })),
      edges: this.cy.edges().map((edge) => ({ id: edge.id(), source: edge.source().id(), target: edge.target().id() })),
      randomize: first,
    };
    this.worker.postMessage(request);
  }

  private settle({ id, positions }: LayoutReply): void {
    if (id !== this.layoutRequest) return;
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const position = positions[node.id()];
        if (position) node.position(position);
      });
    });
    this.cy.fit(undefined, 30);
    performance.measure('graph-layout', 'graph-layout-start');
    this.container.dataset.layout = 'settled';
  }

  /** After the first frame that shows the graph: a performance mark and the count on the container. */
  private markFirstRender(): void {
    this.rendered = true;
    // Two frames: Cytoscape draws in the first, so the second starts after the graph is on screen.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const nodes = this.cy.nodes().length;
        performance.mark('graph-rendered', { detail: { nodes } });
        this.container.dataset.renderedNodes = String(nodes);
      }),
    );
  }

  /** Forgets what was drawn (a new centre): the next view is laid out afresh. */
  reset(): void {
    this.cy.elements().remove();
    this.positions.clear();
    this.rendered = false;
    this.layoutRequest++;
  }
}
