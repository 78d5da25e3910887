/**
 * Every Cypher statement of the exports. Each read streams (Database.streamRead): rows come in
 * the order an index gives them (entities and sources by id, changes by time), so Neo4j sorts
 * nothing large and the same dataset version exports byte for byte the same file.
 *
 * A graph export holds what the list queries would list with the same filter (for each selected
 * type, or every type), and the relations BETWEEN those entities (the subgraph they induce);
 * with asOf only relations valid then. Its sources are those its entities are mentioned in (all
 * sources when nothing is filtered).
 */
import type { Params, Row, StreamingReadTransaction } from '../../core/db/database';
import { FilterCompiler } from '../../core/cypher/filters';
import { countryMembers, existsOn, relationshipTypes, validOn } from '../../core/cypher/fragments';
import { relationTypeNames } from '../../core/model/registry';
import type { EntityRecord, RelationRecord, SourceRecord } from '../../core/model/records';
import { entityFromNode, relationFromRow, type NodeProperties, type RelationRow } from '../../core/model/storage';
import { changeFromProps, type ChangeRecord } from '../audit/audit.repository';
import { sourceFromProps } from '../source/source.repository';
import { isFiltered, type ChangeSelection, type ExportSelection } from './parameters';

/** The graph's relation types (the registry's): storage links such as MENTIONED_IN are no relations. */
const relationPattern = relationshipTypes(relationTypeNames);

/** Cypher that binds `e` to every selected entity (see the file's comment), in id order, with its parameters. */
interface SelectionCypher {
  /** Binds `a` to each selected entity, ordered by a.id. */
  match: string;
  /** True when `b` is selected too (the far end of a relation). */
  farCondition: string;
  params: Params;
}

function selectionCypher(selection: ExportSelection): SelectionCypher {
  const { country, ...rest } = selection.filter;
  const params: Params = { asOf: selection.asOf, country: country ?? null };
  const asOf = selection.asOf ? '$asOf' : null;
  const compiler = new FilterCompiler(params, asOf);
  const types = selection.types;
  const typeCondition = (e: string) => (types === null ? 'true' : types.map((type) => `${e}:${type}`).join(' OR '));
  const condition = (e: string, filter: typeof rest) =>
    [typeCondition(e), existsOn(e, asOf, types), compiler.compile(e, filter, types)]
      .filter((c) => c !== 'true')
      .map((c) => `(${c})`)
      .join(' AND ') || 'true';
  const near = condition('a', rest);
  const match = country
    ? // One country: walk out from it, as its list query does, then order the (small) set.
      `MATCH (c:Country {code: $country})
       ${countryMembers('c', 'a', types, asOf)}
       WITH DISTINCT a WHERE ${near}
       WITH a ORDER BY a.id`
    : // The id index gives the order: nothing is sorted, whatever the size.
      `MATCH (a:Entity) USING INDEX a:Entity(id)
       WHERE a.id IS NOT NULL AND ${near}`;
  return { match, farCondition: isFiltered(selection) ? condition('b', selection.filter) : 'true', params };
}

/** The relations between selected entities, ordered by from-end id, then type, to-end id and role. */
function relationsCypher(selection: ExportSelection, returns: string): { cypher: string; params: Params } {
  const { match, farCondition, params } = selectionCypher(selection);
  const valid = selection.asOf ? validOn('r', '$asOf') : 'true';
  const cypher = `${match}
     MATCH (a)-[r${relationPattern}]->(b:Entity)
     WHERE ${valid} AND ${farCondition}
     RETURN ${returns} ORDER BY a.id, type(r), b.id, r.role`;
  return { cypher, params };
}

async function* mapped<T>(rows: AsyncIterable<Row>, convert: (row: Row) => T): AsyncGenerator<T> {
  for await (const row of rows) yield convert(row);
}

/** The reads of one export, inside its one streaming read transaction. */
export class ExportRepository {
  constructor(private readonly tx: StreamingReadTransaction) {}

  entities(selection: ExportSelection): AsyncIterable<EntityRecord> {
    const { match, params } = selectionCypher(selection);
    return mapped(this.tx.stream(`${match} RETURN properties(a) AS node`, params), (row) => entityFromNode(row.node as NodeProperties));
  }

