/**
 * Cypher for stated quantities: the (:Claim) nodes of kind 'quantity' the writer keeps, one per
 * subject, metric and figure, each with the sources that state it (ingest/claim-rows.ts).
 */
import type { QueryRunner } from '../../core/db/database';
import type { StatedQuantityRecord } from '../../core/model/records';
import { citationsOf } from '../../core/model/storage';
import type { Qualifier } from '../../core/model/values';

/** One entity's quantities, all of them (metric null) or one metric's, matched without case. */
export interface QuantitiesKey {
  id: string;
  metric: string | null;
}

export class QuantityRepository {
  constructor(private readonly db: QueryRunner) {}

  /** Each key's quantities, ordered by metric, then value, then reading. */
  async quantitiesByKeys(keys: readonly QuantitiesKey[]): Promise<StatedQuantityRecord[][]> {
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (c:Claim {subjectId: key.id})
       WHERE c.kind = 'quantity' AND (key.metric IS NULL OR toLower(c.property) = key.metric)
       WITH index, c ORDER BY c.property, c.amount, c.value
       RETURN index, collect({metric: c.property, value: c.amount, qualifier: c.qualifier, unit: c.unit, text: c.value,
                              disputed: c.disputed, sourceIds: c.sourceIds, quotes: c.quotes, notes: c.notes}) AS quantities`,
      { keys: keys.map((key) => ({ id: key.id, metric: key.metric?.toLowerCase() ?? null })) },
    );
    const byIndex = new Map(rows.map((row) => [row.index as number, (row.quantities as Record<string, unknown>[]).map(quantityFromRow)]));
    return keys.map((_, index) => byIndex.get(index) ?? []);
  }
}

function quantityFromRow(row: Record<string, unknown>): StatedQuantityRecord {
  return {
    metric: row.metric as string,
    value: row.value as number,
    qualifier: row.qualifier as Qualifier,
    unit: (row.unit as string | null) ?? null,
    text: row.text as string,
    disputed: row.disputed === true,
    citations: citationsOf(row),
  };
}
