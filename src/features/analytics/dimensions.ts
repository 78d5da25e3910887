/**
 * The dimensions a list's items are counted by (facets, group-by), each derived from the model
 * registry: which entity types it applies to, and the Cypher list of {key, label} values an item
 * `e` takes on it. An item with no value takes the dimension's missing key ('unknown',
 * 'undated'), so every item is counted somewhere and a bucket is never silently dropped. An
 * item may take several values (a memorandum reaches every party's country): it is counted once
 * under each, so a facet's counts may add up to more than the list's totalCount.
 */
import { countryReaches, entityDate } from '../../core/cypher/fragments';
import { countryRoutes, entitySpec, type EntityTypeName } from '../../core/model/registry';

export type Dimension = 'TYPE' | 'COUNTRY' | 'YEAR' | 'MONTH' | 'KIND' | 'DISPUTED' | 'SOURCE_PUBLISHER';

export interface DimensionSpec {
  /** The key of an item without a value. */
  missing: string;
  /** Does the dimension mean anything for items of this type? */
  appliesTo: (type: EntityTypeName) => boolean;
  /** Cypher: the list of distinct {key, label} maps item `e` (of `type`) takes, relations valid on `asOf` (a parameter name, or null: any date); empty when it has none. */
  values: (e: string, type: EntityTypeName, asOf: string | null) => string;
  /** How buckets are ordered for display: by key (time), or most items first. */
  order: 'key' | 'count';
}

const dated = (type: EntityTypeName): boolean => entitySpec(type).dated !== undefined;

/** A list of {key, label} maps without repeated keys (a country reached by two routes counts once). */
const distinctKeys = (list: string): string => `reduce(seen = [], v IN ${list} | CASE WHEN v.key IN [s IN seen | s.key] THEN seen ELSE seen + v END)`;

/**
 * The countries `e` reaches by the registry's routes (what EntityFilter.country means), each
 * relation on the way valid on `asOf`: the same fragment stats counts countries with.
 */
function countriesOf(e: string, type: EntityTypeName, asOf: string | null): string {
  if (type === 'Country') return `[{key: ${e}.code, label: ${e}.name}]`;
  return distinctKeys(`[reach IN ${countryReaches(e, [type], asOf)} | {key: reach.country.code, label: reach.country.name}]`);
}

/** A one-value list: the value, or nothing when the expression is null. */
const single = (key: string): string => `CASE WHEN ${key} IS NULL THEN [] ELSE [{key: ${key}, label: ${key}}] END`;

export const dimensions: Record<Dimension, DimensionSpec> = {
  TYPE: { missing: 'unknown', appliesTo: () => true, values: (e) => `[{key: ${e}.type, label: ${e}.type}]`, order: 'count' },
  COUNTRY: { missing: 'unknown', appliesTo: (type) => type === 'Country' || countryRoutes(type).length > 0, values: countriesOf, order: 'count' },
  YEAR: { missing: 'undated', appliesTo: dated, values: (e, type) => single(`left(${entityDate(e, [type])}, 4)`), order: 'key' },
  // A year-only date keeps its year as its key: never spread to a month, never put in January.
  MONTH: { missing: 'undated', appliesTo: dated, values: (e, type) => single(`left(${entityDate(e, [type])}, 7)`), order: 'key' },
  KIND: { missing: 'OTHER', appliesTo: (type) => (entitySpec(type).kinds ?? []).length > 0, values: (e) => single(`coalesce(${e}.kind, 'OTHER')`), order: 'count' },
  // Disputed: sources give competing values for something about the item (its date, its parties, a figure).
  DISPUTED: {
    missing: 'false',
    appliesTo: () => true,
    values: (e) => `[{key: toString(EXISTS { MATCH (dc:Claim {subjectId: ${e}.id}) WHERE dc.disputed }), label: ''}]`,
    order: 'key',
  },
  SOURCE_PUBLISHER: {
    missing: 'unknown',
    appliesTo: () => true,
    values: (e) => `COLLECT { MATCH (ds:Source) WHERE ds.id IN ${e}.sourceIds AND ds.publisher IS NOT NULL RETURN DISTINCT {key: ds.publisher, label: ds.publisher} AS value }`,
    order: 'count',
  },
};

export const dimensionNames = Object.keys(dimensions) as Dimension[];

/** The dimensions items of `type` may be counted by, in declaration order. */
export function dimensionsOf(type: EntityTypeName): Dimension[] {
  return dimensionNames.filter((name) => dimensions[name].appliesTo(type));
}

/**
 * The values list bound to `v` for `dimension`, or the missing key when it is empty: what a
 * statement UNWINDs, so an item without a value is counted under 'unknown' / 'undated' rather
 * than dropped.
 */
export function valuesOrMissing(dimension: Dimension, v: string): string {
  const { missing } = dimensions[dimension];
  return `CASE WHEN size(${v}) = 0 THEN [{key: '${missing}', label: '${missing}'}] ELSE ${v} END`;
}
