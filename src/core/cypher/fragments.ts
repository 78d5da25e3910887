/**
 * One definition of each Cypher concept the repositories share: an entity's date, partial-date
 * comparison, validity on a date, "of a country" and relation ordering (keyset paging: keyset.ts). Each is
 * a function from variable and parameter names to fixed Cypher text, derived from the model
 * registry; client values never go into the text.
 */
import {
  dateAttributes,
  entitySpec,
  isEntityTypeName,
  isRelationTypeName,
  relationSpec,
  type EntityTypeName,
  type RelationTypeName,
} from '../model/registry';
import { locatedTypes, locationRelations, relationsReaching, representedBy, representedRelations } from '../model/country-routes';
import { compareText } from '../model/ordering';
import type { RelationRecord } from '../model/records';

/**
 * Relationship types written into a pattern (`:PARTY_TO|SIGNED`), so Neo4j expands only those
 * relationships of a dense node instead of all of them. Types come from the registry's closed
 * set; anything else is a programming error, never client text in the query.
 */
export function relationshipTypes(types: readonly string[] | null): string {
  if (types === null || types.length === 0) return '';
  for (const type of types) if (!isRelationTypeName(type)) throw new Error(`not a relation type: ${JSON.stringify(type)}`);
  return `:${[...new Set(types)].join('|')}`;
}

/** The type label of an entity type (`:Agency`), checked against the registry like relationship types. */
export function typeLabel(type: string): string {
  if (!isEntityTypeName(type)) throw new Error(`not an entity type: ${JSON.stringify(type)}`);
  return `:${type}`;
}

/** The date an entity is about (signed, opened, date, asOf): ISO partial date text, or null when undated. */
export function entityDate(e: string, types: readonly EntityTypeName[] | null = null): string {
  // For known types only their own date attributes can be set: fewer properties to read.
  const attributes =
    types === null ? dateAttributes : dateAttributes.filter(({ name }) => types.some((type) => entitySpec(type).dated?.attribute === name));
  const values = attributes.map(({ name }) => `${e}.${name}`);
  return values.length === 0 ? 'null' : values.length === 1 ? values[0]! : `coalesce(${values.join(', ')})`;
}

/**
 * Partial dates compare at the coarser of their two precisions: 2016 is both >= 2016-06 and
 * <= 2016-06 (it may be either). `a <= b` for partial ISO dates a and b:
 */
export const dateLe = (a: string, b: string): string => `left(${a}, size(${b})) <= left(${b}, size(${a}))`;

/** True when relationship `r` was valid on `asOf` (or no asOf was asked); open ends are unbounded. */
export const validOn = (r: string, asOf: string | null = '$asOf'): string =>
  asOf === null
    ? 'true'
    : `(${asOf} IS NULL OR ((${r}.start IS NULL OR ${dateLe(`${r}.start`, asOf)}) AND (${r}.end IS NULL OR ${dateLe(asOf, `${r}.end`)})))`;

/** An entity exists on `asOf` unless its own date is later (a memorandum signed in 2020 is not there in 2019). */
export function existsOn(e: string, asOf: string | null = '$asOf', types: readonly EntityTypeName[] | null = null): string {
  const date = entityDate(e, types);
  return asOf === null || date === 'null' ? 'true' : `(${asOf} IS NULL OR ${date} IS NULL OR ${dateLe(date, asOf)})`;
}

/** `e`'s date may fall on or after `from` / on or before `to` (partial dates); undated entities never match. */
export function dateFrom(e: string, from: string, types: readonly EntityTypeName[] | null = null): string {
  const date = entityDate(e, types);
  return date === 'null' ? 'false' : `(${date} IS NOT NULL AND ${dateLe(from, date)})`;
}
export function dateTo(e: string, to: string, types: readonly EntityTypeName[] | null = null): string {
  const date = entityDate(e, types);
  return date === 'null' ? 'false' : `(${date} IS NOT NULL AND ${dateLe(date, to)})`;
}

/** Relations from an entity straight to its country: a location, or an outward link that may end at a country. */
const directOut = relationsReaching(['location', 'outward'], 'to', ['Country']);
/** Outward links whose far end may itself be located in a country (a training's recipient agency). */
const viaOut = relationsReaching(['outward'], 'to', locatedTypes);
/** Inward links from a country, or from something located in one (the parties to a memorandum). */
const directIn = relationsReaching(['inward'], 'from', ['Country']);
const viaIn = relationsReaching(['inward'], 'from', locatedTypes);
const located = locationRelations.join('|');

