/**
 * Cypher for exploring the graph: full-text search, neighbourhoods, shortest paths, timelines,
 * partners and dashboard aggregates. Search, network and paths are one bounded query each;
 * partners take a batch of ids (a DataLoader calls it once per tree level). Every value a client
 * sent is a parameter; the only generated text is fixed fragments and validated small integers
 * (path length and count), which Cypher does not accept as parameters.
 */
import type { QueryRunner } from '../../core/db/database';
import { FilterCompiler, type EntityFilter } from '../../core/cypher/filters';
import {
  beyondPosition,
  compareEdges,
  walkOrder,
  countryCondition,
  countryMembers,
  countryReaches,
  countryWays,
  relationshipTypes,
  dateLe,
  entityDate,
  existsOn,
  validOn,
} from '../../core/cypher/fragments';
import { pageFromRows, type Page, type PageRequest, type SortValue } from '../../core/graphql/pagination';
import type { EntityRecord, EntityTypeName, RelationRecord } from '../../core/model/records';
import {
  countryRoutes,
  datedTypes,
  entitySpec,
  entityTypeNames,
  relationTypeNames,
  type RelationTypeName,
} from '../../core/model/registry';
import { entityFromNode, relationFromRow, relationRowProjection, type NodeProperties, type RelationRow } from '../../core/model/storage';
import { searchTerms } from './lucene';
import { singleKey } from '../analytics/dimensions';
import { quantityTotals } from '../analytics/quantities';
import type { QuantityTotals } from './values';
import type { EntitySelection } from '../../core/graphql/entity-selection';
import { entityProjection } from '../../core/cypher/projection';
import {
  directPartnerLinks,
  isActor,
  isFact,
  isStaff,
  partnerLinks,
  partnerOf,
  partnerPositionSeparator,
  partnerRank,
} from '../../core/cypher/partners';
import { entityFromProjection } from '../entity/prefetched';

/** The most hits a search ranks; totalCount never exceeds it. */
export const searchHitCap = 1000;
/** Rows one network level may expand before it is cut (reported as truncated). */
export const networkExpandCap = 5000;

export interface SearchHit {
  entity: EntityRecord;
  sortValue: SortValue;
}

export interface NetworkResult {
  found: boolean;
  nodes: EntityRecord[];
  edges: RelationRecord[];
  truncated: boolean;
}

export interface PathRecord {
  nodes: EntityRecord[];
  relations: RelationRecord[];
}

export interface TimelineRow {
  entity: EntityRecord;
  date: string;
}

export interface PartnershipRecord {
  partner: EntityRecord;
  /** At most the key's linksFirst, by type, from and to. */
  links: RelationRecord[];
  linkCount: number;
  facts: number;
  /** Fewest-facts-last rank and folded name: what the cursor holds. */
  sortValue: string;
}

/** One page of an entity's partners: its id, the date asked about, the page, and how many links each partner shows. */
export interface PartnersKey {
  id: string;
  asOf: string | null;
  page: PageRequest;
  linksFirst: number;
}

interface PartnershipRow {
  partner: NodeProperties;
  k: string;
  facts: number;
  linkCount: number;
  links: RelationRow[];
}

function partnershipFromRow(row: PartnershipRow): PartnershipRecord {
  return {
    partner: entityFromNode(row.partner),
    links: row.links.map(relationFromRow),
    linkCount: row.linkCount,
    facts: row.facts,
    sortValue: row.k,
  };
}

/** Each key's page from rows carrying the key's index; a key without a row (an unknown id) has no partners. */
function pagesByIndex(keys: readonly PartnersKey[], rows: Record<string, unknown>[]): Page<PartnershipRecord>[] {
  const byIndex = new Map(rows.map((row) => [row.index as number, row]));
  return keys.map((key, index) => {
    const row = byIndex.get(index);
    const page = ((row?.page as PartnershipRow[] | undefined) ?? []).map(partnershipFromRow);
    return pageFromRows(key.page, page, (row?.totalCount as number | undefined) ?? 0);
  });
}

