/**
 * Cypher for reconciliation: candidates found through the search index (the same full-text
 * query, folding and transliteration as Query.search: features/search/lucene.ts), the countries
 * a constraint names, and one entity for a preview card. A whole batch is one statement; every
 * value a client sent is a parameter.
 */
import type { Params, Row } from '../../core/db/database';
import { countryCodes } from '../../core/cypher/fragments';
import type { EntityTypeName } from '../../core/model/registry';
import { fold, transliterationKey } from '../../core/model/folding';
import { searchTerms } from '../search/lucene';

/** How the repository reads: the database's read (executeRead), with the request's signal and id. */
export type ReconcileReader = (cypher: string, params: Params) => Promise<Row[]>;

/** Index hits a query reads before its types narrow them (search reads 1000; a batch reads this per query). */
export const hitsPerQuery = 250;
/** Candidates a query scores: enough past the largest limit that every exact namesake is seen. */
export const candidatesPerQuery = 50;

export interface CandidateRow {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases: string[];
  localNames: string[];
  description: string | null;
  /** Relationships of the candidate: ties go to the one more facts name. */
  facts: number;
  /** Its countries' codes, read only when its query has a country constraint. */
  countries: string[];
}

/** One query as the statement reads it. */
export interface CandidateQuery {
  key: string;
  text: string;
  types: EntityTypeName[] | null;
  withCountries: boolean;
}

/** An entity's countries: itself for a country, else the registry's country routes (any date). */
const countriesOf = (e: string): string => `CASE WHEN ${e}:Country THEN [${e}.code] ELSE ${countryCodes(e)} END`;

const candidateProjection = (e: string, withCountries: string) => `{
    id: ${e}.id, type: ${e}.type, name: ${e}.name, aliases: coalesce(${e}.aliases, []), localNames: coalesce(${e}.nameValues, []),
    description: ${e}.description, facts: COUNT { (${e})--() },
    countries: CASE WHEN ${withCountries} THEN ${countriesOf(e)} ELSE [] END
  }`;

export class ReconcileRepository {
  constructor(private readonly read: ReconcileReader) {}

  /**
   * Each query's candidates, keyed as asked: the index's hits of its types, those holding the
   * query as a whole name or alias (folded or transliterated) first, then by the index's score.
   * A query with no word to search for (only punctuation) gets none.
   */
  async candidates(queries: readonly CandidateQuery[]): Promise<Map<string, CandidateRow[]>> {
    const searched = queries.flatMap((query) => {
      const { lucene, folded, translit } = searchTerms(query.text);
      return lucene ? [{ key: query.key, lucene, folded, translit, types: query.types, withCountries: query.withCountries }] : [];
    });
    const byKey = new Map(queries.map((query) => [query.key, [] as CandidateRow[]]));
    if (searched.length === 0) return byKey;
    const rows = await this.read(
      `UNWIND $queries AS q
       CALL (q) {
         CALL db.index.fulltext.queryNodes('entity_search', q.lucene, {limit: toInteger($hits)}) YIELD node, score
         WITH node AS e, score
         WHERE e:Entity AND (q.types IS NULL OR e.type IN q.types)
         WITH e, score, (q.folded IN e.searchKeys OR q.translit IN e.translitKeys) AS exact
         ORDER BY exact DESC, score DESC, e.id
         LIMIT toInteger($fetch)
         RETURN collect(${candidateProjection('e', 'q.withCountries')}) AS candidates
       }
       RETURN q.key AS key, candidates`,
      { queries: searched, hits: hitsPerQuery, fetch: candidatesPerQuery },
    );
    for (const row of rows) byKey.set(row.key as string, row.candidates as CandidateRow[]);
    return byKey;
  }

  /**
   * The ISO alpha-2 codes each country value names: an alpha-2 or alpha-3 code, a country id
   * (country:AF, a reconciled value), or a name or alias (English, Azerbaijani, Russian, Turkish,
   * folded or transliterated). A value naming no country names none.
   */
  async countryCodes(values: readonly string[]): Promise<Map<string, string[]>> {
    if (values.length === 0) return new Map();
    const rows = await this.read(
      `UNWIND $values AS v
       CALL (v) {
         MATCH (c:Country)
         WHERE c.code = v.upper OR c.alpha3 = v.upper OR c.id = v.raw OR v.folded IN c.searchKeys OR v.translit IN c.translitKeys
         RETURN collect(DISTINCT c.code) AS codes
       }
       RETURN v.raw AS value, codes`,
      {
        values: [...new Set(values)].map((raw) => ({
          raw,
          upper: raw.toUpperCase(),
          folded: fold(raw),
          translit: transliterationKey(raw) || null,
        })),
      },
    );
    return new Map(rows.map((row) => [row.value as string, row.codes as string[]]));
  }

  /**
   * Entities whose names start with `prefix` (suggest, as a user types), ranked as search ranks:
   * a whole-name match first, then a name starting with it (or after its first word: a surname
   * after a given name), then a name with a word starting with its first word, each in either
   * reading (folded, transliterated); within each, the entity more relations name, then the
   * index's score. `types` narrows.
   */
  async suggest(prefix: string, types: EntityTypeName[] | null, skip: number, limit: number): Promise<CandidateRow[]> {
    const { lucene, folded, translit, firstWord, translitFirstWord } = searchTerms(prefix);
    if (!lucene) return [];
    const starts = (k: string, q: string) =>
      `(${k} STARTS WITH ${q} OR (${k} CONTAINS ' ' AND substring(${k}, size(split(${k}, ' ')[0]) + 1) STARTS WITH ${q}))`;
    const rows = await this.read(
      `CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: toInteger($hits)}) YIELD node, score
       WITH node AS e, score
       WHERE e:Entity AND ($types IS NULL OR e.type IN $types)
       WITH e, score, CASE
         WHEN $folded IN e.searchKeys OR $translit IN e.translitKeys THEN 0
         WHEN any(k IN e.searchKeys WHERE ${starts('k', '$folded')}) OR any(k IN e.translitKeys WHERE ${starts('k', '$translit')}) THEN 1
         WHEN any(k IN e.searchKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $firstWord))
           OR any(k IN e.translitKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $translitFirstWord)) THEN 2
         ELSE 3 END AS bucket
       ORDER BY bucket, COUNT { (e)--() } DESC, score DESC, e.id
       SKIP toInteger($skip) LIMIT toInteger($limit)
       RETURN ${candidateProjection('e', 'false')} AS candidate`,
      { lucene, folded, translit, firstWord, translitFirstWord, types, skip, limit, hits: hitsPerQuery },
    );
    return rows.map((row) => row.candidate as CandidateRow);
  }

  /** One entity for its preview card, with its countries; null when no entity has the id. */
  async entity(id: string): Promise<CandidateRow | null> {
    const rows = await this.read(`MATCH (e:Entity {id: $id}) RETURN ${candidateProjection('e', 'true')} AS entity`, { id });
    return (rows[0]?.entity as CandidateRow | undefined) ?? null;
  }
}