interface CountryRoute {
  pattern: string;
  relationships: string[];
}

/** Every relationship of a route valid on `asOf`, as a WHERE clause; none without an asOf. */
const routeValidOn = (route: CountryRoute, asOf: string | null): string =>
  asOf === null ? '' : ` WHERE ${route.relationships.map((r) => validOn(r, asOf)).join(' AND ')}`;

/**
 * The ways `e` reaches a country node `c` (see core/model/country-routes.ts): each a MATCH pattern and
 * the relationship variables in it, whose validity a caller may check. For known `types`, only
 * the relations those types may take part in (an agency is never TRAINED's from-end).
 */
function countryPatterns(
  e: string,
  c: string,
  types: readonly EntityTypeName[] | null = null,
  first: readonly RelationTypeName[] | null = null,
): CountryRoute[] {
  const own = (names: RelationTypeName[], side: 'from' | 'to') =>
    names
      .filter(
        (name) =>
          (types === null || relationSpec(name)[side].some((type) => types.includes(type))) && (first === null || first.includes(name)),
      )
      .join('|');
  const routes = [
    { types: own(directOut, 'from'), pattern: (t: string) => `(${e})-[cr:${t}]->${c}`, relationships: ['cr'] },
    {
      types: own(viaOut, 'from'),
      pattern: (t: string) => `(${e})-[cr1:${t}]->(:Entity)-[cr2:${located}]->${c}`,
      relationships: ['cr1', 'cr2'],
    },
    { types: own(directIn, 'to'), pattern: (t: string) => `(${e})<-[cr:${t}]-${c}`, relationships: ['cr'] },
    {
      types: own(viaIn, 'to'),
      pattern: (t: string) => `(${e})<-[cr1:${t}]-(:Entity)-[cr2:${located}]->${c}`,
      relationships: ['cr1', 'cr2'],
    },
    // Representation: the fact's official and their post at a mission abroad (core/model/country-routes.ts).
    {
      types: own(representedRelations.out, 'from'),
      pattern: (t: string) => `(${e})-[cr1:${t}]->${representedBy('cr', c)}`,
      relationships: ['cr1', 'crpost', 'crsent'],
    },
    {
      types: own(representedRelations.in, 'to'),
      pattern: (t: string) => `(${e})<-[cr1:${t}]-${representedBy('cr', c)}`,
      relationships: ['cr1', 'crpost', 'crsent'],
    },
  ];
  return routes
    .filter((route) => route.types !== '')
    .map((route) => ({ pattern: route.pattern(route.types), relationships: route.relationships }));
}

/**
 * `e` belongs to the country whose ISO alpha-2 code is in `code`: it is the country, or reaches
 * it through one of the registry's country routes, each relation valid on `asOf` (null: any
 * date). With the `types` `e` may have, only their routes are tried.
 */
export function countryCondition(
  e: string,
  code: string,
  asOf: string | null = '$asOf',
  types: readonly EntityTypeName[] | null = null,
): string {
  // Pattern comprehensions expand from `e` (a few relationships), never from the dense country
  // node a MATCH in an EXISTS may be planned to start at.
  const routes = countryPatterns(e, '(cc:Country)', types).map(
    (route) => `${code} IN [${route.pattern}${routeValidOn(route, asOf)} | cc.code]`,
  );
  const self = types === null || types.includes('Country') ? [`(${e}:Country AND ${e}.code = ${code})`] : [];
  const ways = [...self, ...routes];
  return ways.length === 0 ? 'false' : `(\n    ${ways.join('\n    OR ')}\n  )`;
}

/**
 * Every entity of `types` (null: any) that belongs to the country bound to `c`, found by walking out from
 * the country (one index seek, then its relationships) instead of testing each candidate against
 * the dense country node: a subquery binding `e`, one row per entity (UNION removes repeats).
 */