/**
 * Every link between `self`'s `actors` and a partner valid on `asOf` (null: any time), as rows
 * of (partner, fact, rels): through a dated fact or an association, or a direct membership or
 * accreditation, with the validity of every relation on the way and of both ends checked. One
 * definition for counting partners and for walking the links of a page of them.
 */
const datedPartnerLinks = `CALL (actors, asOf) {
             UNWIND actors AS a
             MATCH (a)-[r1${partnerLinks}]-(f:Entity)-[r2${partnerLinks}]-(o:Entity)
             WHERE r1 <> r2 AND NOT o IN actors AND NOT f IN actors
               AND (f.type IN $factTypes OR f.kind = 'ASSOCIATION')
               AND ${validOn('r1', 'asOf')} AND ${validOn('r2', 'asOf')} AND ${existsOn('f', 'asOf')} AND ${existsOn('o', 'asOf')}
             ${partnerOf('o', 'asOf')}
             WITH partner, f, r1, r2, via WHERE NOT partner IN actors
             RETURN partner, f AS fact, [x IN [r1, r2, via] WHERE x IS NOT NULL] AS rels
             UNION ALL
             UNWIND actors AS a
             MATCH (a)-[r${directPartnerLinks}]-(partner:Entity)
             WHERE (partner:Agency OR partner:Country) AND NOT partner IN actors AND ${validOn('r', 'asOf')}
             RETURN partner, r AS fact, [r] AS rels
           }
           WITH self, partner, fact, rels
           WHERE NOT (self:Country AND EXISTS { (partner)-[:BASED_IN]->(self) }) AND NOT EXISTS { (self)-[:BASED_IN]->(partner) }`;

export interface StatsFilter {
  country?: string | null;
  from?: string | null;
  to?: string | null;
  asOf?: string | null;
  idPrefix?: string | null;
}

/** The dashboard's aggregates, each one statement. */
export const statsParts = [
  'entitiesByType',
  'relationsByType',
  'memorandaByYear',
  'trainings',
  'centresByModelAgency',
  'memorandumCountryYears',
  'trainingCountryYears',
  'factsByCountry',
] as const;

/** A count and, of it, the disputed items: their date is disputed, or every relation they were counted through is. */
export interface DisputedCount {
  count: number;
  disputed: number;
}

export interface StatsRows {
  entitiesByType: ({ key: string } & DisputedCount)[];
  relationsByType: ({ key: string } & DisputedCount)[];
  memorandaByYear: ({ key: string } & DisputedCount)[];
  /** Per recipient country ('unknown': none), with its trainings' stated quantities added up by attribute (count, participants). */
  trainings: ({ code: string; name: string; totals: Record<string, QuantityTotals> } & DisputedCount)[];
  centresByModelAgency: ({ key: string; label: string } & DisputedCount)[];
  /** year null: no date stated. */
  memorandumCountryYears: ({ code: string; year: number | null } & DisputedCount)[];
  trainingCountryYears: ({ code: string; year: number | null } & DisputedCount)[];
  /** type: the entity type name (Memorandum). */
  factsByCountry: ({ code: string; name: string; type: EntityTypeName; undated: number } & DisputedCount)[];
}

const relationMap = relationRowProjection;

/** Dated types the registry gives a country: what factsByCountry counts. */
const countryFactTypes = datedTypes.filter((type) => countryRoutes(type).length > 0);

/**
 * True when sources give competing values for `e`'s date: a disputed Claim on the date attribute
 * of its type (one of `types`). An index seek on the claim's subject, no scan.
 */
