/**
 * How analytics buckets read and in what order they come: years and months in time order with
 * the undated last, a year-only date in a month series as its year's own bucket ("2019 (year
 * only)", before that year's months, never January), other dimensions most items first.
 */
import { compareText } from '../../core/model/ordering';
import { entitySpec, isEntityTypeName } from '../../core/model/registry';
import { monthNames } from '../../core/model/values';
import { dimensions, type Dimension } from './dimensions';
import type { BucketRow, SeriesRow } from './analytics.repository';

/** A period key (YYYY or YYYY-MM) in words: "2019", "June 2019", or "2019 (year only)" where months were asked. */
function periodLabel(key: string, months: boolean): string {
  if (key.length === 7) return `${monthNames[Number(key.slice(5)) - 1]} ${key.slice(0, 4)}`;
  return months ? `${key} (year only)` : key;
}

/** What the bucket of items without a value reads. */
const missingLabels: Record<string, string> = { undated: 'Undated', unknown: 'Unknown', none: 'None' };

/** The label a bucket shows for its key. */
export function bucketLabel(dimension: Dimension, bucket: { key: string; label: string }): string {
  const missing = dimensions[dimension].missing;
  if (bucket.key === missing && dimension !== 'KIND' && dimension !== 'DISPUTED') return missingLabels[missing] ?? 'Unknown';
  switch (dimension) {
    case 'YEAR':
      return periodLabel(bucket.key, false);
    case 'MONTH':
      return periodLabel(bucket.key, true);
    case 'DISPUTED':
      return bucket.key === 'true' ? 'Disputed' : 'Undisputed';
    case 'TYPE':
      return bucket.key;
    default:
      return bucket.label;
  }
}

/** Buckets in display order; a TYPE bucket's key becomes the EntityType enum value, as stats keys it. */
export function orderBuckets(dimension: Dimension, buckets: readonly BucketRow[]): BucketRow[] {
  const keyed =
    dimension === 'TYPE'
      ? buckets.map((b) => ({ ...b, key: isEntityTypeName(b.key) ? entitySpec(b.key).enumValue : b.key, label: b.key }))
      : [...buckets];
  const byKey = (a: BucketRow, b: BucketRow) => compareText(a.key, b.key);
  return keyed.sort(dimensions[dimension].order === 'key' ? byKey : (a, b) => b.count - a.count || byKey(a, b));
}

/** A series' buckets in time order, with its undated and year-only counts. */
export function seriesBuckets(rows: readonly SeriesRow[], interval: 'YEAR' | 'MONTH') {
  const months = interval === 'MONTH';
  const dated = rows
    .filter((row): row is SeriesRow & { period: string } => row.period !== null)
    .sort((a, b) => compareText(a.period, b.period));
  const buckets = dated.map((row) => ({
    period: row.period,
    precision: row.period.length === 7 ? ('MONTH' as const) : ('YEAR' as const),
    year: Number(row.period.slice(0, 4)),
    month: row.period.length === 7 ? Number(row.period.slice(5)) : null,
    label: periodLabel(row.period, months),
    count: row.count,
  }));
  return {
    buckets,
    undated: rows.find((row) => row.period === null)?.count ?? 0,
    yearOnly: months ? buckets.filter((bucket) => bucket.precision === 'YEAR').reduce((sum, bucket) => sum + bucket.count, 0) : 0,
  };
}
