/**
 * Cypher for the draft extractor's name look-ups: the search index's hits for a name, best
 * Lucene score first, with every name each hit is known by. Search's own ranking (stored keys,
 * cited facts, over up to 1,000 hits) orders pages for people; a draft makes dozens of look-ups
 * per document and checks each hit's names itself, so the index's top few are all it reads.
 */
import type { QueryRunner } from '../../core/db/database';
import type { KnownEntity } from '../../core/model/drafts';
import type { EntityTypeName } from '../../core/model/registry';
import { searchTerms } from '../search/lucene';

/** Index hits read before the type filter: enough that a few of the wanted types remain. */
const indexHits = 40;

export class ExtractRepository {
  constructor(private readonly db: QueryRunner) {}

  /** The best `limit` entities of `types` whose names hold the query's words (folded or transliterated, each also as a prefix). */
  async namesMatching(query: string, types: readonly EntityTypeName[], limit: number): Promise<KnownEntity[]> {
    const { lucene } = searchTerms(query);
    if (!lucene) return [];
    const rows = await this.db.read(
      `CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: toInteger($indexHits)}) YIELD node, score
       WITH node AS e, score WHERE e:Entity AND e.type IN $types
       RETURN e.id AS id, e.type AS type, e.name AS name, coalesce(e.aliases, []) + coalesce(e.nameValues, []) AS others
       ORDER BY score DESC, e.id LIMIT toInteger($limit)`,
      { lucene, types: [...types], indexHits, limit },
    );
    return rows.map((row) => ({
      id: row.id as string,
      type: row.type as EntityTypeName,
      name: row.name as string,
      names: [row.name as string, ...(row.others as string[])],
    }));
  }
}