function dateDisputed(e: string, types: readonly EntityTypeName[]): string {
  const dated = types.filter((type) => entitySpec(type).dated);
  if (dated.length === 0) return 'false';
  const attribute = (type: EntityTypeName) => `'${entitySpec(type).dated!.attribute}'`;
  // One property to compare, chosen by label: a condition per type would be planned as one index seek per type.
  const property =
    dated.length === 1 ? attribute(dated[0]!) : `CASE ${dated.map((type) => `WHEN ${e}:${type} THEN ${attribute(type)}`).join(' ')} END`;
  const exists = `EXISTS { MATCH (dc:Claim {subjectId: ${e}.id}) WHERE dc.disputed AND dc.property = ${property} }`;
  // Among several types, the label test first spares undated kinds (agencies, people) the seek.
  return types.length === 1 ? exists : `(${e}:${dated.join('|')} AND ${exists})`;
}

/**
 * One row per fact `e` and country `c` it reaches (`reaches`: a countryReaches list), with
 * `disputed`: its date is disputed, or every way it reaches `c` is. With `keepNone` a fact that
 * reaches no country gives one row with `c` null.
 */
function perCountry(e: string, types: readonly EntityTypeName[], reaches: string, keepNone: boolean): string {
  const list = keepNone ? 'CASE WHEN size(reaches) = 0 THEN [null] ELSE reaches END' : 'reaches';
  return `WITH ${e}, ${dateDisputed(e, types)} AS dateDisputed, ${reaches} AS reaches
         UNWIND ${list} AS reach
         WITH ${e}, dateDisputed, reach.country AS c, collect(reach.disputed) AS routes
         WITH ${e}, c, dateDisputed OR (c IS NOT NULL AND all(d IN routes WHERE d)) AS disputed`;
}

/** The disputed items' keys when nothing is filtered, found from the disputed claims (few) rather than a scan of every entity or relation. */
const disputedKeys = {
  entitiesByType: `MATCH (dc:Claim) WHERE dc.disputed
         WITH DISTINCT dc.subjectId AS id
         MATCH (e:Entity {id: id}) WHERE ${dateDisputed('e', datedTypes)}
         RETURN collect(e.type) AS disputedKeys`,
  // Exactly the relations markDisputes marks: those carrying a disputed claim's subject and property.
  relationsByType: `MATCH (dc:Claim) WHERE dc.disputed
         WITH DISTINCT dc.subjectId AS id, dc.property AS property
         MATCH (:Entity {id: id})-[r]-(:Entity) WHERE r.claimSubject = id AND r.claimProperty = property AND r.disputed
         WITH DISTINCT r
         RETURN collect(type(r)) AS disputedKeys`,
};

/**
 * Counts per type with no filter, read from Neo4j's count store (one lookup per type, no scan):
 * the same answer as counting every entity, since every registry relation joins two entities.
 * Types with no entity or relation are left out, as a scan would leave them out.
 */
