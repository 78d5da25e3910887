/**
 * Cypher for what every entity type shares: entities by id, the relations around them, and
 * keyset-paginated lists. Every query is parameterised and takes a batch of keys, so a
 * DataLoader can serve a whole GraphQL tree level with one round trip.
 */
import type { Database } from '../db/database';
import { pageFromRows, type Page, type PageRequest } from './pagination';
import { entityFromProps, relationFromRow, type EntityRecord, type EntityTypeName, type RelationRecord } from './records';

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** Which relations of one entity to load; `types` null means all. */
export interface RelationKey {
  id: string;
  direction: Direction;
  types: string[] | null;
}

export class GraphRepository {
  constructor(private readonly db: Database) {}

  /** Entities by id, in the order asked; null where an id names nothing. */
  async entitiesByIds(ids: readonly string[]): Promise<(EntityRecord | null)[]> {
    const rows = await this.db.read('MATCH (e:Entity) WHERE e.id IN $ids RETURN properties(e) AS e', { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((row) => [(row.e as { id: string }).id, entityFromProps(row.e as Record<string, unknown>)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** For each key, the relations it asks for, sorted by type, then start date, then the other end's id. */
  async relationsByKeys(keys: readonly RelationKey[]): Promise<RelationRecord[][]> {
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (n:Entity {id: key.id})
       CALL (n, key) {
         MATCH (n)-[r]->(m:Entity)
         WHERE key.direction <> 'IN' AND (key.types IS NULL OR type(r) IN key.types)
         RETURN type(r) AS type, n.id AS fromId, m.id AS toId, properties(r) AS props
         UNION ALL
         MATCH (n)<-[r]-(m:Entity)
         WHERE key.direction <> 'OUT' AND (key.types IS NULL OR type(r) IN key.types)
         RETURN type(r) AS type, m.id AS fromId, n.id AS toId, properties(r) AS props
       }
       RETURN index, collect({type: type, fromId: fromId, toId: toId, props: props}) AS relations`,
      { keys: keys.map((key) => ({ id: key.id, direction: key.direction, types: key.types })) },
    );
    const byIndex = new Map<number, RelationRecord[]>();
    for (const row of rows) {
      const relations = (row.relations as Parameters<typeof relationFromRow>[0][]).map(relationFromRow);
      relations.sort(compareRelations(keys[row.index as number]!.id));
      byIndex.set(row.index as number, relations);
    }
    return keys.map((_, index) => byIndex.get(index) ?? []);
  }

  /** One page of entities of a type, ordered by folded name then id. */
  async listEntities(type: EntityTypeName, request: PageRequest): Promise<Page<EntityRecord>> {
    const rows = await this.db.read(
      `MATCH (e:Entity {type: $type})
       WITH count(e) AS totalCount
       RETURN totalCount, COLLECT {
         MATCH (e:Entity {type: $type})
         WHERE $position IS NULL
            OR ($backwards AND (e.sortKey < $position[0] OR (e.sortKey = $position[0] AND e.id < $position[1])))
            OR (NOT $backwards AND (e.sortKey > $position[0] OR (e.sortKey = $position[0] AND e.id > $position[1])))
         WITH e ORDER BY
           CASE WHEN $backwards THEN e.sortKey END DESC, CASE WHEN $backwards THEN e.id END DESC,
           e.sortKey, e.id
         LIMIT toInteger($fetch)
         RETURN properties(e)
       } AS rows`,
      { type, position: request.position, backwards: request.backwards, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    return pageFromRows(request, (row.rows as Record<string, unknown>[]).map(entityFromProps), row.totalCount as number);
  }
}

function compareRelations(selfId: string) {
  return (a: RelationRecord, b: RelationRecord): number => {
    const other = (r: RelationRecord) => (r.fromId === selfId ? r.toId : r.fromId);
    return a.type.localeCompare(b.type) || (a.start ?? '').localeCompare(b.start ?? '') || other(a).localeCompare(other(b));
  };
}
