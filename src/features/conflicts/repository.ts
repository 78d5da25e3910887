/**
 * Cypher for conflicts: (:Claim {subjectId, property, value, sourceIds, quotes, disputed}) nodes,
 * one per value a source states (written by ingest/writer.ts). A conflict is a subject and
 * property whose claims are marked disputed: two values that differ (for dates, neither a
 * coarser form of the other).
 */
import type { QueryRunner } from '../../core/db/database';
import { pageFromRows, type Page, type PageRequest } from '../../core/graphql/pagination';
import type { CitationRecord } from '../../core/model/records';
import { citationsOf } from '../../core/model/storage';

export interface ClaimRecord {
  value: string;
  citations: CitationRecord[];
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
              collect({value: c.value, sourceIds: c.sourceIds, quotes: c.quotes, notes: c.notes}) AS claims
         WHERE $position IS NULL OR key > $position[0]
         RETURN {key: key, subjectId: subjectId, property: property, claims: claims} AS conflict
         ORDER BY key
         LIMIT toInteger($fetch)
       } AS rows`,
      { entity, position: request.position, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    const conflicts = (row.rows as { key: string; subjectId: string; property: string; claims: Record<string, unknown>[] }[]).map((conflict) => ({
      key: conflict.key,
      subjectId: conflict.subjectId,
      property: conflict.property,
      claims: conflict.claims.map((claim) => ({ value: claim.value as string, citations: citationsOf(claim) })),
    }));
    return pageFromRows(request, conflicts, row.totalCount as number);
  }
}
