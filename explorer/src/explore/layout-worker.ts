/**
 * The force-directed layout (fcose) off the page's thread: a headless Cytoscape in a web worker
 * places the nodes and sends their positions back, so the page draws at once and stays
 * responsive while a 500-node neighbourhood is laid out.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { LayoutReply, LayoutRequest } from './layout-messages';

cytoscape.use(fcose);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges, randomize } = event.data;
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 18, height: 18 } }],
    elements: [...nodes.map((node) => ({ group: 'nodes' as const, data: { id: node.id }, position: { x: node.x, y: node.y } })), ...edges.map((edge) => ({ group: 'edges' as const, data: edge }))],
  });
  cy.layout({ name: 'fcose', randomize, animate: false, quality: 'default', nodeRepulsion: () => 6000, idealEdgeLength: () => 70, padding: 30 } as cytoscape.LayoutOptions).run();
  const positions: LayoutReply['positions'] = {};
  cy.nodes().forEach((node) => {
    positions[node.id()] = node.position();
  });
  cy.destroy();
  self.postMessage({ id, positions } satisfies LayoutReply);
};
