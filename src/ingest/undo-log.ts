/**
 * The undo log of an import written in several transactions (ingest/large-bundle.ts): before a
 * slice of rows is written, the same transaction copies what that slice will touch, as it is
 * now, into (:ImportUndo) nodes, once per thing and run (the first copy is the state before the
 * import). Rolling back puts every copy back: a thing the import created is deleted, one it
 * changed gets its old properties again. Disputes and partner ranks are not copied: they are
 * recomputed from the restored graph (ingest/large-bundle.ts).
 *
 * A copy is the thing's own properties plus `undo*` fields that say what it is a copy of; the
 * stored properties never start with `undo`, so one SET and one REMOVE put a copy back.
 */
import type { WriteTransaction } from '../core/db/database';
import type { Touched } from './write-phases';

/** What an undo record copies: the source, an entity, an edge, a claim. */
export type UndoKind = 'source' | 'entity' | 'relation' | 'claim';

/** The fields an undo record adds to the copied properties, removed again when it is put back. */
const undoFields = [
  'undoRun',
  'undoKind',
  'undoKey',
  'undoExisted',
  'undoMentioned',
  'undoFrom',
  'undoTo',
  'undoType',
  'undoEdgeKey',
  'undoSubject',
  'undoProperty',
  'undoValue',
  'undoRestored',
];

/** Cypher that removes the undo fields from `target` after `SET target = properties(u)`. */
const removeUndoFields = (target: string) => `REMOVE ${undoFields.map((field) => `${target}.${field}`).join(', ')}`;

/** Cypher that skips `key` (in scope with `$run`) when the run already holds a copy of it. */
const firstCopyOnly = (kind: UndoKind) => `NOT EXISTS { MATCH (:ImportUndo {undoRun: $run, undoKind: '${kind}', undoKey: key}) }`;

/** Copies the source before the run writes it; `undoExisted` false means the run created it. */
export async function copySource(tx: WriteTransaction, run: string, sourceId: string): Promise<void> {
  await tx.run(
    `WITH $sourceId AS key
     WHERE ${firstCopyOnly('source')}
     OPTIONAL MATCH (s:Source {id: key})
     CREATE (u:ImportUndo {undoRun: $run, undoKind: 'source', undoKey: key})
     SET u += CASE WHEN s IS NULL THEN {} ELSE properties(s) END, u.undoExisted = s IS NOT NULL`,
    { run, sourceId },
  );
}

/**
 * Copies what a slice will touch. An entity's copy also says whether it was already linked to
 * the source (`undoMentioned`): the slice may add that MENTIONED_IN link, and only the link is
 * to go on rollback.
 */
export async function copyTouched(tx: WriteTransaction, run: string, sourceId: string, touched: Touched): Promise<void> {
  if (touched.entities.length > 0) {
    await tx.run(
      `UNWIND $ids AS key
       WITH DISTINCT key WHERE ${firstCopyOnly('entity')}
       OPTIONAL MATCH (n:Entity {id: key})
       CREATE (u:ImportUndo {undoRun: $run, undoKind: 'entity', undoKey: key})
       SET u += CASE WHEN n IS NULL THEN {} ELSE properties(n) END, u.undoExisted = n IS NOT NULL,
           u.undoMentioned = n IS NOT NULL AND EXISTS { (n)-[:MENTIONED_IN]->(:Source {id: $sourceId}) }`,
      { run, sourceId, ids: touched.entities },
    );
  }
  if (touched.edges.length > 0) {
    await tx.run(
      `UNWIND $edges AS edge
       WITH DISTINCT edge, edge.from + '|' + edge.type + '|' + edge.key + '|' + edge.to AS key
       WHERE ${firstCopyOnly('relation')}
       // Both ends bound first: Neo4j then expands from the one with fewer relationships (a
       // country has thousands), instead of from whichever end its plan starts with.
       OPTIONAL MATCH (a:Entity {id: edge.from})
       OPTIONAL MATCH (b:Entity {id: edge.to})
       OPTIONAL MATCH (a)-[r {key: edge.key}]->(b) WHERE type(r) = edge.type
       CREATE (u:ImportUndo {undoRun: $run, undoKind: 'relation', undoKey: key})
       SET u += CASE WHEN r IS NULL THEN {} ELSE properties(r) END, u.undoExisted = r IS NOT NULL,
           u.undoFrom = edge.from, u.undoTo = edge.to, u.undoType = edge.type, u.undoEdgeKey = edge.key`,
      { run, edges: touched.edges },
    );
  }
  if (touched.claims.length > 0) {
    await tx.run(
      `UNWIND $claims AS claim
       WITH DISTINCT claim, claim.subject + '|' + claim.property + '|' + claim.value AS key
       WHERE ${firstCopyOnly('claim')}
       OPTIONAL MATCH (c:Claim {subjectId: claim.subject, property: claim.property, value: claim.value})
       CREATE (u:ImportUndo {undoRun: $run, undoKind: 'claim', undoKey: key})
       SET u += CASE WHEN c IS NULL THEN {} ELSE properties(c) END, u.undoExisted = c IS NOT NULL,
           u.undoSubject = claim.subject, u.undoProperty = claim.property, u.undoValue = claim.value`,
      { run, claims: touched.claims },
    );
  }
}

