/**
 * Cypher for full-text search: the index finds the hits (lucene.ts), ranked on what is stored, in
 * one bounded query. Every value a client sent is a parameter.
 */
import type { QueryRunner } from '../../core/db/database';
import { relationshipTypes } from '../../core/cypher/fragments';
import { entityFromProjection } from '../entity/prefetched';
import { pageOfWalk } from '../../core/cypher/walk-page';
import type { EntitySelection } from '../../core/cypher/projection';
import { pageFromRows, walkOrder, type Page, type PageRequest, type SortValue } from '../../core/cypher/keyset';
import type { EntityRecord, EntityTypeName } from '../../core/model/records';
import { relationTypeNames } from '../../core/model/registry';
import type { NodeProperties } from '../../core/model/storage';
import { searchTerms } from './lucene';

/** The most hits a search ranks; totalCount never exceeds it. */
export const searchHitCap = 1000;

export interface SearchHit {
  entity: EntityRecord;
  sortValue: SortValue;
}

/** Relationship types that state a fact about an entity (every registry relation, each cited): what search ranks by. */
const factLinks = relationshipTypes(relationTypeNames);

/**
 * Key `k` starts with `q`, or does after its first word: a surname after a given name (Mehdiyev
 * in "ulvi mehdiyev"), a name after an article or a country ("the", "efqanistanin"). A title
 * that mentions the name further in ("meeting of ulvi mehdiyev and ...") does not.
 */
const namePrefix = (k: string, q: string): string =>
  `(${k} STARTS WITH ${q} OR (${k} CONTAINS ' ' AND substring(${k}, size(split(${k}, ' ')[0]) + 1) STARTS WITH ${q}))`;

/**
 * A search hit's rank as one string, from its stored keys and the search terms ($folded,
 * $translit, $firstWord, $translitFirstWord, $translitWords): match bucket (0 a key equals the
 * query; 1 a key starts with it, or does after its first word; 2 a key word starts with its
 * first word; 3 other), cited facts most first (inverted, zero-padded), query words held whole
 * most first, folded name. Facts are counted on the typed relationships, from the degree store.
 */
const searchRank = (e: string): string => `toString(CASE
         WHEN $folded IN ${e}.searchKeys OR $translit IN ${e}.translitKeys THEN 0
         WHEN any(k IN ${e}.searchKeys WHERE ${namePrefix('k', '$folded')}) OR any(k IN ${e}.translitKeys WHERE ${namePrefix('k', '$translit')}) THEN 1
         WHEN any(k IN ${e}.searchKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $firstWord))
           OR any(k IN ${e}.translitKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $translitFirstWord)) THEN 2
         ELSE 3 END)
       + ':' + right('0000000000' + toString(1000000000 - COUNT { (${e})-[${factLinks}]-() }), 10)
       + ':' + toString(9 - size([w IN $translitWords WHERE any(k IN ${e}.translitKeys WHERE w IN split(k, ' '))]))
       + ':' + ${e}.sortKey`;

export class SearchRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Ranked full-text matches. The index finds the hits (lucene.ts); they are ranked on what is
   * stored, never on Lucene's score, which moves whenever any entity is written (deleted
   * documents stay in its statistics until a merge), so a cursor holding it would skip or
   * repeat hits: a key equal to the query first (folded or transliterated), then a key starting
   * with it (or after its first word), then a key word starting with its first word, then the
   * rest; within each, the
   * entity with more cited facts (the one a short name most likely means), then the one whose
   * keys hold more of the query's words whole; ties by folded name and id. The sort value (the
   * cursor) is that rank as one comparable string.
   */
  async search(text: string, types: EntityTypeName[] | null, request: PageRequest, selection: EntitySelection): Promise<Page<SearchHit>> {
    const { lucene, ...terms } = searchTerms(text);
    if (!lucene) return pageFromRows(request, [], 0);
    const rows = await this.db.read(
      `CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: toInteger($cap)}) YIELD node
       WITH node AS e
       WHERE e:Entity AND ($types IS NULL OR e.type IN $types)
       WITH e, ${searchRank('e')} AS k ORDER BY ${walkOrder('k', 'e.id', '$backwards')}
       WITH collect({e: e, k: k}) AS hits
       ${pageOfWalk('hits', 'k', 'page', selection)}
       RETURN size(hits) AS totalCount, page`,
      { lucene, ...terms, cap: searchHitCap, types, position: request.position, backwards: request.backwards, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    const page = (row.page as { props: NodeProperties; k: string }[]).map((hit) => ({
      entity: entityFromProjection(hit.props, selection),
      sortValue: hit.k,
    }));
    return pageFromRows(request, page, row.totalCount as number);
  }
}