export function countryMembers(c: string, e: string, types: readonly EntityTypeName[] | null, asOf: string | null = '$asOf'): string {
  const self = types === null || types.includes('Country') ? [`WITH ${c} AS ${e} RETURN ${e}`] : [];
  const label = types?.length === 1 ? types[0] : 'Entity';
  const routes = countryPatterns(`${e}:${label}`, `(${c})`, types).map(
    (route) => `MATCH ${route.pattern}${routeValidOn(route, asOf)} RETURN ${e}`,
  );
  return `CALL (${c}) {\n    ${[...self, ...routes].join('\n    UNION\n    ')}\n  }`;
}

/**
 * Every country `e` (one of `types`) reaches by the registry's routes, each relation valid on
 * `asOf`: a list subquery of distinct country nodes. Stats count a fact once for each country it
 * reaches. `first`: only routes starting with one of these relations (a training's recipients,
 * not its provider).
 */
export function countryReaches(
  e: string,
  types: readonly EntityTypeName[],
  asOf: string | null,
  first: readonly RelationTypeName[] | null = null,
): string {
  const routes = countryPatterns(e, '(rc:Country)', types, first).map(
    (route) => `MATCH ${route.pattern}${routeValidOn(route, asOf)} RETURN rc`,
  );
  return routes.length === 0 ? '[]' : `COLLECT { ${routes.join(' UNION ')} }`;
}

/**
 * countryReaches seen from the other end: every fact `e` (one of `types`) reaching the country
 * bound to `c`, found by walking out from the country, one row per fact (UNION removes the
 * repeats of a fact reaching it several ways). Stats over every country take this side: each
 * country's typed relationships and each located entity's are read once, where walking from
 * every fact reads each fact's whole relationship chain once per route and each hub agency's
 * again for every fact that names it.
 */
export function countryWays(c: string, e: string, types: readonly EntityTypeName[], asOf: string | null): string {
  const routes = countryPatterns(`${e}:${types.join('|')}`, `(${c})`, types).map(
    (route) => `MATCH ${route.pattern}${routeValidOn(route, asOf)} RETURN ${e}`,
  );
  const none = `WITH ${c} WHERE false RETURN null AS ${e}`;
  return `CALL (${c}) {\n    ${routes.length === 0 ? none : routes.join('\n    UNION\n    ')}\n  }`;
}

/**
 * The ISO codes of every country `e` reaches, as a list subquery without repeats: what identifies
 * a fact's countries on import (any type, any date) and what analytics count a country by (`e`
 * one of `types`, every relation on the way valid on `asOf`).
 */
export const countryCodes = (e: string, types: readonly EntityTypeName[] | null = null, asOf: string | null = null): string => {
  const routes = countryPatterns(e, '(c:Country)', types);
  return routes.length === 0
    ? '[]'
    : `COLLECT { ${routes.map((route) => `MATCH ${route.pattern}${routeValidOn(route, asOf)} RETURN c.code AS code`).join(' UNION ')} }`;
};

/** The countries `x` is or is located in, as a list subquery binding `c` (stats group by them). */
export const locationCountries = (x: string, c: string, asOf: string | null = '$asOf'): string =>
  `COLLECT { MATCH (${x}) WHERE ${x}:Country RETURN ${x} AS ${c} UNION MATCH (${x})-[cb:${located}]->(${c}:Country) WHERE ${validOn('cb', asOf)} RETURN ${c} }`;

/**
 * Relations around one entity in a stable order: by type, then start date (undated first),
 * then the other end's id. relationOrder is the same order in Cypher.
 */
export function compareRelations(selfId: string) {
  const other = (r: RelationRecord) => (r.fromId === selfId ? r.toId : r.fromId);
  return (a: RelationRecord, b: RelationRecord): number =>
    compareText(a.type, b.type) || compareText(a.start ?? '', b.start ?? '') || compareText(other(a), other(b));
}

/** compareRelations' order of relationships `r` to far ends `m`, for an ORDER BY. */
export const relationOrder = (r: string, m: string): string => `type(${r}), coalesce(${r}.start, ''), ${m}.id`;

/** Relations of a set (a network's edges) in a stable order: from, type, to, role. */
export function compareEdges(a: RelationRecord, b: RelationRecord): number {
  return (
    a.fromId.localeCompare(b.fromId) ||
    a.type.localeCompare(b.type) ||
    a.toId.localeCompare(b.toId) ||
    (a.role ?? '').localeCompare(b.role ?? '')
  );
}
