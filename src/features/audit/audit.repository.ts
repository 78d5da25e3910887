/**
 * The audit trail: one (:Change) node per write, created inside the write's own transaction, so
 * a change is recorded exactly when what it describes commits, and never otherwise. Changes are
 * read newest first by (at, id); `entityIds` names what a change touched, and outlives it (a
 * merged or retracted entity keeps its trail).
 */
import { randomUUID } from 'node:crypto';
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { beyondPosition, pageFromRows, walkOrder, type Page, type PageRequest } from '../../core/cypher/keyset';

export const changeActions = [
  'IMPORT_BUNDLE',
  'IMPORT_FILE',
  'LOAD_SEED',
  'CREATE_ENTITY',
  'UPDATE_ENTITY',
  'ADD_RELATION',
  'RETRACT_RELATION',
  'RETRACT_CITATION',
  'MERGE_ENTITIES',
  'UNMERGE_ENTITIES',
] as const;
export type ChangeAction = (typeof changeActions)[number];

/** What a mutation says about its write; the trail adds the id and the time. */
export interface ChangeInput {
  by: string;
  action: ChangeAction;
  entityIds: readonly string[];
  reason: string | null;
  /** JSON-serialisable state of the touched statements before the write; null for a creation. */
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface ChangeRecord extends Omit<ChangeInput, 'entityIds'> {
  id: string;
  /** ISO 8601 in UTC, to the millisecond. */
  at: string;
  entityIds: string[];
}

export interface ChangeFilter {
  entity: string | null;
  by: string | null;
  /** An ISO date or UTC date-time prefix: changes at or after it. */
  since: string | null;
}

/** A change record from a Change node's properties (before and after are stored as JSON text). */
export function changeFromProps(props: Record<string, unknown>): ChangeRecord {
  const json = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as unknown) : null);
  return {
    id: props.id as string,
    at: props.at as string,
    by: props.by as string,
    action: props.action as ChangeAction,
    entityIds: props.entityIds as string[],
    reason: (props.reason as string | null | undefined) ?? null,
    before: json(props.before),
    after: json(props.after),
    requestId: (props.requestId as string | null | undefined) ?? null,
  };
}

/**
 * Records a change inside the caller's write transaction. Its time is this service's clock, as
 * ISO 8601 in UTC to the millisecond: always 24 characters, so the trail's string order is its
 * time order (Neo4j's own datetime strings drop zero fractions and vary in length).
 */
export async function recordChange(tx: WriteTransaction, change: ChangeInput): Promise<ChangeRecord> {
  const rows = await tx.run(
    `CREATE (c:Change {id: $id, at: $at, by: $by, action: $action, entityIds: $entityIds,
       reason: $reason, before: $before, after: $after, requestId: $requestId})
     RETURN properties(c) AS c`,
    {
      id: `change:${randomUUID()}`,
      at: new Date().toISOString(),
      by: change.by,
      action: change.action,
      entityIds: [...new Set(change.entityIds)],
      reason: change.reason,
      before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
      requestId: change.requestId,
    },
  );
  return changeFromProps(rows[0]!.c as Record<string, unknown>);
}

/** One change by id, read inside a write transaction (unmerge reads the merge it undoes); null when there is none. */
export async function changeById(tx: WriteTransaction, id: string): Promise<ChangeRecord | null> {
  const rows = await tx.run('MATCH (c:Change {id: $id}) RETURN properties(c) AS c', { id });
  return rows[0] ? changeFromProps(rows[0].c as Record<string, unknown>) : null;
}

export class AuditRepository {
  constructor(private readonly db: QueryRunner) {}

  /** One page of the trail, newest first (a forward page walks down the (at, id) order). */
  async changes(filter: ChangeFilter, request: PageRequest): Promise<Page<ChangeRecord>> {
    const matches = `MATCH (c:Change)
       WHERE ($entity IS NULL OR $entity IN c.entityIds) AND ($by IS NULL OR c.by = $by) AND ($since IS NULL OR c.at >= $since)`;
    const rows = await this.db.read(
      `CALL () { ${matches} RETURN count(c) AS totalCount }
       RETURN totalCount, COLLECT {
         ${matches} AND (${beyondPosition('c.at', 'c.id', '$descending')})
         WITH c ORDER BY ${walkOrder('c.at', 'c.id', '$descending')}
         LIMIT toInteger($fetch)
         RETURN properties(c)
       } AS rows`,
      { ...filter, position: request.position, descending: !request.backwards, fetch: request.limit + 1 },
    );
    const row = rows[0]!;
    return pageFromRows(request, (row.rows as Record<string, unknown>[]).map(changeFromProps), row.totalCount as number);
  }
}
