/**
 * Type definitions for @neo4j/graphql 7 describing OUR stored model (core/model/storage.ts) as a
 * user of that library would write them: one @node type per entity type (labels Entity + type),
 * the stored properties as fields, relationship fields with @relationship typed as in the
 * registry's relationTypes, and @cypher only where the library has no way to say it:
 *
 *   date          (every type)  the entity's date: signed / opened / date / year / asOf. The
 *                               library cannot coalesce properties of different names, and the
 *                               timeline filters and sorts on it.
 *   countryCodes  (every type)  the ISO codes of the countries an entity belongs to, along the
 *                               registry's country routes (a memorandum is Afghan when an Afghan
 *                               agency is a party). A relationship filter cannot say "one or two
 *                               hops, over these relation types, ending at a country".
 *   Query.search / searchCount  full-text search on the `entity_search` index with coopgraph's
 *                               ranking (the library's @fulltext works per type label and ranks by
 *                               score only; a CONTAINS filter would return other entities).
 *
 * The country routes are read from the registry (countryRoutes) rather than copied, so these
 * definitions cannot drift from what coopgraph calls "of a country".
 */
import { countryRoutes, entitySpec, entityTypeNames, relationTypeNames, type EntityTypeName } from '../../src/core/model/registry';

/** Cypher for the entity's date, per type (coopgraph's entityDate, type by type): its registry date attribute, or null. */
function dateOf(type: EntityTypeName): string {
  const dated = entitySpec(type).dated;
  return dated ? `this.${dated.attribute}` : 'null';
}

/** A @cypher statement returning the codes of the countries `this` belongs to. */
function countryCodesStatement(type: EntityTypeName): string {
  const routes = countryRoutes(type).map((route) => `MATCH (this)${route.replace(/\(:Country\)$/, '(c:Country)')} RETURN c.code AS code`);
  const self = type === 'Country' ? ['RETURN this.code AS code'] : [];
  const union = [...self, ...routes].join(' UNION ');
  return union ? `RETURN COLLECT { ${union} } AS codes` : 'RETURN [] AS codes';
}

const entityFields = (type: EntityTypeName) => `
  id: ID!
  name: String!
  sortKey: String
  date: String @cypher(statement: "RETURN ${dateOf(type)} AS d", columnName: "d")
  countryCodes: [String!]! @cypher(statement: "${countryCodesStatement(type)}", columnName: "codes")`;

/**
 * Each type's own stored properties and relationship fields, the subset the benchmark's queries
 * use; typed by the registry, so a new entity type does not compile until it has its entry.
 */
export const typeFields: Record<EntityTypeName, string> = {
  Country: `
  code: String!
  agencies: [Agency!]! @relationship(type: "BASED_IN", direction: IN)`,
  Agency: `
  kind: String
  country: [Country!]! @relationship(type: "BASED_IN", direction: OUT)
  memoranda: [Memorandum!]! @relationship(type: "PARTY_TO", direction: OUT)
  staff: [Person!]! @relationship(type: "HOLDS_POSITION", direction: IN, properties: "Position")
  modelledCentres: [ServiceCenter!]! @relationship(type: "MODELLED_ON", direction: IN)`,
  Person: `
  positions: [Agency!]! @relationship(type: "HOLDS_POSITION", direction: OUT, properties: "Position")`,
  Memorandum: `
  kind: String
  signed: String
  parties: [Party!]! @relationship(type: "PARTY_TO", direction: IN)`,
  ServiceCenter: `
  city: String
  opened: String
  modelledOn: [Agency!]! @relationship(type: "MODELLED_ON", direction: OUT)`,
  Training: `
  topics: [String!]`,
  // Award.date is the shared date field above (dateOf: its registry date attribute).
  Award: '',
  Event: `
  kind: String`,
  Statistic: `
  metric: String`,
};

/**
 * coopgraph's search ranking (features/search/search.repository.ts) written by hand: the hits of the
 * full-text index ordered like coopgraph orders them, bound to `e`: exact key (folded or
 * transliterated), a key starting with the query (or after its first word), a key word starting
 * with its first word, the rest; then most cited facts (relations of
 * the registry's types), most query words held whole by a transliteration key, folded name, id.
 * The raw runner and the @cypher field below both start with it.
 */
export const rankedSearchHits = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 1000}) YIELD node
WITH node AS e WHERE e:Entity
WITH e, CASE WHEN $folded IN e.searchKeys OR $translit IN e.translitKeys THEN 0
             WHEN any(k IN e.searchKeys WHERE k STARTS WITH $folded OR (k CONTAINS ' ' AND substring(k, size(split(k, ' ')[0]) + 1) STARTS WITH $folded))
               OR any(k IN e.translitKeys WHERE k STARTS WITH $translit OR (k CONTAINS ' ' AND substring(k, size(split(k, ' ')[0]) + 1) STARTS WITH $translit)) THEN 1
             WHEN any(k IN e.searchKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $firstWord))
               OR any(k IN e.translitKeys WHERE any(w IN split(k, ' ') WHERE w STARTS WITH $translitFirstWord)) THEN 2
             ELSE 3 END AS bucket,
     COUNT { (e)-[:${relationTypeNames.join('|')}]-() } AS facts,
     size([w IN $translitWords WHERE any(k IN e.translitKeys WHERE w IN split(k, ' '))]) AS wholeWords
WITH e ORDER BY bucket, facts DESC, wholeWords DESC, e.sortKey, e.id`;

/** The search ranking as a user would paste it into @cypher. */
const searchStatement = `${rankedSearchHits} LIMIT $first
  RETURN e`;

export function neo4jGraphqlTypeDefs(): string {
  const types = entityTypeNames.map(
    (type) => `type ${type} implements Entity @node(labels: ["${type}", "Entity"]) {${entityFields(type)}${typeFields[type]}\n}`,
  );
  return `
interface Entity {
  id: ID!
  name: String!
  sortKey: String
  date: String
  countryCodes: [String!]!
}

"A memorandum's parties are agencies or countries (registry: PARTY_TO from Agency, Country)."
union Party = Agency | Country

"HOLDS_POSITION carries the title (role) and validity."
type Position @relationshipProperties {
  role: String
  start: String
  end: String
}

${types.join('\n\n')}

type Query {
  search(lucene: String!, folded: String!, translit: String, firstWord: String!, translitFirstWord: String, translitWords: [String!]!, first: Int!): [Entity!]! @cypher(statement: """${searchStatement}""", columnName: "e")
  searchCount(lucene: String!): Int! @cypher(statement: "CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 1000}) YIELD node WHERE node:Entity RETURN count(node) AS n", columnName: "n")
}
`;
}