/**
 * Puts back up to `limit` copies of `kind` and returns how many it put back (0: none are left).
 * Edges first, then claims, entities and the source: an entity the run created is deleted with
 * whatever still links it. Claim copies are kept, marked restored, for the disputes to be
 * recomputed from (claimKeysToRecheck); the others are deleted as they are put back.
 */
export async function restoreSome(tx: WriteTransaction, run: string, sourceId: string, kind: UndoKind, limit: number): Promise<number> {
  const rows = await tx.run(restoreStatements[kind], { run, sourceId, limit });
  return Number(rows[0]?.restored ?? 0);
}

/** Where a copy is put back: the thing it copies, matched in `target` (null when it is gone). */
const restoreStatements: Record<UndoKind, string> = {
  relation: restoreStatement(
    'relation',
    `OPTIONAL MATCH (a:Entity {id: u.undoFrom})
     OPTIONAL MATCH (b:Entity {id: u.undoTo})
     OPTIONAL MATCH (a)-[target {key: u.undoEdgeKey}]->(b) WHERE type(target) = u.undoType`,
    'DELETE target',
  ),
  claim: restoreStatement(
    'claim',
    'OPTIONAL MATCH (target:Claim {subjectId: u.undoSubject, property: u.undoProperty, value: u.undoValue})',
    'DELETE target',
  ),
  entity: restoreStatement(
    'entity',
    'OPTIONAL MATCH (target:Entity {id: u.undoKey})',
    'DETACH DELETE target',
    `WITH u, target WHERE NOT u.undoMentioned
     OPTIONAL MATCH (target)-[link:MENTIONED_IN]->(:Source {id: $sourceId})
     DELETE link`,
  ),
  source: restoreStatement('source', 'OPTIONAL MATCH (target:Source {id: u.undoKey})', 'DETACH DELETE target'),
};

function restoreStatement(kind: UndoKind, findTarget: string, deleteCreated: string, afterRestore = ''): string {
  const done = kind === 'claim' ? 'SET u.undoRestored = true' : 'DELETE u';
  return `
    MATCH (u:ImportUndo {undoRun: $run, undoKind: '${kind}'}) WHERE u.undoRestored IS NULL
    WITH u LIMIT toInteger($limit)
    ${findTarget}
    CALL (u, target) {
      WITH u, target WHERE target IS NOT NULL AND NOT u.undoExisted
      ${deleteCreated}
    }
    CALL (u, target) {
      WITH u, target WHERE target IS NOT NULL AND u.undoExisted
      SET target = properties(u)
      ${removeUndoFields('target')}
      ${afterRestore}
    }
    ${done}
    RETURN count(*) AS restored`;
}

/** The ends of the edges the run copied, up to `limit` after `skip`: whose partner ranks the rollback recomputes. */
export async function copiedEdgeEnds(
  tx: WriteTransaction,
  run: string,
  skip: number,
  limit: number,
): Promise<{ from: string; to: string }[]> {
  const rows = await tx.run(
    `MATCH (u:ImportUndo {undoRun: $run, undoKind: 'relation'})
     RETURN u.undoFrom AS from, u.undoTo AS to ORDER BY u.undoKey SKIP toInteger($skip) LIMIT toInteger($limit)`,
    { run, skip, limit },
  );
  return rows.map((row) => ({ from: row.from as string, to: row.to as string }));
}

/** Up to `limit` restored claim copies, deleted as they are returned: the (subject, property) pairs whose disputes are recomputed. */
export async function claimKeysToRecheck(
  tx: WriteTransaction,
  run: string,
  limit: number,
): Promise<{ subject: string; property: string }[]> {
  const rows = await tx.run(
    `MATCH (u:ImportUndo {undoRun: $run, undoKind: 'claim'}) WHERE u.undoRestored
     WITH u LIMIT toInteger($limit)
     WITH u, u.undoSubject AS subject, u.undoProperty AS property
     DELETE u
     RETURN subject, property`,
    { run, limit },
  );
  return rows.map((row) => ({ subject: row.subject as string, property: row.property as string }));
}

/** Deletes up to `limit` of the run's copies (after it committed); returns how many. */
export async function forgetSome(tx: WriteTransaction, run: string, limit: number): Promise<number> {
  const rows = await tx.run(
    `MATCH (u:ImportUndo {undoRun: $run}) WITH u LIMIT toInteger($limit)
     DELETE u
     RETURN count(*) AS forgotten`,
    { run, limit },
  );
  return Number(rows[0]?.forgotten ?? 0);
}
