/**
 * Stated quantities added up per group in Cypher (thousands of items' figures are never shipped
 * to Node), as QuantityTotals that sumOfTotals (core/model/quantity-sums.ts) turns into a qualified
 * sum: "more than 40" and "64" add up to "more than 104". One definition for group-by cells and
 * for stats.
 */
import { attributesOfKind, type EntityTypeName } from '../model/registry';
import { storedKeys } from '../model/storage';

/**
 * Cypher, inside an aggregation over items `e` of `type`: a map of one total per quantity
 * attribute of the type ({participants: {value, qualifiers, unit, stated}}), `{}` for a type
 * without quantities. `stated` counts the items that gave a figure; the others gave none.
 */
export function quantityTotals(e: string, type: EntityTypeName): string {
  const total = (name: string) => {
    const [value, qualifier, unit] = storedKeys(name, { kind: 'quantity' }).map((key) => `${e}.${key}`);
    const stated = (x: string) => `CASE WHEN ${value} IS NOT NULL THEN ${x} END`;
    // The one unit all stated values share; a stated value without a unit is a unit of its own.
    const shared = `count(DISTINCT ${stated(unit!)}) = 1 AND count(${stated(`CASE WHEN ${unit} IS NULL THEN 1 END`)}) = 0`;
    return `${name}: {value: sum(${value}), qualifiers: collect(DISTINCT ${stated(`coalesce(${qualifier}, 'EXACT')`)}), unit: CASE WHEN ${shared} THEN min(${stated(unit!)}) END, stated: count(${value})}`;
  };
  return `{${attributesOfKind(type, 'quantity').map(total).join(', ')}}`;
}
