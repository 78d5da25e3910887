/**
 * The benchmarked operations. Each one is written three times — coopgraph's GraphQL, the
 * GraphQL a user of @neo4j/graphql would send to the schema in runners/neo4j-graphql-typedefs.ts
 * (or why it cannot be asked), and the best single hand-written Cypher — and each runner's answer
 * is mapped into one shape, then `normalise` sorts what has no defined order, so the three
 * answers can be compared for equality (a mismatch fails the run).
 *
 * Where an answer is legitimately one of several (a network cut at 500 nodes, 3 of several
 * equally short paths), `verify` reduces it to what every correct answer shares and checks the
 * rest against the database.
 */
import type { Session } from 'neo4j-driver';
import { entitySpec, entityTypeNames, isEntityTypeName, relationTypeNames, type EntityTypeName } from '../src/core/model/registry';
import { searchTerms } from '../src/features/search/lucene';
import type { Row } from '../src/core/db/database';
import { compareText } from '../src/core/model/ordering';
import { rankedSearchHits } from './runners/neo4j-graphql-typedefs';

// GraphQL answers are compared as JSON after mapping; their static type adds nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** What the operations aim at, chosen from the generated graph (see data.ts). */
export interface Targets {
  /** A hub agency: its memoranda, their parties and countries make a rich nested answer. */
  agency: string;
  hubCountry: string;
  hubCountryCode: string;
  hubAgency: string;
  pathFrom: string;
  pathTo: string;
  search: string;
  /** A country of median size (by located and party facts), beside the hub: what most country filters look like. */
  typicalCountryCode: string;
  /** Two agencies that are parties to memoranda with many of the same others (the first two hub agencies): commonConnections' pair. */
  interlocks: [string, string];
}

export type Variables = Record<string, unknown>;

export interface GraphqlRequest {
  query: string;
  variables: (t: Targets) => Variables;
  answer: (data: Json) => unknown;
}

export interface Operation {
  name: string;
  title: string;
  coopgraph: GraphqlRequest;
  /** `na` says why @neo4j/graphql cannot express it. `partial` names answer parts it cannot give. */
  neo4jGraphql: GraphqlRequest | { na: string };
  neo4jGraphqlNote?: string;
  raw: { cypher: string; params: (t: Targets) => Variables; answer: (rows: Row[]) => unknown };
  /** Sorts lists whose order the operation does not define. */
  normalise?: (answer: Json) => unknown;
  /** Reduces an answer to what every correct answer shares, checking the rest in the database. */
  verify?: (answer: Json, session: Session, t: Targets) => Promise<unknown>;
}

const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
const sorted = <T>(list: T[], compare?: (a: T, b: T) => number): T[] => [...list].sort(compare);

/** A nested party as all three runners report it: an agency with its country code, or a country (no country). */
const party = (p: Json) => ({ id: p.id as string, country: (p.country?.code ?? p.country ?? null) as string | null });
const neoParty = (p: Json) => ({ id: p.id as string, country: (p.country?.[0]?.code ?? null) as string | null });

const linkTypes =
  'MEMBER_OF|PARTY_TO|SIGNED|MODELLED_ON|OPERATED_BY|ESTABLISHED_UNDER|LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|RECEIVED|PARTICIPATED_IN|HELD_AT';
const factTypes = ['Memorandum', 'ServiceCenter', 'Training', 'Award', 'Event', 'Statistic'];

/**
 * coopgraph's partners without asOf, written by hand for one id over the same stored data: the
 * first 20 (:PartnerRank) nodes of the entity off the (self, position) index (most linking facts
 * first, then name), their total, and each partner's links walked from the partner's side (the
 * partner, its staff, its centres) to the entity's actors (the entity, a country's agencies,
 * their staff), sorted by type, from, to, first 20. Before ranks were stored, this query counted
 * every partner at read time, and exceeded the 256 MB transaction memory for the hub country at
 * 1M entities.
 */
/** The first $first stored ranks of $id, read off the (self, position) index, and their total: both raw partner queries start here. */
// The total is counted once, on the one row there is here: a COUNT in the final RETURN was
// evaluated once per page row (20 × the entity's ranks: 3,440 db hits of the hub agency's 6,417 at 10k).
const firstRanks = `CALL () {
  MATCH (p:PartnerRank) WHERE p.self = $id AND p.position > ''
  WITH p ORDER BY p.self, p.position LIMIT toInteger($first)
  RETURN collect(p) AS ranks
}
CALL () { RETURN COUNT { MATCH (c:PartnerRank) WHERE c.self = $id AND c.position > '' } AS totalCount }`;

function partnersCypher(): string {
  const actor = (a: string) =>
    `(${a} = self OR (${a}:Agency AND EXISTS { (${a})-[:BASED_IN]->(self) }) OR (${a}:Person AND EXISTS { (${a})-[:HOLDS_POSITION]->(org) WHERE org = self OR EXISTS { (org)-[:BASED_IN]->(self) } }))`;
  return `
MATCH (self:Entity {id: $id})
${firstRanks}
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
  WITH self, o, via
  WHERE NOT (o:Person AND EXISTS { (o)-[:HOLDS_POSITION]->(org) WHERE org = self OR EXISTS { (org)-[:BASED_IN]->(self) } })
  MATCH (o)-[r2:${linkTypes}]-(f:Entity)-[r1:${linkTypes}]-(a:Entity)
  WHERE r1 <> r2 AND (f.type IN $factTypes OR f.kind = 'ASSOCIATION')
    AND NOT (f:Agency AND (f = self OR EXISTS { (f)-[:BASED_IN]->(self) })) AND ${actor('a')}
  RETURN [x IN [r1, r2, via] WHERE x IS NOT NULL] AS rels
  UNION ALL
  MATCH (partner)-[r:MEMBER_OF|ACCREDITED_TO]-(a:Entity) WHERE ${actor('a')}
  RETURN [r] AS rels
}
UNWIND rels AS l
WITH totalCount, p, collect(DISTINCT l) AS links
CALL (links) {
  UNWIND links AS l
  WITH l ORDER BY type(l), startNode(l).id, endNode(l).id LIMIT toInteger($linksFirst)
  RETURN collect(startNode(l).id + ' ' + type(l) + ' ' + endNode(l).id) AS shown
}
WITH totalCount, p, links, shown ORDER BY p.position
RETURN totalCount, collect({id: p.partner, facts: p.facts, linkCount: size(links), links: shown}) AS partners`;
}

