/**
 * Cypher for an entity's neighbourhood: breadth-first, level by level, in one bounded query.
 * The only generated text is fixed fragments and the validated depth.
 */
import type { QueryRunner } from '../../core/db/database';
import { compareEdges, existsOn, relationshipTypes, validOn } from '../../core/cypher/fragments';
import { entityFromProjection } from '../entity/prefetched';
import { entityProjection, type EntitySelection } from '../../core/cypher/projection';
import type { EntityRecord, RelationRecord } from '../../core/model/records';
import { relationFromRow, relationRowProjection as relationMap, type NodeProperties, type RelationRow } from '../../core/model/storage';

/** Rows one network level may expand before it is cut (reported as truncated). */
export const networkExpandCap = 5000;

export interface NetworkResult {
  found: boolean;
  nodes: EntityRecord[];
  edges: RelationRecord[];
  truncated: boolean;
}

export class NetworkRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Breadth-first neighbourhood in one query: each level adds the unseen neighbours of the last
   * level until `limit` nodes; then every relation between two chosen nodes. A level stops
   * walking once it has found more new nodes than there is room for (the cut is then known
   * without walking a hub's thousands of relationships), or after `networkExpandCap`
   * relationships; only a level that fitted walks again, bounded by the cap, to learn whether
   * the cap cut it.
   */
  async network(
    center: string,
    depth: number,
    types: string[] | null,
    limit: number,
    asOf: string | null,
    selection: EntitySelection,
    relationKeys: readonly string[],
  ): Promise<NetworkResult> {
    // Typed patterns, and no date condition without asOf: only the relationships asked for are expanded.
    const rel = `r${relationshipTypes(types)}`;
    const dated = asOf === null ? null : '$asOf';
    const walk = `UNWIND frontier AS f
         MATCH (f)-[${rel}]-(m:Entity)
         WHERE ${validOn('r', dated)} AND ${existsOn('m', dated)} AND NOT m IN nodes`;
    const level = `
       CALL (frontier, nodes) {
         ${walk}
         WITH m LIMIT toInteger($expandCap)
         WITH DISTINCT m LIMIT toInteger($limit)
         RETURN collect(m) AS found
       }
       WITH nodes, frontier, cut, found, $limit - size(nodes) AS room
       WITH nodes + found[..room] AS nodes, found[..room] AS frontier,
         cut OR CASE WHEN size(found) > room THEN true ELSE COUNT { ${walk} RETURN m LIMIT toInteger($expandCap) } >= $expandCap END AS cut`;
    const rows = await this.db.read(
      `OPTIONAL MATCH (c:Entity {id: $center})
       WITH c, CASE WHEN c IS NULL THEN [] ELSE [c] END AS nodes, CASE WHEN c IS NULL THEN [] ELSE [c] END AS frontier, false AS cut
       WITH nodes, frontier, cut
       ${level.repeat(depth)}
       CALL (nodes) {
         UNWIND nodes AS a
         MATCH (a)-[${rel}]->(b:Entity)
         WHERE b IN nodes AND ${validOn('r', dated)}
         RETURN collect(${relationMap('r', relationKeys)}) AS edges
       }
       RETURN [n IN nodes | ${entityProjection('n', selection)}] AS nodes, edges, cut`,
      { center, limit, asOf, expandCap: networkExpandCap },
    );
    const row = rows[0]!;
    const nodes = (row.nodes as NodeProperties[]).map((props) => entityFromProjection(props, selection));
    const edges = (row.edges as RelationRow[]).map(relationFromRow);
    edges.sort(compareEdges);
    return { found: nodes.length > 0, nodes, edges, truncated: row.cut as boolean };
  }
}
