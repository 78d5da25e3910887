/**
 * Cypher for conflicts: (:Claim {subjectId, property, value, sourceIds, quotes, disputed}) nodes,
 * one per value a source states (written by ingest/claim-rows.ts). A conflict is a subject and
 * property whose claims are marked disputed: two values that differ (for dates, neither a
 * coarser form of the other).
 */
import type { QueryRunner } from '../../core/db/database';
import { beyondPosition, pageFromRows, type Page, type PageRequest } from '../../core/cypher/keyset';
import type { ClaimRecord } from '../../core/model/records';
import { citationsOf, type NodeProperties } from '../../core/model/storage';

/** A subject's claims about one property: what a stated date's disputes are read from. */
export interface ClaimKey {
  subject: string;
  property: string;
}

export interface ConflictRecord {
  subjectId: string;
  property: string;
  /** subjectId + NUL + property: what cursors hold. */
  key: string;
  claims: ClaimRecord[];
}

export class ConflictRepository {
  constructor(private readonly db: QueryRunner) {}

  async listConflicts(entity: string | null, request: PageRequest): Promise<Page<ConflictRecord>> {
    const rows = await this.db.read(
      `MATCH (c:Claim) WHERE c.disputed AND ($entity IS NULL OR c.subjectId = $entity)
       WITH DISTINCT c.subjectId + '\\u0000' + c.property AS key
       WITH count(key) AS totalCount
       RETURN totalCount, COLLECT {
         MATCH (c:Claim) WHERE c.disputed AND ($entity IS NULL OR c.subjectId = $entity)
         WITH c.subjectId + '\\u0000' + c.property AS key, c ORDER BY c.value
         WITH key, head(collect(c.subjectId)) AS subjectId, head(collect(c.property)) AS property,
              collect({value: c.value, disputed: c.disputed, sourceIds: c.sourceIds, quotes: c.quotes, notes: c.notes}) AS claims
         WHERE ${beyondPosition('key', 'key', 'false')}
         RETURN {key: key, subjectId: subjectId, property: property, claims: claims} AS conflict
         ORDER BY key
         LIMIT toInteger($fetch)
       } AS rows`,
      { entity, position: request.position, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    const conflicts = (row.rows as { key: string; subjectId: string; property: string; claims: Record<string, unknown>[] }[]).map(
      (conflict) => ({
        key: conflict.key,
        subjectId: conflict.subjectId,
        property: conflict.property,
        claims: conflict.claims.map(claimFromRow),
      }),
    );
    return pageFromRows(request, conflicts, row.totalCount as number);
  }

  /** Each key's claims, ordered by value; [] where nothing is claimed. */
  async claimsByKeys(keys: readonly ClaimKey[]): Promise<ClaimRecord[][]> {
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (c:Claim {subjectId: key.subject, property: key.property})
       WITH index, c ORDER BY c.value
       RETURN index, collect({value: c.value, disputed: c.disputed, sourceIds: c.sourceIds, quotes: c.quotes, notes: c.notes}) AS claims`,
      { keys: keys.map(({ subject, property }) => ({ subject, property })) },
    );
    const byIndex = new Map(rows.map((row) => [row.index as number, (row.claims as NodeProperties[]).map(claimFromRow)]));
    return keys.map((_, index) => byIndex.get(index) ?? []);
  }
}

function claimFromRow(row: NodeProperties): ClaimRecord {
  return { value: row.value as string, citations: citationsOf(row), disputed: row.disputed === true };
}