/**
 * An agency's partners by hand: the same 20 stored ranks, and every page partner's links found
 * in one walk from the agency and its staff (a short list, tested by membership), which costs
 * what the agency's own facts cost, however big its partners are.
 */
function agencyPartnersCypher(): string {
  return `
MATCH (self:Entity {id: $id}) WHERE self:Agency
${firstRanks}
WITH self, ranks, totalCount, [p IN ranks | p.partner] AS ids, [self] + COLLECT { MATCH (s:Person)-[:HOLDS_POSITION]->(self) RETURN DISTINCT s } AS actors
CALL (ids, actors) {
  UNWIND actors AS a
  MATCH (a)-[r1:${linkTypes}]-(f:Entity)-[r2:${linkTypes}]-(o:Entity)
  WHERE r1 <> r2 AND (f.type IN $factTypes OR f.kind = 'ASSOCIATION') AND NOT f IN actors AND NOT o IN actors
  CALL (o) {
    WITH o WHERE o:Agency OR o:Country RETURN o AS partner, null AS via
    UNION ALL
    MATCH (o:Person)-[via:HOLDS_POSITION]->(partner:Agency) RETURN partner, via
    UNION ALL
    MATCH (o:ServiceCenter)-[via:OPERATED_BY]->(partner:Agency) RETURN partner, via
  }
  WITH partner, r1, r2, via WHERE partner.id IN ids
  RETURN partner.id AS pid, [x IN [r1, r2, via] WHERE x IS NOT NULL] AS rels
  UNION ALL
  UNWIND actors AS a
  MATCH (a)-[r:MEMBER_OF|ACCREDITED_TO]-(partner:Entity) WHERE partner.id IN ids
  RETURN partner.id AS pid, [r] AS rels
}
UNWIND rels AS l
WITH ranks, totalCount, pid, collect(DISTINCT l) AS links
CALL (links) {
  UNWIND links AS l
  WITH l ORDER BY type(l), startNode(l).id, endNode(l).id LIMIT toInteger($linksFirst)
  RETURN collect(startNode(l).id + ' ' + type(l) + ' ' + endNode(l).id) AS shown
}
WITH ranks, totalCount, collect({pid: pid, linkCount: size(links), shown: shown}) AS linked
UNWIND ranks AS p
WITH totalCount, p, head([x IN linked WHERE x.pid = p.partner]) AS l ORDER BY p.position
RETURN totalCount, collect({id: p.partner, facts: p.facts, linkCount: l.linkCount, links: l.shown}) AS partners`;
}

/** The raw runner's partners of the generated graph's hub country or hub agency: first 20, 20 links each. */
function partnersRaw(hub: 'hubCountry' | 'hubAgency') {
  return {
    cypher: hub === 'hubAgency' ? agencyPartnersCypher() : partnersCypher(),
    params: (t: Targets) => ({ id: t[hub], factTypes, first: 20, linksFirst: 20 }),
    answer: (rows: Row[]) => rows[0] ?? { totalCount: 0, partners: [] },
  };
}

/** coopgraph's partners answer (ordered by linking facts, then name; links by type, from, to, cut at linksFirst). */
const partnersAnswer = (d: Json) => ({
  totalCount: d.partners.totalCount,
  partners: d.partners.edges.map(({ node }: Json) => ({
    id: node.partner.id,
    facts: node.facts,
    linkCount: node.linkCount,
    links: node.links.map((l: Json) => `${l.from.id} ${l.type} ${l.to.id}`),
  })),
});
const partnersSelection =
  'partners(first: 20, linksFirst: 20) { totalCount edges { node { partner { id } facts linkCount links { type from { id } to { id } } } } }';

/** The country routes a dated fact can take (BASED_IN and HOLDS_POSITION start at agencies and people), from the country end. */
/**
 * Dated facts per country and type, written out: every way a fact reaches a country (its place,
 * provider, recipient, conferrer, what it measures, its parties, recipients and participants,
 * directly or through an agency's seat), a fact counted once per country; undated ones and those
 * whose date is disputed, or that reach the country only through disputed relations, apart.
 * Walked from each country (a few dense nodes whose typed relationships are read once), not from
 * each fact: at 100k that reads about half the db hits.
 */
const dateOfFact = (e: string) =>
  `coalesce(${[...new Set(factTypes.map((type) => entitySpec(type as EntityTypeName).dated!.attribute))].map((name) => `${e}.${name}`).join(', ')})`;