  relations(selection: ExportSelection): AsyncIterable<RelationRecord> {
    const { cypher, params } = relationsCypher(selection, 'type(r) AS type, a.id AS fromId, b.id AS toId, properties(r) AS props');
    return mapped(this.tx.stream(cypher, params), (row) => relationFromRow(row as unknown as RelationRow));
  }

  /**
   * When each source was retrieved, by source id (sources never retrieved are left out): what
   * citations.csv adds to each citation. One small row per source, not its text.
   */
  async sourcesRetrieved(): Promise<Map<string, string>> {
    const rows = await this.tx.read('MATCH (s:Source) WHERE s.retrieved IS NOT NULL RETURN s.id AS id, s.retrieved AS retrieved');
    return new Map(rows.map((row) => [row.id as string, row.retrieved as string]));
  }

  /** Every source when nothing is filtered; else the sources the selected entities are mentioned in. In id order. */
  sources(selection: ExportSelection): AsyncIterable<SourceRecord> {
    if (!isFiltered(selection)) {
      return mapped(
        this.tx.stream('MATCH (s:Source) USING INDEX s:Source(id) WHERE s.id IS NOT NULL RETURN properties(s) AS source ORDER BY s.id'),
        (row) => sourceFromProps(row.source as NodeProperties),
      );
    }
    const { match, params } = selectionCypher(selection);
    // The distinct sources, not the entities, are sorted: far fewer.
    const cypher = `CALL () { ${match} MATCH (a)-[:MENTIONED_IN]->(s:Source) RETURN DISTINCT s }
       RETURN properties(s) AS source ORDER BY s.id`;
    return mapped(this.tx.stream(cypher, params), (row) => sourceFromProps(row.source as NodeProperties));
  }

  /** The audit trail, oldest first (by time, then id), narrowed as Query.changes narrows it. */
  changes(selection: ChangeSelection): AsyncIterable<ChangeRecord> {
    const cypher = `MATCH (c:Change) USING INDEX c:Change(at)
       WHERE c.at IS NOT NULL AND ($entity IS NULL OR $entity IN c.entityIds) AND ($by IS NULL OR c.by = $by) AND ($since IS NULL OR c.at >= $since)
       RETURN properties(c) AS change ORDER BY c.at, c.id`;
    return mapped(this.tx.stream(cypher, { ...selection }), (row) => changeFromProps(row.change as Record<string, unknown>));
  }
}

/**
 * What the dataset version hashes, one statement per part, each streamed in whatever order Neo4j
 * likes (the hash does not depend on order): every entity's properties, every relation between
 * entities, every source and every claim (claims decide what is disputed).
 */
export const contentStatements: readonly { part: string; cypher: string }[] = [
  { part: 'entity', cypher: 'MATCH (e:Entity) RETURN properties(e) AS item' },
  { part: 'relation', cypher: `MATCH (a:Entity)-[r${relationPattern}]->(b:Entity) RETURN [type(r), a.id, b.id, properties(r)] AS item` },
  // When a source was imported is not content: the same bundles imported again hash the same.
  { part: 'source', cypher: 'MATCH (s:Source) RETURN s {.*, importedAt: null} AS item' },
  { part: 'claim', cypher: 'MATCH (c:Claim) RETURN properties(c) AS item' },
];

/**
 * The newest write: the audit trail's newest change, or the newest import of a source's content
 * (Source.importedAt: a write through the ingest library with no audit hook, as tests and
 * benchmarks make, records no change). Each is the top of an index, no scan; null when neither
 * has any.
 */
export async function lastRecordedChange(tx: StreamingReadTransaction): Promise<string | null> {
  const rows = await tx.read(
    `CALL () {
       MATCH (c:Change) USING INDEX c:Change(at) WHERE c.at IS NOT NULL RETURN c.at AS at ORDER BY c.at DESC LIMIT 1
       UNION
       MATCH (s:Source) USING INDEX s:Source(importedAt) WHERE s.importedAt IS NOT NULL RETURN s.importedAt AS at ORDER BY s.importedAt DESC LIMIT 1
     }
     RETURN max(at) AS at`,
  );
  return (rows[0]?.at as string | null | undefined) ?? null;
}
