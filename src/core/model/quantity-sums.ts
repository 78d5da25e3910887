/**
 * Stated quantities added up without pretending: "more than 40" and "64" add up to "more than
 * 104". Used by the dashboard (stats) and the analytics group-by cells, whose totals the database
 * adds up (core/cypher/quantity-totals.ts).
 */
import { quantityText, type Qualifier } from './values';

export interface StatedQuantity {
  value: number;
  qualifier: Qualifier;
  unit: string | null;
}

export interface QuantitySumValue {
  value: number;
  qualifier: Qualifier;
  unit: string | null;
  text: string;
  stated: number;
}

const lowerBounds = new Set<Qualifier>(['MORE_THAN', 'AT_LEAST']);
const upperBounds = new Set<Qualifier>(['LESS_THAN', 'AT_MOST']);

/**
 * Stated quantities already added up (in Cypher): their total, the distinct qualifiers, the one
 * unit they all share (null: none, or several) and how many there were.
 */
export interface QuantityTotals {
  value: number;
  qualifiers: Qualifier[];
  unit: string | null;
  stated: number;
}

/**
 * Adds stated quantities without pretending: all exact stays exact; exact plus lower bounds is
 * a lower bound (MORE_THAN if any was strict); likewise for upper bounds; anything mixed with
 * an approximation, or lower with upper bounds, is ABOUT. Units differ: the unit is dropped.
 */
export function sumQuantities(parts: StatedQuantity[]): QuantitySumValue {
  const units = new Set(parts.map((part) => part.unit));
  return sumOfTotals({
    value: parts.reduce((sum, part) => sum + part.value, 0),
    qualifiers: [...new Set(parts.map((part) => part.qualifier))],
    unit: units.size === 1 ? [...units][0]! : null,
    stated: parts.length,
  });
}

/** sumQuantities of quantities the database added up. */
export function sumOfTotals({ value, qualifiers, unit, stated }: QuantityTotals): QuantitySumValue {
  const inexact = new Set(qualifiers.filter((q) => q !== 'EXACT'));
  let qualifier: Qualifier = 'EXACT';
  if (inexact.size === 1) qualifier = [...inexact][0]!;
  else if (inexact.size > 1) {
    const all = [...inexact];
    if (all.every((q) => lowerBounds.has(q))) qualifier = inexact.has('MORE_THAN') ? 'MORE_THAN' : 'AT_LEAST';
    else if (all.every((q) => upperBounds.has(q))) qualifier = inexact.has('LESS_THAN') ? 'LESS_THAN' : 'AT_MOST';
    else qualifier = 'ABOUT';
  }
  return { value, qualifier, unit, text: quantityText(value, qualifier, unit), stated };
}