const facts = `e:${factTypes.join('|')}`;
const factsByCountryCypher = `CALL () {
  MATCH (c:Country)
  CALL (c) {
    MATCH (${facts})-[r:LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|MEASURES]->(c) RETURN e, coalesce(r.disputed, false) AS d
    UNION ALL MATCH (${facts})-[r:PROVIDED_BY|TRAINED|CONFERRED_BY|HELD_AT|MEASURES]->(:Entity)-[s:BASED_IN|LOCATED_IN]->(c) RETURN e, coalesce(r.disputed, false) OR coalesce(s.disputed, false) AS d
    UNION ALL MATCH (${facts})<-[r:PARTY_TO|RECEIVED|PARTICIPATED_IN]-(c) RETURN e, coalesce(r.disputed, false) AS d
    UNION ALL MATCH (${facts})<-[r:PARTY_TO|RECEIVED|PARTICIPATED_IN]-(:Entity)-[s:BASED_IN|LOCATED_IN]->(c) RETURN e, coalesce(r.disputed, false) OR coalesce(s.disputed, false) AS d
    // Representation: an official's post at a mission abroad carries their facts to the sending country.
    UNION ALL MATCH (${facts})-[:PROVIDED_BY|TRAINED]->(:Person)-[:HOLDS_POSITION]->(mission:Agency WHERE mission.kind = 'EMBASSY' OR EXISTS { (mission)-[:ACCREDITED_TO]->(:Country) })-[:BASED_IN]->(c) RETURN e, false AS d
    UNION ALL MATCH (${facts})<-[:RECEIVED|PARTICIPATED_IN]-(:Person)-[:HOLDS_POSITION]->(mission:Agency WHERE mission.kind = 'EMBASSY' OR EXISTS { (mission)-[:ACCREDITED_TO]->(:Country) })-[:BASED_IN]->(c) RETURN e, false AS d
  }
  // One definition of disputed (core/cypher/disputes.ts): a disputed claim about the item, however it was reached.
  WITH DISTINCT c, e
  WITH c, e, EXISTS { MATCH (k:Claim {subjectId: e.id}) WHERE k.disputed } AS disputed
  WITH c, e.type AS type, count(e) AS count, count(CASE WHEN ${dateOfFact('e')} IS NULL THEN 1 END) AS undated, count(CASE WHEN disputed THEN 1 END) AS disputed
  ORDER BY c.code, type
  RETURN collect({country: c.code, type: type, count: count, undated: undated, disputed: disputed}) AS factsByCountry
}`;

const dateOfType = `CASE type ${factTypes.map((type) => `WHEN '${type}' THEN e.${entitySpec(type as EntityTypeName).dated!.attribute}`).join(' ')} END`;
const timelineCypher = `
MATCH (c:Country {code: $code})
CALL (c) {
  MATCH (e:Entity)-[:LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|MEASURES]->(c) RETURN e
  UNION MATCH (e:Entity)-[:PROVIDED_BY|TRAINED|CONFERRED_BY|HELD_AT|MEASURES]->(:Entity)-[:BASED_IN|LOCATED_IN]->(c) RETURN e
  UNION MATCH (e:Entity)<-[:PARTY_TO|RECEIVED|PARTICIPATED_IN]-(c) RETURN e
  UNION MATCH (e:Entity)<-[:PARTY_TO|RECEIVED|PARTICIPATED_IN]-(:Entity)-[:BASED_IN|LOCATED_IN]->(c) RETURN e
  UNION MATCH (e:Entity)-[:PROVIDED_BY|TRAINED]->(:Person)-[:HOLDS_POSITION]->(mission:Agency WHERE mission.kind = 'EMBASSY' OR EXISTS { (mission)-[:ACCREDITED_TO]->(:Country) })-[:BASED_IN]->(c) RETURN e
  UNION MATCH (e:Entity)<-[:RECEIVED|PARTICIPATED_IN]-(:Person)-[:HOLDS_POSITION]->(mission:Agency WHERE mission.kind = 'EMBASSY' OR EXISTS { (mission)-[:ACCREDITED_TO]->(:Country) })-[:BASED_IN]->(c) RETURN e
}
WITH e, e.type AS type WHERE type IN $datedTypes
// Each type's own date property, one read: a coalesce over the four was read as four.
WITH e, ${dateOfType} AS d
WHERE d IS NOT NULL AND left($from, size(d)) <= left(d, size($from)) AND left(d, size($to)) <= left($to, size(d))
WITH e, d ORDER BY d, e.id LIMIT 100
RETURN e.id AS id, d AS date`;

/**
 * The memoranda of country $code (what EntityFilter.country means for a memorandum: the
 * country or an agency based or located in it is a party), walked out from the country, bound
 * as the list `ms`.
 */
const countryMemorandaCypher = `MATCH (c:Country {code: $code})
CALL (c) {
  MATCH (c)-[:PARTY_TO]->(m:Memorandum) RETURN m
  UNION
  MATCH (c)<-[:BASED_IN|LOCATED_IN]-(:Entity)-[:PARTY_TO]->(m:Memorandum) RETURN m
}
WITH collect(m) AS ms`;

