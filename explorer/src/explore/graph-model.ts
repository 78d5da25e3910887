/**
 * The part of the graph the page has loaded (the centre's neighbourhood, expanded nodes, a path)
 * and what of it the filters let through. Pure: the unit tests import it.
 */
import { mayOverlap, type DateRange } from './partial-dates';
import type { NodeEntity, RelationEdge } from './queries';

export interface Filters extends DateRange {
  /** Relation types not shown. */
  hidden: readonly string[];
}

export interface Visible {
  nodes: NodeEntity[];
  edges: RelationEdge[];
}

export class GraphModel {
  readonly nodes = new Map<string, NodeEntity>();
  readonly edges = new Map<string, RelationEdge>();

  clear(): void {
    this.nodes.clear();
    this.edges.clear();
  }

  /** Adds what a network or path answer holds; what is known already is kept (names in a newer language replace older ones). */
  add(nodes: readonly NodeEntity[], edges: readonly RelationEdge[]): void {
    for (const node of nodes) this.nodes.set(node.id, node);
    for (const edge of edges) if (this.nodes.has(edge.from.id) && this.nodes.has(edge.to.id)) this.edges.set(edge.id, edge);
  }

  /** Relation types loaded, with how many edges each. */
  typeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const edge of this.edges.values()) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
    return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * What the filters let through: dated facts that may fall in the range, edges of shown types
   * valid in it between shown nodes, and the nodes that still have an edge (`keep`, the centre
   * and the expanded nodes, stay even alone).
   */
  visible(filters: Filters, keep: ReadonlySet<string>): Visible {
    const inRange = (node: NodeEntity) => !node.date || mayOverlap(node.date.iso, node.date.iso, filters);
    const candidates = new Set([...this.nodes.values()].filter((node) => keep.has(node.id) || inRange(node)).map((node) => node.id));
    const hidden = new Set(filters.hidden);
    const edges = [...this.edges.values()].filter(
      (edge) =>
        !hidden.has(edge.type) &&
        candidates.has(edge.from.id) &&
        candidates.has(edge.to.id) &&
        mayOverlap(edge.start?.iso ?? null, edge.end?.iso ?? null, filters),
    );
    const linked = new Set(edges.flatMap((edge) => [edge.from.id, edge.to.id]));
    const nodes = [...this.nodes.values()].filter((node) => candidates.has(node.id) && (keep.has(node.id) || linked.has(node.id)));
    return { nodes, edges };
  }
}
