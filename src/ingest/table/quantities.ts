/**
 * The quantity column: figures with their qualifiers ("MORE_THAN 30 services; EXACT 9 districts"),
 * and what each counts, from its unit or the quantity_metric column.
 */
import { qualifiers, type Qualifier } from '../../core/model/values';

export interface TableQuantity {
  value: number;
  qualifier: Qualifier;
  unit: string | null;
  /** What it counts, as the quantity_metric column names it; null: derived from the unit at import (metricOf). */
  metric: string | null;
  /** The segment as written, e.g. "MORE_THAN 30 services". */
  text: string;
}

const qualifierPattern = qualifiers.join('|');
const quantityPattern = new RegExp(`^(?:(${qualifierPattern})\\s+)?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s+(.*))?$`);
/** Where a second figure starts inside a segment: "500 delegates from MORE_THAN 190 countries". */
const embeddedFigure = new RegExp(`\\s+(?=(?:${qualifierPattern})\\s+\\d)`);
const prepositions = 'from|in|of|across|per|for|with|at|on|by|to|under';
/** A word left at the end of a part when a second figure was split off ("delegates from", "countries and"). */
const trailingJoin = new RegExp(`\\s+(?:${prepositions}|and)$`, 'i');
/** A metric is the unit up to its first preposition ("countries" of "countries across Africa"). */
const metricEnd = new RegExp(`\\s+(?:${prepositions})\\s.*$`, 'i');

/**
 * What a quantity counts, from its unit: remarks in brackets and everything from the first
 * joining word dropped, lower case ("public and private services (as described...)" ->
 * "public and private services"); "count" when there is no unit.
 */
export function metricOf(unit: string | null): string {
  const metric = (unit ?? '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(metricEnd, '')
    .trim()
    .toLowerCase();
  return metric || 'count';
}

/**
 * "MORE_THAN 30 services; EXACT 9 districts" -> two quantities; a figure inside a unit is a
 * quantity of its own ("MORE_THAN 500 delegates from MORE_THAN 190 countries" -> 500 delegates,
 * 190 countries). A figure without a qualifier is stated plainly: EXACT. Null when a segment
 * does not start with a number.
 */
export function parseQuantities(text: string): TableQuantity[] | null {
  const parts = text
    .split(';')
    .flatMap((segment) => segment.split(embeddedFigure))
    .map((part) => part.trim().replace(trailingJoin, ''))
    .filter(Boolean);
  const out: TableQuantity[] = [];
  for (const part of parts) {
    const match = quantityPattern.exec(part);
    if (!match) return null;
    const unit = match[3]?.trim() || null;
    out.push({
      qualifier: (match[1] as Qualifier | undefined) ?? 'EXACT',
      value: Number(match[2]!.replace(/,/g, '')),
      unit,
      metric: null,
      text: part,
    });
  }
  return out;
}

/**
 * Gives the quantities the quantity_metric column's metrics, in order; an empty entry keeps the
 * derived one. Returns what is wrong with the column, or null.
 */
export function nameMetrics(quantities: TableQuantity[], column: string): string | null {
  if (!column) return null;
  const metrics = column.split(';').map((metric) => metric.trim());
  if (metrics.length !== quantities.length) {
    return `names ${metrics.length} metric(s) for ${quantities.length} quantit${quantities.length === 1 ? 'y' : 'ies'} ('${quantities.map((q) => q.text).join("', '")}'): give one per quantity, ';'-separated, empty to keep the default`;
  }
  const tooLong = metrics.find((metric) => metric.length > 100);
  if (tooLong) return `metric '${tooLong.slice(0, 40)}...' is longer than 100 characters`;
  metrics.forEach((metric, i) => {
    if (metric) quantities[i]!.metric = metric.toLowerCase();
  });
  return null;
}
