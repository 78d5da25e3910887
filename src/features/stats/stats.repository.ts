/**
 * Cypher for the dashboard aggregates: one statement per aggregate, run side by side. Keys,
 * grouping and counts here; quantity sums qualified in stats.dashboard.ts.
 */
import type { QueryRunner } from '../../core/db/database';
import { FilterCompiler, type EntityFilter } from '../../core/cypher/filters';
import { countryMembers, countryReaches, countryWays, entityDate, existsOn, validOn } from '../../core/cypher/fragments';
import { disputedItemIds, itemDisputed, relationDisputed } from '../../core/cypher/disputes';
import { quantityTotals } from '../../core/cypher/quantity-totals';
import type { EntityTypeName } from '../../core/model/records';
import { datedTypes, entityTypeNames, relationTypeNames, type RelationTypeName } from '../../core/model/registry';
import { countryRoutes } from '../../core/model/country-routes';
import type { QuantityTotals } from '../../core/model/quantity-sums';
import { singleKey } from '../analytics/dimensions';

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

/** A count and, of it, the disputed items (core/cypher/disputes.ts: sources give competing values for something about them). */
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

/** Dated types the registry gives a country: what factsByCountry counts. */
const countryFactTypes = datedTypes.filter((type) => countryRoutes(type).length > 0);

/**
 * One row per fact `e` and country `c` it reaches (`reaches`: a countryReaches list), with
 * `disputed` as every count means it (core/cypher/disputes.ts). With `keepNone` a fact that
 * reaches no country gives one row with `c` null.
 */
function perCountry(e: string, reaches: string, keepNone: boolean): string {
  const list = keepNone ? 'CASE WHEN size(reaches) = 0 THEN [null] ELSE reaches END' : 'reaches';
  return `WITH ${e}, ${itemDisputed(e)} AS disputed, ${reaches} AS reaches
         UNWIND ${list} AS c
         WITH ${e}, c, disputed`;
}

/** The disputed items' keys when nothing is filtered, found from the disputed claims (few) rather than a scan of every entity or relation. */
const disputedKeys = {
  entitiesByType: `CALL () { ${disputedItemIds} }
         MATCH (e:Entity {id: id})
         RETURN collect(e.type) AS disputedKeys`,
  // Exactly the relations markDisputes marks: those carrying a disputed claim's subject and property.
  relationsByType: `MATCH (dc:Claim) WHERE dc.disputed
         WITH DISTINCT dc.subjectId AS id, dc.property AS property
         MATCH (:Entity {id: id})-[r]-(:Entity) WHERE r.claimSubject = id AND r.claimProperty = property AND ${relationDisputed('r')}
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

export class StatsRepository {
  constructor(private readonly db: QueryRunner) {}

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

/** What every aggregate's statement is written from, for one filter (its values compiled into `params`). */
function statsFragments(filter: StatsFilter, params: Record<string, unknown>) {
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
         WITH c, e WHERE ${existsOn('e', asOf, types)} AND ${compiler.compile('e', entityFilter, types)}
         RETURN c, e, ${itemDisputed('e')} AS disputed
       }`;
  // Facts a filter narrows down (one country's, a date range's) are few, and routes that must
  // start with a given relation (a training's recipients) pass through few of the located
  // entities a walk from the countries would read: then each fact walks to its countries.
  const narrowed = Boolean(filter.country || filter.from || filter.to || filter.idPrefix);
  const reaching = (types: readonly EntityTypeName[], keepNone: boolean, first: readonly RelationTypeName[] | null = null) =>
    narrowed || keepNone || first
      ? `${match(types)}
         ${perCountry('e', countryReaches('e', types, asOf, first), keepNone)}`
      : everyCountry(types);
  // The analytics YEAR dimension's key as a number: its missing key ('undated') is none, the cell with year null.
  const year = (type: EntityTypeName) => `toInteger(${singleKey('YEAR', 'e', type)})`;
  const countYears = (type: EntityTypeName, name: string, first: readonly RelationTypeName[] | null) => `${reaching([type], false, first)}
         WITH c.code AS code, ${year(type)} AS year, count(e) AS count, count(CASE WHEN disputed THEN 1 END) AS disputed
         RETURN collect({code: code, year: year, count: count, disputed: disputed}) AS ${name}`;
  const unfiltered = Object.values({ ...entityFilter, asOf: filter.asOf }).every((value) => value === null || value === undefined);
  return { match, valid, reaching, countYears, unfiltered };
}

/** Each dashboard aggregate's statement, with the filter compiled into `params`. */
function statsStatements(filter: StatsFilter, params: Record<string, unknown>): Record<keyof StatsRows, string> {
  const { match, valid, reaching, countYears, unfiltered } = statsFragments(filter, params);
  return {
    entitiesByType: unfiltered
      ? storedCounts(entityTypeNames, (type) => `(e:${type})`, 'entitiesByType')
      : `${match(null)}
         WITH e.type AS key, count(*) AS count, count(CASE WHEN ${itemDisputed('e')} THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS entitiesByType`,
    relationsByType: unfiltered
      ? storedCounts(relationTypeNames, (type) => `()-[r:${type}]->()`, 'relationsByType')
      : `${match(null)}
         MATCH (e)-[r]->(:Entity) WHERE ${valid('r')}
         WITH type(r) AS key, count(*) AS count, count(CASE WHEN ${relationDisputed('r')} THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS relationsByType`,
    memorandaByYear: `${match(['Memorandum'])}
         WITH ${singleKey('YEAR', 'e', 'Memorandum')} AS key, count(*) AS count, count(CASE WHEN ${itemDisputed('e')} THEN 1 END) AS disputed ORDER BY key
         RETURN collect({key: key, count: count, disputed: disputed}) AS memorandaByYear`,
    trainings: `${reaching(['Training'], true, ['TRAINED'])}
         WITH c, count(e) AS count, count(CASE WHEN disputed THEN 1 END) AS disputed, ${quantityTotals('e', 'Training')} AS totals ORDER BY c.code
         RETURN collect({code: coalesce(c.code, 'unknown'), name: coalesce(c.name, 'unknown'), count: count, disputed: disputed, totals: totals}) AS trainings`,
    centresByModelAgency: `${match(['ServiceCenter'])}
         MATCH (e)-[m:MODELLED_ON]->(a:Entity) WHERE ${valid('m')}
         WITH DISTINCT a, e
         WITH a, count(e) AS count, count(CASE WHEN ${itemDisputed('e')} THEN 1 END) AS disputed ORDER BY a.id
         RETURN collect({key: a.id, label: a.name, count: count, disputed: disputed}) AS centresByModelAgency`,
    memorandumCountryYears: countYears('Memorandum', 'memorandumCountryYears', null),
    trainingCountryYears: countYears('Training', 'trainingCountryYears', ['TRAINED']),
    factsByCountry: `${reaching(countryFactTypes, false)}
         WITH c, e.type AS type, count(e) AS count, count(CASE WHEN ${entityDate('e', countryFactTypes)} IS NULL THEN 1 END) AS undated,
              count(CASE WHEN disputed THEN 1 END) AS disputed ORDER BY c.code, type
         RETURN collect({code: c.code, name: c.name, type: type, count: count, undated: undated, disputed: disputed}) AS factsByCountry`,
  };
}
