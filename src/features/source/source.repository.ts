/** Cypher for source documents: by id, paginated, and what each one supports. */
import type { QueryRunner } from '../../core/db/database';
import { beyondPosition, pageFromRows, walkOrder, type Page, type PageRequest } from '../../core/cypher/keyset';
import type { EntityRecord, RelationRecord, SourceRecord } from '../../core/model/records';
import { entityFromNode, relationFromRow, type NodeProperties, type RelationRow } from '../../core/model/storage';

/** A source record from a Source node's properties. */
export function sourceFromProps(props: NodeProperties): SourceRecord {
  return {
    id: props.id as string,
    title: props.title as string,
    titleSupplied: props.titleSupplied === true,
    publisher: props.publisher as string,
    published: (props.published as string | undefined) ?? null,
    retrieved: (props.retrieved as string | undefined) ?? null,
    language: props.language as string,
    url: (props.url as string | undefined) ?? null,
    text: (props.text as string | undefined) ?? null,
    translations: JSON.parse((props.translations as string | undefined) ?? '[]'),
  };
}

export class SourceRepository {
  constructor(private readonly db: QueryRunner) {}

  async sourcesByIds(ids: readonly string[]): Promise<(SourceRecord | null)[]> {
    const rows = await this.db.read('MATCH (s:Source) WHERE s.id IN $ids RETURN properties(s) AS s', { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((row) => [(row.s as { id: string }).id, sourceFromProps(row.s as NodeProperties)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Sources ordered by title then id. */
  async listSources(request: PageRequest): Promise<Page<SourceRecord>> {
    const rows = await this.db.read(
      `MATCH (s:Source)
       WITH count(s) AS totalCount
       RETURN totalCount, COLLECT {
         MATCH (s:Source)
         WHERE ${beyondPosition('s.title', 's.id', '$backwards')}
         WITH s ORDER BY ${walkOrder('s.title', 's.id', '$backwards')}
         LIMIT toInteger($fetch)
         RETURN properties(s)
       } AS rows`,
      { position: request.position, backwards: request.backwards, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    return pageFromRows(request, (row.rows as NodeProperties[]).map(sourceFromProps), row.totalCount as number);
  }

  /** For each source, the relations citing it. Every cited relation's ends are MENTIONED_IN the source, which keeps this off a full scan. */
  async statementsBySourceIds(ids: readonly string[]): Promise<RelationRecord[][]> {
    const rows = await this.db.read(
      `UNWIND $ids AS sourceId
       MATCH (:Source {id: sourceId})<-[:MENTIONED_IN]-(a:Entity)-[r]->(b:Entity)
       WHERE sourceId IN r.sourceIds
       WITH sourceId, r, a, b ORDER BY type(r), a.id, b.id
       RETURN sourceId, collect({type: type(r), fromId: a.id, toId: b.id, props: properties(r)}) AS relations`,
      { ids: [...new Set(ids)] },
    );
    const bySource = new Map(rows.map((row) => [row.sourceId as string, (row.relations as RelationRow[]).map(relationFromRow)]));
    return ids.map((id) => bySource.get(id) ?? []);
  }

  async entitiesBySourceIds(ids: readonly string[]): Promise<EntityRecord[][]> {
    const rows = await this.db.read(
      `UNWIND $ids AS sourceId
       MATCH (:Source {id: sourceId})<-[:MENTIONED_IN]-(e:Entity)
       WITH sourceId, e ORDER BY e.type, e.sortKey, e.id
       RETURN sourceId, collect(properties(e)) AS entities`,
      { ids: [...new Set(ids)] },
    );
    const bySource = new Map(rows.map((row) => [row.sourceId as string, (row.entities as NodeProperties[]).map(entityFromNode)]));
    return ids.map((id) => bySource.get(id) ?? []);
  }
}
