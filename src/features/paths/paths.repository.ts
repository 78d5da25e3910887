/**
 * Cypher for the shortest paths between two entities: one bounded query, whose path length and
 * count (validated small integers) are written into it, since Cypher takes no parameter there.
 */
import type { QueryRunner } from '../../core/db/database';
import { entityFromProjection } from '../entity/prefetched';
import { entityProjection, type EntitySelection } from '../../core/cypher/projection';
import type { EntityRecord, RelationRecord } from '../../core/model/records';
import { relationFromRow, relationRowProjection as relationMap, type NodeProperties, type RelationRow } from '../../core/model/storage';

export interface PathRecord {
  nodes: EntityRecord[];
  relations: RelationRecord[];
}

export class PathsRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Up to `count` shortest paths between two entities through entity nodes only; which ids
   * exist. Nodes ship the properties `selection` asks for, relations `relationKeys`.
   */
  async paths(
    from: string,
    to: string,
    maxLength: number,
    count: number,
    selection: EntitySelection,
    relationKeys: readonly string[],
  ): Promise<{ hasFrom: boolean; hasTo: boolean; paths: PathRecord[] }> {
    if (!Number.isInteger(maxLength) || !Number.isInteger(count)) throw new Error('path length and count must be integers');
    const rows = await this.db.read(
      `OPTIONAL MATCH (a:Entity {id: $from})
       OPTIONAL MATCH (b:Entity {id: $to})
       RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo, CASE WHEN a IS NULL OR b IS NULL OR a = b THEN [] ELSE COLLECT {
         MATCH p = SHORTEST ${count} (a)((:Entity)-[:!MENTIONED_IN]-(:Entity)){1,${maxLength}}(b)
         RETURN {nodes: [n IN nodes(p) | ${entityProjection('n', selection)}], relations: [r IN relationships(p) | ${relationMap('r', relationKeys)}]}
       } END AS paths`,
      { from, to },
    );
    const row = rows[0]!;
    const paths = (row.paths as { nodes: NodeProperties[]; relations: RelationRow[] }[]).map((p) => ({
      nodes: p.nodes.map((props) => entityFromProjection(props, selection)),
      relations: p.relations.map(relationFromRow),
    }));
    paths.sort(
      (a, b) =>
        a.relations.length - b.relations.length ||
        a.nodes
          .map((n) => n.id)
          .join()
          .localeCompare(b.nodes.map((n) => n.id).join()),
    );
    return { hasFrom: row.hasFrom as boolean, hasTo: row.hasTo as boolean, paths };
  }
}
