/**
 * Claims: every value a source states that another source could contradict (dates, quantities,
 * explicit claims, claimed edges), a Claim node per (subject, property, value) with its citations.
 */
import type { WriteTransaction } from '../core/db/database';
import { attributesOfKind, entityTypeNames } from '../core/model/registry';
import { quantityBounds, quantityText, type QuantityBounds, type Qualifier } from '../core/model/values';
import type { BundleQuantity, Statements } from './bundle';
import { appendCitations, citing, type Citing } from './citations';

/** A subject and property that sources answer; the unit conflicts are found in. */
export interface ClaimKey {
  subject: string;
  property: string;
}

/** What a quantity claim stores beside its reading: the figure, its qualifier, and the interval it allows. */
interface QuantityFields extends QuantityBounds {
  amount: number;
  qualifier: Qualifier;
  unit: string | null;
}

export interface ClaimRow extends ClaimKey {
  value: string;
  /**
   * 'date' claims agree when one is a coarser form of the other (2023-07 and 2023-07-28);
   * 'quantity' claims when their intervals meet ("more than 40" and "64"); 'text' when equal.
   */
  kind: 'date' | 'text' | 'quantity';
  quotes: string[];
  note: string | null;
  quantity: QuantityFields | null;
}

/** Attribute names holding a partial date (signed, opened, date, asOf) and the relation validity ends: claims about them compare as dates. */
const dateProperties = new Set<string>([...entityTypeNames.flatMap((type) => attributesOfKind(type, 'partialDate')), 'start', 'end']);

/** A quantity claim's row: its reading is the value sources are compared on, its fields what `quantities` shows. */
function quantityClaim(subject: string, property: string, quantity: BundleQuantity, cited: Citing): ClaimRow {
  const unit = quantity.unit ?? null;
  const fields = { amount: quantity.value, qualifier: quantity.qualifier, unit, ...quantityBounds(quantity.value, quantity.qualifier) };
  return { subject, property, value: quantityText(quantity.value, quantity.qualifier, unit), kind: 'quantity', ...cited, quantity: fields };
}

/** Every value the bundle states that sources could disagree on: dated and counted attributes, explicit claims, stated quantities, claimed edges. */
export function claimsOf(bundle: Statements): ClaimRow[] {
  const rows: ClaimRow[] = [];
  const kindOf = (property: string): ClaimRow['kind'] => (dateProperties.has(property) ? 'date' : 'text');
  for (const entity of bundle.entities) {
    const attributes = (entity.attributes ?? {}) as Record<string, unknown>;
    const cited = citing(entity);
    for (const key of attributesOfKind(entity.type, 'partialDate')) {
      const value = attributes[key] as string | undefined;
      if (value !== undefined) rows.push({ subject: entity.id, property: key, value, kind: 'date', ...cited, quantity: null });
    }
    for (const key of attributesOfKind(entity.type, 'quantity')) {
      const quantity = attributes[key] as BundleQuantity | undefined;
      if (quantity) rows.push(quantityClaim(entity.id, key, quantity, cited));
    }
  }
  for (const claim of bundle.claims ?? []) {
    rows.push({
      subject: claim.subject,
      property: claim.property,
      value: claim.value,
      kind: kindOf(claim.property),
      ...citing(claim),
      quantity: null,
    });
  }
  for (const stated of bundle.quantities ?? []) rows.push(quantityClaim(stated.subject, stated.metric, stated, citing(stated)));
  for (const relation of bundle.relations) {
    if (relation.claim) rows.push({ ...relation.claim, kind: kindOf(relation.claim.property), ...citing(relation), quantity: null });
  }
  return onePerValue(rows);
}

/**
 * One row per (subject, property, value), its quotes and notes merged: a value stated twice in a
 * bundle (an attribute and an explicit claim) would otherwise be cited twice, since one UNWIND
 * does not see its own earlier rows' citations.
 */
function onePerValue(rows: ClaimRow[]): ClaimRow[] {
  const byValue = new Map<string, ClaimRow>();
  for (const row of rows) {
    const key = `${row.subject}\u0000${row.property}\u0000${row.value}`;
    const seen = byValue.get(key);
    if (!seen) byValue.set(key, { ...row });
    else {
      seen.quotes = [...new Set([...seen.quotes, ...row.quotes])];
      seen.note = [...new Set([seen.note, row.note].filter((note): note is string => note !== null))].join('\n') || null;
      seen.quantity ??= row.quantity;
    }
  }
  return [...byValue.values()];
}

export async function writeClaimBatch(tx: WriteTransaction, sourceId: string, claims: readonly ClaimRow[]): Promise<void> {
  await tx.run(
    `UNWIND $claims AS claim
     MERGE (c:Claim {subjectId: claim.subject, property: claim.property, value: claim.value})
     ON CREATE SET c.kind = claim.kind, c.sourceIds = [], c.quotes = [], c.disputed = false
     // A quantity's figure and bounds: set on every write, so a claim stored before quantities
     // had them (as text) gains them when its source is imported again.
     FOREACH (q IN CASE WHEN claim.quantity IS NULL THEN [] ELSE [claim.quantity] END |
       SET c.kind = 'quantity', c.amount = q.amount, c.qualifier = q.qualifier, c.unit = q.unit,
           c.low = q.low, c.high = q.high, c.lowOpen = q.lowOpen, c.highOpen = q.highOpen)
     WITH c, claim.quotes AS quotes, claim.note AS note
     ${appendCitations('c')}`,
    { claims, sourceId },
  );
}
