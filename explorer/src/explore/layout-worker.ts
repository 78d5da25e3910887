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
    elements: [
      ...nodes.map((node) => ({ group: 'nodes' as const, data: { id: node.id } })),
      ...edges.map((edge) => ({ group: 'edges' as const, data: edge })),
    ],
  });
  // Set after creation: fcose read positions given in a headless Cytoscape's element
  // definitions as lying on one diagonal (every node collapsed onto x = y).
  cy.batch(() => nodes.forEach((node) => void cy.getElementById(node.id).position({ x: node.x, y: node.y })));
  // fcose starts from the given positions only at quality 'proof' (its spectral step is what
  // 'default' adds, and it needs random starts).
  cy.layout({
    name: 'fcose',
    randomize,
    animate: false,
    quality: randomize ? 'default' : 'proof',
    nodeRepulsion: () => 6000,
    idealEdgeLength: () => 70,
    padding: 30,
  } as cytoscape.LayoutOptions).run();
  const positions: LayoutReply['positions'] = {};
  cy.nodes().forEach((node) => {
    positions[node.id()] = node.position();
  });
  cy.destroy();
  self.postMessage({ id, positions } satisfies LayoutReply);
};
