/**
 * The network drawn with Cytoscape.js (canvas) and laid out force-directed by fcose: the first
 * view lays out everything; later additions keep the nodes already placed and start new ones
 * beside the node they came from. A click on a node is handed to the page (it selects and
 * expands). The first drawing is marked for the performance measurement (`graph-rendered`).
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { edgeColours, relationLabel, typeColours } from './node-types';
import type { Visible } from './graph-model';

cytoscape.use(fcose);

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
      'background-color': (node: cytoscape.NodeSingular) => typeColours[node.data('type') as string] ?? '#4a5360',
      label: 'data(name)',
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
      'curve-style': 'straight',
    },
  },
  { selector: 'edge.disputed', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': edgeColours.disputed, 'target-arrow-color': edgeColours.disputed, width: 2 } },
  { selector: 'edge.on-path', style: { width: 4, 'line-color': edgeColours.path, 'target-arrow-color': edgeColours.path, label: 'data(label)', 'font-size': 10, 'text-outline-color': '#ffffff', 'text-outline-width': 2, color: '#1b1f24' } },
  { selector: '.faded', style: { opacity: 0.25 } },
];

function nodeElement(node: Visible['nodes'][number], position: cytoscape.Position | undefined): ElementDefinition {
  return { group: 'nodes', data: { id: node.id, name: node.name, type: node.type }, position };
}

function edgeElement(edge: Visible['edges'][number]): ElementDefinition {
  return { group: 'edges', data: { id: edge.id, source: edge.from.id, target: edge.to.id, label: relationLabel(edge.type) }, classes: edge.disputed ? 'disputed' : '' };
}

export class GraphView {
  private readonly cy: Core;
  /** Where each node was last placed, so a node the filters hid comes back where it was. */
  private readonly positions = new Map<string, cytoscape.Position>();
  private rendered = false;

  constructor(
    private readonly container: HTMLElement,
    onNodeClick: (id: string) => void,
  ) {
    this.cy = cytoscape({ container, style, minZoom: 0.1, maxZoom: 4, wheelSensitivity: 0.3, boxSelectionEnabled: false });
    this.cy.on('tap', 'node', (event) => onNodeClick(event.target.id() as string));
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
    const near = (origin && this.positions.get(origin)) || { x: 0, y: 0 };
    const added = visible.nodes.filter((node) => this.cy.getElementById(node.id).empty());
    const newcomers = added.filter((node) => !this.positions.has(node.id));
    this.cy.batch(() => {
      this.cy.add(added.map((node) => nodeElement(node, this.positions.get(node.id) ?? { x: near.x + Math.random() * 40 - 20, y: near.y + Math.random() * 40 - 20 })));
      this.cy.add(visible.edges.filter((edge) => this.cy.getElementById(edge.id).empty()).map(edgeElement));
    });
    this.emphasise(emphasis);
    if (newcomers.length > 0 || !this.rendered) this.layout(!this.rendered);
  }

  emphasise({ center, selected, path }: Emphasis): void {
    // What is highlighted, readable without the canvas (tests, assistive tools).
    this.container.dataset.pathNodes = path ? [...path.nodes].join(' ') : '';
    this.container.dataset.pathEdges = path ? String(path.edges.size) : '0';
    this.cy.batch(() => {
      this.cy.elements().removeClass('center selected on-path faded');
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

  private layout(first: boolean): void {
    const layout = this.cy.layout({
      name: 'fcose',
      randomize: first,
      animate: false,
      quality: 'default',
      nodeRepulsion: () => 6000,
      idealEdgeLength: () => 70,
      padding: 30,
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      this.cy.fit(undefined, 30);
      if (first) this.markFirstRender();
    });
    layout.run();
  }

  /** After the first frame that shows the laid-out graph: a performance mark and the count on the container. */
  private markFirstRender(): void {
    this.rendered = true;
    requestAnimationFrame(() => {
      const nodes = this.cy.nodes().length;
      performance.mark('graph-rendered', { detail: { nodes } });
      this.container.dataset.renderedNodes = String(nodes);
      this.container.dataset.renderedMs = String(Math.round(performance.now()));
    });
  }

  /** Forgets what was drawn (a new centre): the next view is laid out afresh. */
  reset(): void {
    this.cy.elements().remove();
    this.positions.clear();
    this.rendered = false;
  }
}