/** Facets by year and kind of one country's memoranda (the list filtered by country). */
function facetsOperation(name: string, whose: string, country: (t: Targets) => string): Operation {
  return {
    name,
    title: `facets of ${whose}'s memoranda: counts by year (undated apart) and by kind, over the filtered list`,
    coopgraph: {
      query:
        'query($code: String) { memoranda(filter: { country: $code }) { facets(by: [YEAR, KIND]) { dimension buckets { key count } } } }',
      variables: (t) => ({ code: country(t) }),
      answer: (d) => Object.fromEntries(d.memoranda.facets.map((f: Json) => [f.dimension, f.buckets])),
    },
    neo4jGraphql: {
      na: 'no facets: an aggregate counts one where at a time (memorandumsConnection { totalCount }), with no GROUP BY over a property',
    },
    raw: {
      cypher: `${countryMemorandaCypher}
CALL (ms) { UNWIND ms AS m WITH coalesce(left(m.signed, 4), 'undated') AS key, count(*) AS count RETURN collect({key: key, count: count}) AS years }
CALL (ms) { UNWIND ms AS m WITH coalesce(m.kind, 'OTHER') AS key, count(*) AS count RETURN collect({key: key, count: count}) AS kinds }
RETURN years, kinds`,
      params: (t) => ({ code: country(t) }),
      answer: (rows) => ({ YEAR: rows[0]!.years, KIND: rows[0]!.kinds }),
    },
    normalise: (a) =>
      Object.fromEntries(
        Object.entries(a as Record<string, Json[]>).map(([k, rows]) => [k, sorted(rows, (x, y) => compareText(x.key, y.key))]),
      ),
  };
}

/** A country x year group-by of one country's memoranda. */
function groupByOperation(name: string, whose: string, country: (t: Targets) => string): Operation {
  return {
    name,
    title: `group-by of ${whose}'s memoranda by party country x year: the first 100 cells by key and the number of cells`,
    coopgraph: {
      query:
        'query($code: String) { memoranda(filter: { country: $code }) { groupBy(by: [COUNTRY, YEAR], first: 100) { totalCount edges { node { keys count } } } } }',
      variables: (t) => ({ code: country(t) }),
      answer: (d) => ({
        cells: d.memoranda.groupBy.totalCount,
        page: d.memoranda.groupBy.edges.map((e: Json) => ({ keys: e.node.keys, count: e.node.count })),
      }),
    },
    neo4jGraphql: {
      na: 'no group-by (its aggregation pull request is still open): one connection count per country and year would be thousands of requests',
    },
    raw: {
      cypher: `${countryMemorandaCypher}
UNWIND ms AS m
WITH m, COLLECT { MATCH (m)<-[:PARTY_TO]-(x:Country) RETURN x.code AS code UNION MATCH (m)<-[:PARTY_TO]-(:Entity)-[:BASED_IN|LOCATED_IN]->(x:Country) RETURN x.code AS code } AS codes
UNWIND CASE WHEN size(codes) = 0 THEN ['unknown'] ELSE codes END AS code
WITH code, coalesce(left(m.signed, 4), 'undated') AS year, count(*) AS count
WITH collect({keys: [code, year], count: count}) AS cells
RETURN size(cells) AS total, COLLECT { UNWIND cells AS c WITH c ORDER BY c.keys[0], c.keys[1] LIMIT 100 RETURN c } AS page`,
      params: (t) => ({ code: country(t) }),
      answer: (rows) => ({ cells: rows[0]!.total, page: rows[0]!.page }),
    },
  };
}

