/**
 * Cypher for the partners of countries and agencies (see core/cypher/partners.ts): read from the
 * partner ranks the writer keeps, or counted at read time on a date. Each takes a batch of keys
 * (a DataLoader calls it once per tree level); every value a client sent is a parameter.
 */
import type { QueryRunner } from '../../core/db/database';
import { existsOn, validOn } from '../../core/cypher/fragments';
import { directPartnerLinks, isActor, isFact, isStaff, partnerLinks, partnerOf, partnerRank } from '../../core/cypher/partners';
import { beyondPosition, pageFromRows, storedPositionAfter, type Page, type PageRequest } from '../../core/cypher/keyset';
import type { EntityRecord, RelationRecord } from '../../core/model/records';
import { datedTypes } from '../../core/model/registry';
import {
  entityFromNode,
  relationFromRow,
  relationRowProjection as relationMap,
  type NodeProperties,
  type RelationRow,
} from '../../core/model/storage';

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

/** Inside rankedPartners' CALL (self, key, ranks), when self is a country: each page partner's links, as (pid, rels). */
const countryPageLinks = `// A country's actors are thousands: each page partner's links are walked from the partner.
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
           RETURN p.partner AS pid, rels`;

/** The same when self is an agency. */
const agencyPageLinks = `// An agency's actors are itself and its staff, often fewer facts than a hub partner
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
           RETURN pid, rels`;

/** rankedPartners' parameters: each key's cursor as a stored position, and the batch's widest page and link count. */
function rankedPartnersParameters(keys: readonly PartnersKey[]): Record<string, unknown> {
  return {
    keys: keys.map((key) => ({
      id: key.id,
      after: storedPositionAfter(key.page.position),
      fetch: key.page.limit + 1,
      linksFirst: key.linksFirst,
    })),
    fetch: Math.max(...keys.map((key) => key.page.limit + 1)),
    linksFirst: Math.max(...keys.map((key) => key.linksFirst)),
    factTypes: datedTypes,
  };
}

export class PartnersRepository {
  constructor(private readonly db: QueryRunner) {}

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
           ${countryPageLinks}
           UNION ALL
           ${agencyPageLinks}
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
      rankedPartnersParameters(keys),
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
}