function storedCounts(types: readonly string[], pattern: (type: string) => string, name: keyof typeof disputedKeys): string {
  const counts = [...types]
    .sort()
    .map((type) => `{key: '${type}', count: COUNT { MATCH ${pattern(type)} }}`)
    .join(',\n         ');
  return `CALL () {
         ${disputedKeys[name]}
       }
       RETURN [c IN [
         ${counts}
       ] WHERE c.count > 0 | c {.key, .count, disputed: size([k IN disputedKeys WHERE k = c.key])}] AS ${name}`;
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

/**
 * The keyset page of `list`, whose entries {e, <key>} are already in walk order (sorted before
 * they were collected), bound as `out`: [{props: e projected for `selection`, <key>}], at most
 * $fetch entries beyond $position. A slice of the list: a sort inside a subquery importing the
 * list would make Neo4j count the whole list once for every row the sort keeps (200 MB for a
 * page of 100 of a hub country's 5,700 timeline facts at 100k).
 */
function pageOfWalk(list: string, key: string, out: string, selection: EntitySelection): string {
  return `WITH *, [h IN ${list} WHERE ${beyondPosition(`h.${key}`, 'h.e.id', '$backwards')}][..toInteger($fetch)] AS shown
       CALL (shown) {
         UNWIND shown AS h
         WITH h.e AS e, h.${key} AS ${key}
         RETURN collect({props: ${entityProjection('e', selection)}, ${key}: ${key}}) AS ${out}
       }`;
}

export class ExploreRepository {
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

  /**
   * One page of the dated facts (events, memoranda, awards, centres, trainings, statistics)
   * around an entity and/or of a country, walked by (date, id): the stored date string sorts a
   * year before its months, as the timeline documents. `found` is false when the entity asked
   * about does not exist.
   */
  async timeline(
    entity: string | null,
    country: string | null,
    from: string | null,
    to: string | null,
    request: PageRequest,
    selection: EntitySelection,
  ): Promise<Page<TimelineRow> & { found: boolean }> {
    const date = entityDate('e', datedTypes);
    const dated = `${date} IS NOT NULL
         AND e.type IN $datedTypes
         AND ($from IS NULL OR ${dateLe('$from', date)})
         AND ($to IS NULL OR ${dateLe(date, '$to')})`;
    const conditions = `${dated} AND ($country IS NULL OR ${countryCondition('e', '$country', null, datedTypes)})`;
    // The candidates are sorted in walk order and collected as references, so the count and the
    // page (a slice of that list, see pageOfWalk) come from one walk.
    const sorted = `WITH e, ${date} AS d ORDER BY ${walkOrder('d', 'e.id', '$backwards')}
           WITH collect({e: e, d: d}) AS hits`;
    const page = pageOfWalk('hits', 'd', 'rows', selection);
    const cypher =
      entity === null && country !== null
        ? // A country's facts: walk out from the country, not test every entity against it.
          `OPTIONAL MATCH (c:Country {code: $country})
           CALL (c) {
             WITH c WHERE c IS NOT NULL
             ${countryMembers('c', 'e', datedTypes, null)}
             RETURN DISTINCT e
           }
           WITH e WHERE ${dated}
           ${sorted}
           ${page}
           RETURN true AS found, size(hits) AS totalCount, rows`
        : entity === null
          ? `MATCH (e:Entity) WHERE ${dated}
           ${sorted}
           ${page}
           RETURN true AS found, size(hits) AS totalCount, rows`
          : `OPTIONAL MATCH (x:Entity {id: $entity})
           CALL (x) {
             WITH x WHERE x IS NOT NULL
             CALL (x) { RETURN x AS e UNION MATCH (x)--(e:Entity) RETURN DISTINCT e }
             WITH e WHERE ${conditions}
             ${sorted}
             RETURN hits
           }
           ${page}
           RETURN x IS NOT NULL AS found, size(hits) AS totalCount, rows`;
    const rows = await this.db.read(cypher, {
      entity,
      country,
      from,
      to,
      datedTypes,
      position: request.position,
      backwards: request.backwards,
      fetch: request.limit + 1,
    });
    const row = rows[0]!;
    const fetched = (row.rows as { props: NodeProperties; d: string }[]).map((r) => ({
      entity: entityFromProjection(r.props, selection),
      date: r.d,
    }));
    return { found: row.found as boolean, ...pageFromRows(request, fetched, row.totalCount as number) };
  }

  /**
   * For each key, one page of the countries and agencies linked to its entity (a country or an
   * agency; see core/cypher/partners.ts), most linking facts first, then by folded name and id,
   * with the total count; each partner with at most `linksFirst` of the relations that link
   * them (by type, from, to) and how many there are. Without `asOf` the page comes from the
   * partner ranks the writer keeps (one index seek, at most two statements per batch); with
   * `asOf` it is counted at read time.
   */
  async partnersByKeys(keys: readonly PartnersKey[]): Promise<Page<PartnershipRecord>[]> {
    const ranked = keys.filter((key) => key.asOf === null);
    const dated = keys.filter((key) => key.asOf !== null);
    const [rankedPages, datedPages] = await Promise.all([this.rankedPartners(ranked), this.countedPartners(dated)]);
    return keys.map((key) => (key.asOf === null ? rankedPages : datedPages).shift()!);
  }

  /**
   * Pages of stored partner ranks: an index seek on (self, position) from the cursor, the total
   * an index count, and only the page's partners' links: for a country walked from each
   * partner's side (its own, its staff's and its centres' relations), for an agency from the
   * agency and its staff; a hub's other partners are never touched.
   */
  async rankedPartners(keys: readonly PartnersKey[]): Promise<Page<PartnershipRecord>[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (self:Entity {id: key.id})
       CALL (key) {
         MATCH (p:PartnerRank) WHERE p.self = key.id AND p.position > key.after
         // Ordered by the whole index key, so Neo4j reads the page off the index and stops.
         WITH p ORDER BY p.self, p.position LIMIT toInteger($fetch)
         WITH key, collect(p) AS ranks
         RETURN ranks[..key.fetch] AS ranks
       }
       CALL (self, key, ranks) {
         CALL (self, ranks) {
           // A country's actors are thousands: each page partner's links are walked from the partner.
           WITH self, ranks WHERE self:Country
           UNWIND ranks AS p
           MATCH (partner:Entity {id: p.partner})
           CALL (self, partner) {
             CALL (partner) {
               RETURN partner AS o, null AS via
               UNION ALL
               MATCH (o:Person)-[via:HOLDS_POSITION]->(partner) RETURN o, via
               UNION ALL
               MATCH (o:ServiceCenter)-[via:OPERATED_BY]->(partner) RETURN o, via
             }
             WITH self, o, via WHERE NOT ${isStaff('o', 'self')}
             MATCH (o)-[r2${partnerLinks}]-(f:Entity)-[r1${partnerLinks}]-(a:Entity)
             WHERE r1 <> r2 AND ${isFact('f', 'self')} AND ${isActor('a', 'self')}
             RETURN [x IN [r1, r2, via] WHERE x IS NOT NULL] AS rels
             UNION ALL
             MATCH (partner)-[r${directPartnerLinks}]-(a:Entity) WHERE ${isActor('a', 'self')}
             RETURN [r] AS rels
           }
           RETURN p.partner AS pid, rels
           UNION ALL
           // An agency's actors are itself and its staff, often fewer facts than a hub partner
           // has: one walk from them finds the links of every page partner.
           WITH self, ranks WHERE self:Agency
           WITH self, [p IN ranks | p.partner] AS ids, [self] + COLLECT { MATCH (s:Person)-[:HOLDS_POSITION]->(self) RETURN DISTINCT s } AS actors
           CALL (self, ids, actors) {
             UNWIND actors AS a
             MATCH (a)-[r1${partnerLinks}]-(f:Entity)-[r2${partnerLinks}]-(o:Entity)
             // The actors are a short list here: membership in it is what isFact and isStaff test.
             WHERE r1 <> r2 AND (f.type IN $factTypes OR f.kind = 'ASSOCIATION') AND NOT f IN actors AND NOT o IN actors
             ${partnerOf('o')}
             WITH partner, r1, r2, via WHERE partner.id IN ids
             RETURN partner.id AS pid, [x IN [r1, r2, via] WHERE x IS NOT NULL] AS rels
             UNION ALL
             UNWIND actors AS a
             MATCH (a)-[r${directPartnerLinks}]-(partner:Entity) WHERE partner.id IN ids
             RETURN partner.id AS pid, [r] AS rels
           }
           RETURN pid, rels
         }
         UNWIND rels AS l
         WITH key, pid, collect(DISTINCT l) AS links
         // The first links of the batch's widest linksFirst are kept (a top-k sort), then each key's own.
         CALL (links, key) {
           UNWIND links AS l
           WITH l ORDER BY type(l), startNode(l).id, endNode(l).id LIMIT toInteger($linksFirst)
           WITH key, collect(${relationMap('l')}) AS shown
           RETURN shown[..key.linksFirst] AS shown
         }
         RETURN collect({pid: pid, linkCount: size(links), shown: shown}) AS linked
       }
       // The ranks are in page order already: the page is built from the list, with no sort of
       // rows that each carry every partner's links (Neo4j would count them once per row).
       // Each partner and its links are looked up once; a rank whose partner is gone is left out.
       RETURN index, [row IN [p IN ranks | {
         partner: head(COLLECT { MATCH (partner:Entity {id: p.partner}) RETURN properties(partner) }),
         k: p.rank, facts: p.facts, l: head([x IN linked WHERE x.pid = p.partner])
       }] WHERE row.partner IS NOT NULL | {partner: row.partner, k: row.k, facts: row.facts, linkCount: coalesce(row.l.linkCount, 0), links: coalesce(row.l.shown, [])}] AS page,
         COUNT { MATCH (c:PartnerRank) WHERE c.self = key.id AND c.position > '' } AS totalCount`,
      {
        keys: keys.map((key) => ({
          id: key.id,
          after: key.page.position === null ? '' : `${key.page.position[0]}${partnerPositionSeparator}${key.page.position[1]}`,
          fetch: key.page.limit + 1,
          linksFirst: key.linksFirst,
        })),
        fetch: Math.max(...keys.map((key) => key.page.limit + 1)),
        linksFirst: Math.max(...keys.map((key) => key.linksFirst)),
        factTypes: datedTypes,
      },
    );
    return pagesByIndex(keys, rows);
  }

  /**
   * Partners counted at read time, on `asOf` (the validity of every relation on the way is
   * checked) or, without it, over all time: what the stored ranks must always equal (the
   * integration tests compare the two).
   */
  async countedPartners(keys: readonly PartnersKey[]): Promise<Page<PartnershipRecord>[]> {
    if (keys.length === 0) return [];
    // Counted first, links walked for the page's partners only: collecting every partner's
    // links (a hub country has 100k partners at 1M entities) went past the transaction memory.
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (self:Entity {id: key.id})
       CALL (self, key) {
         WITH self, key.asOf AS asOf
         WITH self, asOf,
              CASE WHEN self:Country THEN [self] + COLLECT { MATCH (ag:Agency)-[b:BASED_IN]->(self) WHERE ${validOn('b', 'asOf')} RETURN ag } ELSE [self] END AS orgs
         WITH self, asOf, orgs + COLLECT { UNWIND orgs AS org MATCH (p:Person)-[h:HOLDS_POSITION]->(org) WHERE ${validOn('h', 'asOf')} RETURN DISTINCT p } AS actors
         CALL (self, actors, asOf) {
           ${datedPartnerLinks}
           UNWIND rels AS rel
           WITH partner, count(DISTINCT fact) AS facts, count(DISTINCT rel) AS linkCount
           RETURN collect({partner: partner, facts: facts, linkCount: linkCount, k: ${partnerRank('facts', 'partner.sortKey')}}) AS partners
         }
         // LIMIT cannot read a per-key value, so the ordered list is sliced instead.
         WITH self, asOf, actors, size(partners) AS totalCount, COLLECT {
           UNWIND partners AS p
           WITH p WHERE ${beyondPosition('p.k', 'p.partner.id', 'false', 'key.position')}
           WITH p ORDER BY p.k, p.partner.id
           RETURN p
         }[..key.fetch] AS pageRows
         CALL (self, actors, asOf, pageRows) {
           WITH self, actors, asOf, [p IN pageRows | p.partner] AS shownPartners
           CALL (self, actors, asOf, shownPartners) {
             ${datedPartnerLinks}
             WITH partner, rels WHERE partner IN shownPartners
             UNWIND rels AS l
             RETURN partner, l
           }
           WITH partner, l ORDER BY type(l), startNode(l).id, endNode(l).id
           WITH partner, collect(DISTINCT ${relationMap('l')}) AS links
           RETURN collect({id: partner.id, links: links}) AS walked
         }
         UNWIND CASE WHEN size(pageRows) = 0 THEN [null] ELSE pageRows END AS p
         WITH totalCount, p, head([w IN walked WHERE w.id = p.partner.id]) AS w
         RETURN totalCount, collect(CASE WHEN p IS NOT NULL THEN {partner: properties(p.partner), k: p.k, facts: p.facts, linkCount: p.linkCount, links: coalesce(w.links, [])[..key.linksFirst]} END) AS page
       }
       RETURN index, totalCount, page`,
      {
        keys: keys.map((key) => ({
          id: key.id,
          asOf: key.asOf,
          position: key.page.position,
          fetch: key.page.limit + 1,
          linksFirst: key.linksFirst,
        })),
        factTypes: datedTypes,
      },
    );
    return pagesByIndex(keys, rows);
  }

  /**
   * The aggregates of the dashboard named in `parts` (all by default), each one statement; the
   * others come back empty. Keys, grouping and counts here, quantity sums in the caller.
   */
  async stats(filter: StatsFilter, parts: ReadonlySet<keyof StatsRows> = new Set(statsParts)): Promise<StatsRows> {
    const params: Record<string, unknown> = { asOf: filter.asOf ?? null };
    const blocks = statsStatements(filter, params);
    // One query per aggregate, run side by side: each plans fast, where one query of seven
    // subqueries (each with the country filter's subqueries) takes the planner seconds.
    const asked = statsParts.filter((part) => parts.has(part));
    const results = await Promise.all(asked.map((part) => this.db.read(blocks[part], params)));
    const empty = Object.fromEntries(statsParts.map((part) => [part, []]));
    return Object.assign(empty, ...results.map((result) => result[0])) as StatsRows;
  }
}

