/** A source's statements as phases of rows (entities, relations, claims), each written a slice at a time. */
import type { WriteTransaction } from '../core/db/database';
import type { Statements } from './bundle';
import { claimsOf, writeClaimBatch, type ClaimKey } from './claim-rows';
import { entityRow, writeEntityBatch } from './entity-rows';
import { relationRow, writeRelationBatch } from './relation-rows';
import { slices, type Batching, type WriteProgress } from './write-batches';

/** The edge a relation row is written to, named as the undo log and the reads name it. */
export interface EdgeKey {
  type: string;
  from: string;
  to: string;
  key: string;
}

/** What some rows of a write touch: an undo log snapshots these before the rows are written (ingest/undo-log.ts). */
export interface Touched {
  entities: string[];
  edges: EdgeKey[];
  claims: { subject: string; property: string; value: string }[];
}

/**
 * One kind of row a source's statements are written as. Phases run in order (entities, then
 * relations, whose ends must exist, then claims), each in slices [from, to) of its rows: all in
 * the caller's transaction, or each slice in its own (ingest/large-bundle.ts).
 */
export interface WritePhase {
  phase: WriteProgress['phase'];
  total: number;
  write(tx: WriteTransaction, from: number, to: number): Promise<void>;
  touches(from: number, to: number): Touched;
}

const touchingNothing: Touched = { entities: [], edges: [], claims: [] };

/** The phases that write `statements` citing the stored source `sourceId`. */
export function phasesOf(sourceId: string, statements: Statements): WritePhase[] {
  const entities = statements.entities.map(entityRow);
  const relations = statements.relations.map(relationRow);
  const claims = claimsOf(statements);
  return [
    {
      phase: 'entities',
      total: entities.length,
      write: (tx, from, to) => writeEntityBatch(tx, sourceId, entities.slice(from, to)),
      touches: (from, to) => ({ ...touchingNothing, entities: entities.slice(from, to).map((row) => row.id) }),
    },
    {
      phase: 'relations',
      total: relations.length,
      write: (tx, from, to) => writeRelationBatch(tx, sourceId, relations.slice(from, to)),
      // Both ends gain a MENTIONED_IN link to the source.
      touches: (from, to) => {
        const rows = relations.slice(from, to);
        return {
          ...touchingNothing,
          entities: rows.flatMap((row) => [row.from, row.to]),
          edges: rows.map(({ type, from: start, to: end, key }) => ({ type, from: start, to: end, key })),
        };
      },
    },
    {
      phase: 'claims',
      total: claims.length,
      write: (tx, from, to) => writeClaimBatch(tx, sourceId, claims.slice(from, to)),
      touches: (from, to) => ({
        ...touchingNothing,
        claims: claims.slice(from, to).map(({ subject, property, value }) => ({ subject, property, value })),
      }),
    },
  ];
}

/** The (subject, property) pairs the claims phase writes: whose disputes are checked again after it. */
export function claimKeysOf(phases: readonly WritePhase[]): ClaimKey[] {
  return phases
    .filter((phase) => phase.phase === 'claims')
    .flatMap((phase) => phase.touches(0, phase.total).claims.map(({ subject, property }) => ({ subject, property })));
}

/** The entities, relations and claims of statements by the stored source `sourceId`, in the caller's transaction; returns the claim keys to re-check for disputes. */
export async function writeStated(tx: WriteTransaction, sourceId: string, statements: Statements, batching: Batching): Promise<ClaimKey[]> {
  const phases = phasesOf(sourceId, statements);
  for (const phase of phases) {
    const report = batching.report(phase.phase, phase.total);
    for (const [from, to] of slices(phase.total, batching.size)) {
      await phase.write(tx, from, to);
      report?.(to);
    }
  }
  return claimKeysOf(phases);
}
