/**
 * The dimensions a list's items are counted by (facets, group-by), each derived from the model
 * registry: which entity types it applies to, the Cypher list of keys an item `e` takes on it,
 * and how a bucket's label is found from its key. An item with no value takes the dimension's missing key ('unknown',
 * 'undated'), so every item is counted somewhere and a bucket is never silently dropped. An
 * item may take several values (a memorandum reaches every party's country): it is counted once
 * under each, so a facet's counts may add up to more than the list's totalCount.
 */
import { itemDisputed } from '../../core/cypher/disputes';
import { countryCodes, entityDate, validOn } from '../../core/cypher/fragments';
import { entitySpec, type EntityTypeName } from '../../core/model/registry';
import { countryRoutes } from '../../core/model/country-routes';
import type { AnalyticsDimension } from '../../generated/graphql';

/**
 * The AnalyticsDimension enum of schema/analytics.graphql: `dimensions` below must have an entry for
 * each of its values and for nothing else, so the SDL and this table cannot drift apart.
 */
export type Dimension = AnalyticsDimension;

export interface DimensionSpec {
  /** The key of an item without a value. */
  missing: string;
  /** Does the dimension mean anything for items of this type? */
  appliesTo: (type: EntityTypeName) => boolean;
  /**
   * Cypher: the list of distinct keys item `e` (of `type`) takes, relations valid on `asOf` (a
   * parameter name, or null: any date); empty when it has none. Keys only: labels are looked up
   * once per bucket (`label`), not carried by every item.
   */
  values: (e: string, type: EntityTypeName, asOf: string | null) => string;
  /** Cypher: a bucket's label from its key `k`, after grouping. */
  label: (k: string) => string;
  /** How buckets are ordered for display: by key (time), or most items first. */
  order: 'key' | 'count';
}

const dated = (type: EntityTypeName): boolean => entitySpec(type).dated !== undefined;

/** A one-value list: the value, or nothing when the expression is null. */
const single = (key: string): string => `CASE WHEN ${key} IS NULL THEN [] ELSE [${key}] END`;

/** The key is its own label (a year, a Kind value, a publisher's name). */
const itself = (k: string): string => k;

export const dimensions: Record<Dimension, DimensionSpec> = {
  TYPE: { missing: 'unknown', appliesTo: () => true, values: (e) => `[${e}.type]`, label: itself, order: 'count' },
  // Every country the item reaches the way EntityFilter.country means it: the same routes the filter and stats walk.
  COUNTRY: {
    missing: 'unknown',
    appliesTo: (type) => type === 'Country' || countryRoutes(type).length > 0,
    values: (e, type, asOf) => (type === 'Country' ? `[${e}.code]` : countryCodes(e, [type], asOf)),
    label: (k) => `coalesce(head(COLLECT { MATCH (lc:Country {code: ${k}}) RETURN lc.name }), ${k})`,
    order: 'count',
  },
  YEAR: {
    missing: 'undated',
    appliesTo: dated,
    values: (e, type) => single(`left(${entityDate(e, [type])}, 4)`),
    label: itself,
    order: 'key',
  },
  // A year-only date keeps its year as its key: never spread to a month, never put in January.
  MONTH: {
    missing: 'undated',
    appliesTo: dated,
    values: (e, type) => single(`left(${entityDate(e, [type])}, 7)`),
    label: itself,
    order: 'key',
  },
  KIND: {
    missing: 'OTHER',
    appliesTo: (type) => (entitySpec(type).kinds ?? []).length > 0,
    values: (e) => `[coalesce(${e}.kind, 'OTHER')]`,
    label: itself,
    order: 'count',
  },
  // Disputed as every count means it (core/cypher/disputes.ts): sources give competing values for something about the item.
  DISPUTED: {
    missing: 'false',
    appliesTo: () => true,
    values: (e) => `[toString(${itemDisputed(e)})]`,
    label: itself,
    order: 'key',
  },
  SOURCE_PUBLISHER: {
    missing: 'unknown',
    appliesTo: () => true,
    values: (e) =>
      `COLLECT { MATCH (ds:Source) WHERE ds.id IN ${e}.sourceIds AND ds.publisher IS NOT NULL RETURN DISTINCT ds.publisher AS publisher }`,
    label: itself,
    order: 'count',
  },
  // The partner agencies of a fact: every agency linked to the item by a relation of its own
  // (only direct links: a signatory's organisation is counted when it is itself a party).
  AGENCY: {
    missing: 'none',
    appliesTo: (type) => type !== 'Country',
    values: (e, _type, asOf) => `COLLECT { MATCH (${e})-[da]-(a:Agency) WHERE ${validOn('da', asOf)} RETURN DISTINCT a.id AS id }`,
    label: (k) => `coalesce(head(COLLECT { MATCH (la:Entity {id: ${k}}) RETURN la.name }), ${k})`,
    order: 'count',
  },
};

export const dimensionNames = Object.keys(dimensions) as Dimension[];

/** The dimensions items of `type` may be counted by, in declaration order. */
export function dimensionsOf(type: EntityTypeName): Dimension[] {
  return dimensionNames.filter((name) => dimensions[name].appliesTo(type));
}

/**
 * The keys list bound to `v` for `dimension`, or the missing key when it is empty: what a
 * statement UNWINDs, so an item without a value is counted under 'unknown' / 'undated' rather
 * than dropped.
 */
export function valuesOrMissing(dimension: Dimension, v: string): string {
  return `CASE WHEN size(${v}) = 0 THEN ['${dimensions[dimension].missing}'] ELSE ${v} END`;
}

/**
 * The one key `e` (of `type`) takes on a single-valued dimension (TYPE, YEAR, MONTH, KIND,
 * DISPUTED), the missing key when it has none: a scalar to group by, as stats does.
 */
export function singleKey(
  dimension: Exclude<Dimension, 'COUNTRY' | 'SOURCE_PUBLISHER' | 'AGENCY'>,
  e: string,
  type: EntityTypeName,
): string {
  return `coalesce(head(${dimensions[dimension].values(e, type, null)}), '${dimensions[dimension].missing}')`;
}