/** Each dashboard aggregate's statement, with the filter compiled into `params`. */
function statsStatements(filter: StatsFilter, params: Record<string, unknown>): Record<keyof StatsRows, string> {
  const entityFilter: EntityFilter = { country: filter.country, from: filter.from, to: filter.to, idPrefix: filter.idPrefix };
  // Without asOf no date condition is written (the planner cannot drop `$asOf IS NULL OR ...`).
  const asOf = filter.asOf ? '$asOf' : null;
  const compiler = new FilterCompiler(params, asOf);
  if (filter.country) params.country = filter.country;
  // A country's entities are found walking out from it, not by testing every entity against it
  // (countryMembers binds one type by its label, several as any Entity).
  const match = (types: readonly EntityTypeName[] | null) =>
    filter.country
      ? `MATCH (fc:Country {code: $country})
         ${countryMembers('fc', 'e', types, asOf)}
         WITH DISTINCT e WHERE ${types && types.length > 1 ? `e:${types.join('|')} AND ` : ''}${existsOn('e', asOf, types)} AND ${compiler.compile('e', { ...entityFilter, country: null }, types)}`
      : `MATCH (e:${types ? types.join('|') : 'Entity'}) WHERE ${existsOn('e', asOf, types)} AND ${compiler.compile('e', entityFilter, types)}`;
  const valid = (r: string) => validOn(r, asOf);
  // Every country's facts, walking out from each country once: each fact's relationships would
  // otherwise be read once per route, and a hub agency's again for every fact that names it.
  const everyCountry = (types: readonly EntityTypeName[]) => `CALL () {
         MATCH (c:Country)
         ${countryWays('c', 'e', types, asOf)}
         WITH c, e, all(d IN collect(disputed) WHERE d) AS waysDisputed
         WHERE ${existsOn('e', asOf, types)} AND ${compiler.compile('e', entityFilter, types)}
         RETURN c, e, waysDisputed OR ${dateDisputed('e', types)} AS disputed
       }`;
  // Facts a filter narrows down (one country's, a date range's) are few, and routes that must
  // start with a given relation (a training's recipients) pass through few of the located
  // entities a walk from the countries would read: then each fact walks to its countries.
  const narrowed = Boolean(filter.country || filter.from || filter.to || filter.idPrefix);
  const reaching = (types: readonly EntityTypeName[], keepNone: boolean, first: readonly RelationTypeName[] | null = null) =>
    narrowed || keepNone || first
      ? `${match(types)}
         ${perCountry('e', types, countryReaches('e', types, asOf, first), keepNone)}`
      : everyCountry(types);
  // The analytics YEAR dimension's key as a number: its missing key ('undated') is none, the cell with year null.
  const year = (type: EntityTypeName) => `toInteger(${singleKey('YEAR', 'e', type)})`;
  const countYears = (type: EntityTypeName, name: string, first: readonly RelationTypeName[] | null) => `${reaching([type], false, first)}
         WITH c.code AS code, ${year(type)} AS year, count(e) AS count, count(CASE WHEN disputed THEN 1 END) AS disputed
         RETURN collect({code: code, year: year, count: count, disputed: disputed}) AS ${name}`;
  const unfiltered = Object.values({ ...entityFilter, asOf: filter.asOf }).every((value) => value === null || value === undefined);
  return {
    entitiesByType: unfiltered
      ? storedCounts(entityTypeNames, (type) => `(e:${type})`, 'entitiesByType')
      : `${match(null)}
         WITH e.type AS key, count(*) AS count, count(CASE WHEN ${dateDisputed('e', datedTypes)} THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS entitiesByType`,
    relationsByType: unfiltered
      ? storedCounts(relationTypeNames, (type) => `()-[r:${type}]->()`, 'relationsByType')
      : `${match(null)}
         MATCH (e)-[r]->(:Entity) WHERE ${valid('r')}
         WITH type(r) AS key, count(*) AS count, count(CASE WHEN r.disputed THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS relationsByType`,
    memorandaByYear: `${match(['Memorandum'])}
         WITH ${singleKey('YEAR', 'e', 'Memorandum')} AS key, count(*) AS count, count(CASE WHEN ${dateDisputed('e', ['Memorandum'])} THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS memorandaByYear`,
    trainings: `${reaching(['Training'], true, ['TRAINED'])}
         WITH c, count(e) AS count, count(CASE WHEN disputed THEN 1 END) AS disputed, ${quantityTotals('e', 'Training')} AS totals ORDER BY c.code
         RETURN collect({code: coalesce(c.code, 'unknown'), name: coalesce(c.name, 'unknown'), count: count, disputed: disputed, totals: totals}) AS trainings`,
    centresByModelAgency: `${match(['ServiceCenter'])}
         MATCH (e)-[m:MODELLED_ON]->(a:Entity) WHERE ${valid('m')}
         WITH a, e, collect(coalesce(m.disputed, false)) AS ways
         WITH a, count(e) AS count, count(CASE WHEN ${dateDisputed('e', ['ServiceCenter'])} OR all(d IN ways WHERE d) THEN 1 END) AS disputed ORDER BY a.id
         RETURN collect({key: a.id, label: a.name, count: count, disputed: disputed}) AS centresByModelAgency`,
    memorandumCountryYears: countYears('Memorandum', 'memorandumCountryYears', null),
    trainingCountryYears: countYears('Training', 'trainingCountryYears', ['TRAINED']),
    factsByCountry: `${reaching(countryFactTypes, false)}
         WITH c, e.type AS type, count(e) AS count, count(CASE WHEN ${entityDate('e', countryFactTypes)} IS NULL THEN 1 END) AS undated,
              count(CASE WHEN disputed THEN 1 END) AS disputed ORDER BY c.code, type
         RETURN collect({code: c.code, name: c.name, type: type, count: count, undated: undated, disputed: disputed}) AS factsByCountry`,
  };
}