export const operations: Operation[] = [
  {
    name: 'entity',
    title: 'entity by id, 3 levels: agency → memoranda → parties → country',
    coopgraph: {
      query:
        'query($id: ID!) { entity(id: $id) { id name ... on Agency { country { code } memoranda { id signed { iso } parties { id ... on Agency { country { code } } } } } } }',
      variables: (t) => ({ id: t.agency }),
      answer: (d) => ({
        id: d.entity.id,
        name: d.entity.name,
        country: d.entity.country?.code ?? null,
        memoranda: d.entity.memoranda.map((m: Json) => ({ id: m.id, signed: m.signed?.iso ?? null, parties: m.parties.map(party) })),
      }),
    },
    neo4jGraphql: {
      query:
        'query($id: ID!) { agencies(where: { id: { eq: $id } }) { id name country { code } memoranda { id signed parties { ... on Agency { id country { code } } ... on Country { id } } } } }',
      variables: (t) => ({ id: t.agency }),
      answer: (d) => {
        const a = d.agencies[0];
        return {
          id: a.id,
          name: a.name,
          country: a.country[0]?.code ?? null,
          memoranda: a.memoranda.map((m: Json) => ({ id: m.id, signed: m.signed, parties: m.parties.map(neoParty) })),
        };
      },
    },
    raw: {
      cypher: `
MATCH (a:Entity {id: $id})
RETURN a.id AS id, a.name AS name,
  COLLECT { MATCH (a)-[:BASED_IN]->(c:Country) RETURN c.code }[0] AS country,
  COLLECT { MATCH (a)-[:PARTY_TO]->(m:Memorandum) WITH DISTINCT m
    RETURN {id: m.id, signed: m.signed, parties: COLLECT { MATCH (m)<-[:PARTY_TO]-(p:Entity) WITH DISTINCT p
      RETURN {id: p.id, country: CASE WHEN p:Agency THEN COLLECT { MATCH (p)-[:BASED_IN]->(pc:Country) RETURN pc.code }[0] END} }} } AS memoranda`,
      params: (t) => ({ id: t.agency }),
      answer: (rows) => rows[0],
    },
    normalise: (a) => ({
      ...a,
      memoranda: sorted(
        a.memoranda.map((m: Json) => ({ ...m, parties: sorted(m.parties, byId) })),
        byId,
      ),
    }),
  },
  {
    name: 'agencies-filter',
    title: 'agencies PARTY_TO a memorandum signed from 2016 with a party in the hub country; first 50 by name + totalCount',
    coopgraph: {
      query: `query($code: String) { agencies(first: 50, orderBy: { field: NAME }, filter: { related: [{ types: [PARTY_TO], direction: OUT, where: { from: "2016", related: [{ types: [PARTY_TO], direction: IN, where: { country: $code } }] } }] }) { totalCount edges { node { id } } } }`,
      variables: (t) => ({ code: t.hubCountryCode }),
      answer: (d) => ({ totalCount: d.agencies.totalCount, ids: d.agencies.edges.map((e: Json) => e.node.id) }),
    },
    neo4jGraphql: {
      query: `query($code: String!) { agenciesConnection(first: 50, sort: [{ sortKey: ASC }, { id: ASC }], where: { memoranda: { some: { signed: { gte: "2016" }, parties: { some: { Agency: { country: { some: { code: { eq: $code } } } }, Country: { code: { eq: $code } } } } } } }) { totalCount edges { node { id } } } }`,
      variables: (t) => ({ code: t.hubCountryCode }),
      answer: (d) => ({ totalCount: d.agenciesConnection.totalCount, ids: d.agenciesConnection.edges.map((e: Json) => e.node.id) }),
    },
    neo4jGraphqlNote:
      '"signed from 2016" as signed >= "2016" (string filters need features.filters.String.GTE); "in country X" as the party agency\'s BASED_IN country (coopgraph also accepts LOCATED_IN; no generated agency has one)',
    raw: {
      cypher: `
${countryMemorandaCypher}
UNWIND ms AS m
WITH DISTINCT m WHERE m.signed >= '2016'
MATCH (m)<-[:PARTY_TO]-(a:Agency)
WITH DISTINCT a ORDER BY a.sortKey, a.id
WITH collect(a.id) AS ids
RETURN size(ids) AS totalCount, ids[..50] AS ids`,
      params: (t) => ({ code: t.hubCountryCode }),
      answer: (rows) => rows[0],
    },
  },
  {
    name: 'deep-nested',
    title: 'deep nested list: 50 agencies × country, memoranda × parties × country, staff × positions',
    coopgraph: {
      query: `{ agencies(first: 50) { totalCount edges { node { id country { code } memoranda { id parties { id ... on Agency { country { code } } } } staff { id positions(first: 100) { edges { node { title organization { id } } } } } } } } }`,
      variables: () => ({}),
      answer: (d) => ({
        totalCount: d.agencies.totalCount,
        agencies: d.agencies.edges.map(({ node: a }: Json) => ({
          id: a.id,
          country: a.country?.code ?? null,
          memoranda: a.memoranda.map((m: Json) => ({ id: m.id, parties: m.parties.map(party) })),
          staff: a.staff.map((s: Json) => ({
            id: s.id,
            positions: s.positions.edges.map((e: Json) => ({ title: e.node.title, organization: e.node.organization.id })),
          })),
        })),
      }),
    },
    neo4jGraphql: {
      query: `{ agenciesConnection(first: 50, sort: [{ sortKey: ASC }, { id: ASC }]) { totalCount edges { node { id country { code } memoranda { id parties { ... on Agency { id country { code } } ... on Country { id } } } staff { id positionsConnection { edges { properties { role } node { id } } } } } } } }`,
      variables: () => ({}),
      answer: (d) => ({
        totalCount: d.agenciesConnection.totalCount,
        agencies: d.agenciesConnection.edges.map(({ node: a }: Json) => ({
          id: a.id,
          country: a.country[0]?.code ?? null,
          memoranda: a.memoranda.map((m: Json) => ({ id: m.id, parties: m.parties.map(neoParty) })),
          staff: a.staff.map((s: Json) => ({
            id: s.id,
            positions: s.positionsConnection.edges.map((e: Json) => ({ title: e.properties.role ?? 'member', organization: e.node.id })),
          })),
        })),
      }),
    },
    raw: {
      cypher: `
CALL () { MATCH (x:Agency) RETURN count(x) AS totalCount }
MATCH (a:Entity) USING INDEX a:Entity(sortKey) WHERE a.sortKey IS NOT NULL AND a:Agency
WITH totalCount, a ORDER BY a.sortKey, a.id LIMIT 50
RETURN totalCount, collect({
  id: a.id,
  country: COLLECT { MATCH (a)-[:BASED_IN]->(c:Country) RETURN c.code }[0],
  memoranda: COLLECT { MATCH (a)-[:PARTY_TO]->(m:Memorandum) WITH DISTINCT m
    RETURN {id: m.id, parties: COLLECT { MATCH (m)<-[:PARTY_TO]-(p:Entity) WITH DISTINCT p
      RETURN {id: p.id, country: CASE WHEN p:Agency THEN COLLECT { MATCH (p)-[:BASED_IN]->(pc:Country) RETURN pc.code }[0] END} }} },
  staff: COLLECT { MATCH (a)<-[:HOLDS_POSITION]-(s:Person) WITH DISTINCT s
    RETURN {id: s.id, positions: COLLECT { MATCH (s)-[h:HOLDS_POSITION]->(o:Agency) RETURN {title: coalesce(h.role, 'member'), organization: o.id} }} }
}) AS agencies`,
      params: () => ({}),
      answer: (rows) => rows[0],
    },
    normalise: (a) => ({
      totalCount: a.totalCount,
      agencies: a.agencies.map((x: Json) => ({
        ...x,
        memoranda: sorted(
          x.memoranda.map((m: Json) => ({ ...m, parties: sorted(m.parties, byId) })),
          byId,
        ),
        staff: sorted(
          x.staff.map((s: Json) => ({
            ...s,
            positions: sorted(s.positions, (p: Json, q: Json) =>
              `${p.title} ${p.organization}`.localeCompare(`${q.title} ${q.organization}`),
            ),
          })),
          byId,
        ),
      })),
    }),
  },
  {
    name: 'network',
    title: 'network: 2 hops around the hub country, limit 500 nodes',
    coopgraph: {
      query: 'query($c: ID!) { network(center: $c, depth: 2, limit: 500) { truncated nodes { id } edges { type from { id } to { id } } } }',
      variables: (t) => ({ c: t.hubCountry }),
      answer: (d) => ({
        truncated: d.network.truncated,
        nodes: d.network.nodes.map((n: Json) => n.id),
        edges: d.network.edges.map((e: Json) => `${e.from.id} ${e.type} ${e.to.id}`),
      }),
    },
    neo4jGraphql: {
      na: 'no traversal over "any relationship" (every relationship field would need its own nested selection, per type, per level) and no limit on the number of distinct nodes of a breadth-first walk; only a @cypher field holding the whole query could answer',
    },
    raw: {
      cypher: `
MATCH (c:Entity {id: $center})
CALL (c) { MATCH (c)--(m:Entity) WHERE m <> c WITH DISTINCT m LIMIT 500 RETURN collect(m) AS level1 }
CALL (c, level1) {
  UNWIND level1 AS f MATCH (f)--(m:Entity) WHERE m <> c AND NOT m IN level1
  WITH DISTINCT m LIMIT 500 RETURN collect(m) AS level2
}
WITH c, level1, level2, toInteger($limit) - 1 AS room
WITH [c] + level1[..room] + level2[..room - size(level1[..room])] AS nodes, size(level1) + size(level2) > room AS truncated
CALL (nodes) { UNWIND nodes AS a MATCH (a)-[r]->(b:Entity) WHERE b IN nodes RETURN collect(a.id + ' ' + type(r) + ' ' + b.id) AS edges }
RETURN truncated, [n IN nodes | n.id] AS nodes, edges`,
      params: (t) => ({ center: t.hubCountry, limit: 500 }),
      answer: (rows) => rows[0],
    },
    // Which 500 of the thousands of 2-hop neighbours a cut network holds is not defined: compare
    // the cut, the size, and that the nodes are within 2 hops and the edges are all edges among them.
    verify: async (a, session, t) => {
      const result = await session.executeRead((tx) =>
        tx.run(
          `MATCH (c:Entity {id: $center})
           UNWIND $ids AS id MATCH (n:Entity {id: id})
           WITH c, collect(n) AS nodes, count(n) AS found
           RETURN found,
             all(n IN nodes WHERE n = c OR EXISTS { (n)--(c) } OR EXISTS { (n)--(:Entity)--(c) }) AS withinTwoHops,
             COUNT { UNWIND nodes AS x MATCH (x)-[r]->(y:Entity) WHERE y IN nodes RETURN r } AS edgesAmongNodes`,
          { center: t.hubCountry, ids: a.nodes },
        ),
      );
      const row = result.records[0]!;
      return {
        truncated: a.truncated,
        nodes: a.nodes.length,
        distinctNodes: new Set(a.nodes).size,
        startsAtCenter: a.nodes[0] === t.hubCountry,
        allNodesExist: Number(row.get('found')) === a.nodes.length,
        withinTwoHops: row.get('withinTwoHops') as boolean,
        allEdgesAmongNodes: Number(row.get('edgesAmongNodes')) === new Set(a.edges).size,
      };
    },
  },
  {
    name: 'search',
    title: 'search "xidmet", first 20 + totalCount',
    coopgraph: {
      query: 'query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { id } } } }',
      variables: (t) => ({ q: t.search }),
      answer: (d) => ({ totalCount: d.search.totalCount, ids: d.search.edges.map((e: Json) => e.node.id) }),
    },
    neo4jGraphql: {
      query: `query($lucene: String!, $folded: String!, $translit: String, $firstWord: String!, $translitFirstWord: String, $translitWords: [String!]!) {
        search(lucene: $lucene, folded: $folded, translit: $translit, firstWord: $firstWord, translitFirstWord: $translitFirstWord, translitWords: $translitWords, first: 20) { id }
        searchCount(lucene: $lucene) }`,
      variables: (t) => searchParams(t.search),
      answer: (d) => ({ totalCount: d.searchCount, ids: d.search.map((e: Json) => e.id) }),
    },
    neo4jGraphqlNote:
      '@cypher query fields search/searchCount on the entity_search full-text index (the client folds the text and builds the Lucene query, as coopgraph does server-side)',
    raw: {
      cypher: `${rankedSearchHits}
WITH collect(e.id) AS ids
RETURN size(ids) AS totalCount, ids[..20] AS ids`,
      params: (t) => searchParams(t.search),
      answer: (rows) => rows[0],
    },
  },
  {
    name: 'timeline',
    title: 'timeline of the hub country 2015-2020: the first page of 100 dated facts in date order',
    coopgraph: {
      query:
        'query($code: String) { timeline(country: $code, from: "2015", to: "2020", first: 100) { edges { node { date { iso } entity { id } } } } }',
      variables: (t) => ({ code: t.hubCountryCode }),
      answer: (d) => d.timeline.edges.map((e: Json) => ({ id: e.node.entity.id, date: e.node.date.iso })),
    },
    neo4jGraphql: {
      query:
        'query($code: String!) { entities(where: { countryCodes: { includes: $code }, date: { gte: "2015", lt: "2021" } }, sort: [{ date: ASC }, { id: ASC }], limit: 100) { id date } }',
      variables: (t) => ({ code: t.hubCountryCode }),
      answer: (d) => d.entities.map((e: Json) => ({ id: e.id, date: e.date })),
    },
    neo4jGraphqlNote: 'the interface query `entities` filtered and sorted on the @cypher fields date and countryCodes',
    raw: {
      cypher: timelineCypher,
      params: (t) => ({ code: t.hubCountryCode, from: '2015', to: '2020', datedTypes: factTypes }),
      answer: (rows) => rows.map((r) => ({ id: r.id, date: r.date })),
    },
  },
  {
    name: 'partners-country',
    title: 'partners of the hub country (its agencies and their staff), first 20 by linking facts, 20 links each',
    coopgraph: {
      query: `query($code: String!) { country(code: $code) { ${partnersSelection} } }`,
      variables: (t) => ({ code: t.hubCountryCode }),
      answer: (d) => partnersAnswer(d.country),
    },
    neo4jGraphql: {
      na: "partners are a derived relation: two actors joined by any of 13 relationship types through a shared fact, a person counted for their agency, a centre for its operator, the country's own agencies and staff excluded — no filter or nested selection says that; only a @cypher field holding the whole query could",
    },
    raw: partnersRaw('hubCountry'),
  },
  {
    name: 'partners-agency',
    title: 'partners of a hub agency (and its staff), first 20 by linking facts, 20 links each',
    coopgraph: {
      query: `query($id: ID!) { entity(id: $id) { ... on Agency { ${partnersSelection} } } }`,
      variables: (t) => ({ id: t.hubAgency }),
      answer: (d) => partnersAnswer(d.entity),
    },
    neo4jGraphql: { na: 'as for partners of a country: a derived relation no filter or nested selection can express' },
    raw: partnersRaw('hubAgency'),
  },
  {
    name: 'stats',
    title: 'dashboard stats: entities by type, relations by type, memoranda by year, centres by model agency, facts per country',
    coopgraph: {
      query: `{ stats { entitiesByType { key count } relationsByType { key count } memorandaByYear { key count disputed } centresByModelAgency { key count }
        factsByCountry { country type count undated disputed } } }`,
      variables: () => ({}),
      answer: (d) => d.stats,
    },
    neo4jGraphql: {
      query: `{
  countries: countriesConnection { totalCount } agencies: agenciesConnection { totalCount } people: peopleConnection { totalCount }
  memoranda: memorandumsConnection { totalCount } centres: serviceCentersConnection { totalCount } trainings: trainingsConnection { totalCount }
  awards: awardsConnection { totalCount } events: eventsConnection { totalCount } statistics: statisticsConnection { totalCount }
  models: agencies(where: { modelledCentres: { some: { id: { startsWith: "" } } } }, sort: [{ id: ASC }]) { id modelledCentresConnection { totalCount } }
}`,
      variables: () => ({}),
      answer: (d) => ({
        entitiesByType: Object.entries({
          COUNTRY: d.countries,
          AGENCY: d.agencies,
          PERSON: d.people,
          MEMORANDUM: d.memoranda,
          SERVICE_CENTER: d.centres,
          TRAINING: d.trainings,
          AWARD: d.awards,
          EVENT: d.events,
          STATISTIC: d.statistics,
        })
          .map(([key, c]) => ({ key, count: (c as Json).totalCount as number }))
          .filter((row) => row.count > 0),
        centresByModelAgency: d.models.map((a: Json) => ({ key: a.id, count: a.modelledCentresConnection.totalCount })),
      }),
    },
    neo4jGraphqlNote:
      'partial: entitiesByType (one connection totalCount per type) and centresByModelAgency (agencies with a modelled centre, each with its connection totalCount); relationsByType, memorandaByYear and factsByCountry are n/a (no aggregation over all relationship types, no GROUP BY)',
    raw: {
      cypher: `
WITH [${entityTypeNames.map((type) => `{key: '${type}', count: COUNT { (:${type}) }}`).join(', ')}] AS types,
  [${relationTypeNames.map((type) => `{key: '${type}', count: COUNT { ()-[:${type}]->() }}`).join(', ')}] AS rels
WITH [t IN types WHERE t.count > 0] AS entitiesByType, [r IN rels WHERE r.count > 0] AS relationsByType
CALL () {
  MATCH (m:Memorandum)
  WITH coalesce(left(m.signed, 4), 'undated') AS key, count(*) AS count, count(CASE WHEN EXISTS { (:Claim {subjectId: m.id, property: 'signed', disputed: true}) } THEN 1 END) AS disputed ORDER BY key
  RETURN collect({key: key, count: count, disputed: disputed}) AS memorandaByYear
}
CALL () { MATCH (s:ServiceCenter)-[:MODELLED_ON]->(a:Entity) WITH a, count(DISTINCT s) AS count ORDER BY a.id RETURN collect({key: a.id, count: count}) AS centresByModelAgency }
${factsByCountryCypher}
RETURN entitiesByType, relationsByType, memorandaByYear, centresByModelAgency, factsByCountry`,
      // Counts by label and by relationship type come from Neo4j's count store (no scan), as coopgraph's do.
      params: () => ({}),
      answer: (rows) => {
        const row = rows[0] as Json;
        const enumOf = (key: string) => (isEntityTypeName(key) ? entitySpec(key).enumValue : key);
        return {
          ...row,
          entitiesByType: row.entitiesByType.map((r: Json) => ({ key: enumOf(r.key), count: r.count })),
          factsByCountry: row.factsByCountry.map((r: Json) => ({ ...r, type: enumOf(r.type) })),
        };
      },
    },
    normalise: (a) =>
      Object.fromEntries(
        Object.entries(a as Record<string, Json[]>).map(([k, rows]) => [
          k,
          sorted(rows, (x, y) => compareText(statsRowKey(x), statsRowKey(y))),
        ]),
      ),
  },
  facetsOperation('facets', 'the hub country', (t) => t.hubCountryCode),
  facetsOperation('facets-typical', 'a country of median size', (t) => t.typicalCountryCode),
  groupByOperation('group-by', 'the hub country', (t) => t.hubCountryCode),
  groupByOperation('group-by-typical', 'a country of median size', (t) => t.typicalCountryCode),
  {
    name: 'interlocks',
    title:
      'commonConnections of two hub agencies through memoranda: the first 20 agencies or countries party to memoranda with both, 5 links each',
    coopgraph: {
      query:
        'query($a: ID!, $b: ID!) { commonConnections(entities: [$a, $b], via: [PARTY_TO], types: [AGENCY, COUNTRY], linksFirst: 5) { totalCount edges { node { entity { id } shared facts linkCount links { type from { id } to { id } } } } } }',
      variables: (t) => ({ a: t.interlocks[0], b: t.interlocks[1] }),
      answer: (d) => ({
        total: d.commonConnections.totalCount,
        page: d.commonConnections.edges.map((e: Json) => ({
          id: e.node.entity.id,
          shared: e.node.shared,
          facts: e.node.facts,
          linkCount: e.node.linkCount,
          links: e.node.links.map((l: Json) => `${l.from.id} ${l.type} ${l.to.id}`),
        })),
      }),
    },
    neo4jGraphql: {
      na: 'no aggregation over a two-step pattern: which entities share memoranda with both, counted and ranked, needs a @cypher field holding the whole query',
    },
    raw: {
      // Every generated memorandum cites a source, so coopgraph's second rank (cited facts) is the
      // number of facts. The links are walked for the page's 20 entities only.
      cypher: `
MATCH (g:Entity) WHERE g.id IN $ids
WITH collect(g) AS given
CALL (given) {
  UNWIND given AS g
  MATCH (g)-[:PARTY_TO]->(f:Memorandum)<-[:PARTY_TO]-(x:Agency|Country)
  WHERE NOT x IN given
  WITH x, count(DISTINCT g) AS shared, count(DISTINCT f) AS facts WHERE shared >= 2
  WITH x, shared, facts ORDER BY shared DESC, facts DESC, x.id
  RETURN collect({x: x, shared: shared, facts: facts}) AS found
}
WITH given, size(found) AS total, found[..20] AS page
UNWIND range(0, size(page) - 1) AS at
WITH given, total, at, page[at] AS c
CALL (given, c) {
  WITH given, c.x AS x
  UNWIND given AS g
  MATCH (g)-[r1:PARTY_TO]->(:Memorandum)<-[r2:PARTY_TO]-(x)
  UNWIND [r1, r2] AS l
  WITH DISTINCT l
  WITH l ORDER BY startNode(l).id, endNode(l).id
  RETURN count(l) AS linkCount, collect(startNode(l).id + ' PARTY_TO ' + endNode(l).id)[..toInteger($linksFirst)] AS links
}
WITH total, at, {id: c.x.id, shared: c.shared, facts: c.facts, linkCount: linkCount, links: links} AS row ORDER BY at
RETURN total, collect(row) AS page`,
      params: (t) => ({ ids: [...t.interlocks], linksFirst: 5 }),
      answer: (rows) => ({ total: rows[0]?.total ?? 0, page: rows[0]?.page ?? [] }),
    },
  },
  {
    name: 'paths',
    title: 'paths: 3 shortest, at most 6 hops, between a hub agency and the last agency',
    coopgraph: {
      query: 'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 6, first: 3) { length nodes { id } } }',
      variables: (t) => ({ a: t.pathFrom, b: t.pathTo }),
      answer: (d) => d.paths.map((p: Json) => ({ length: p.length, nodes: p.nodes.map((n: Json) => n.id) })),
    },
    neo4jGraphql: { na: 'no path queries (shortest paths of any relationship type); only a @cypher field holding the whole query could' },
    raw: {
      cypher: `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 3 (a)((:Entity)-[:!MENTIONED_IN]-(:Entity)){1,6}(b)
RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodes`,
      params: (t) => ({ from: t.pathFrom, to: t.pathTo }),
      answer: (rows) => rows,
    },
    // Several paths may be equally short: which 3 is not defined. Compare the lengths; check each path's ends.
    verify: async (paths, session, t) => {
      const ids = new Set<string>(paths.flatMap((p: Json) => p.nodes as string[]));
      const result = await session.executeRead((tx) =>
        tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN count(n) AS n', { ids: [...ids] }),
      );
      return {
        lengths: paths.map((p: Json) => p.length).sort(),
        endsRight: paths.every(
          (p: Json) => p.nodes[0] === t.pathFrom && p.nodes[p.nodes.length - 1] === t.pathTo && p.nodes.length === p.length + 1,
        ),
        nodesExist: Number(result.records[0]!.get('n')) === ids.size,
      };
    },
  },
];

/** A stats row's identity: its key, or a country and type (factsByCountry). */
const statsRowKey = (row: Json): string => (row.key as string | undefined) ?? `${row.country} ${row.type}`;

/** What coopgraph computes from a search text before it asks the index (features/search). */
function searchParams(text: string): Variables {
  return { ...searchTerms(text) };
}
