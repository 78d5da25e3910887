/**
 * A bundle too large for one transaction (Neo4j's transaction memory: the embedded default of
 * 256 MiB holds about 58,000 facts), written by `npm run import` in many small transactions
 * and still all or nothing: an import run.
 *
 *   start     one transaction: the run's (:ImportRun) node, unique per source, so two imports
 *             of one source cannot interleave; the source, stored without its content hash.
 *   write     each slice of rows (ingest/write-phases.ts phasesOf) in its own transaction, after a
 *             copy of what it touches (ingest/undo-log.ts) and a heartbeat on the run.
 *   upkeep    disputes, then partner ranks, each batch in its own transaction (recomputed
 *             from the graph, so a rollback recomputes them instead of copying them).
 *   commit    one transaction: the source's content hash (until then a re-send is not
 *             "unchanged"), what changed, the audit hook; the run is marked committed.
 *   forget    the copies are deleted in batches, then the run.
 *
 * Any failure before commit rolls the run back (rollBackRun): the copies are put back and
 * disputes and ranks recomputed, again in batches. If the process dies, the run's heartbeat
 * stops: recoverAbandonedRuns, called when the service or the CLI starts, on a timer in the
 * service, and before an import of the same source, rolls back a run silent for longer than
 * IMPORT_ABANDONED_AFTER_MS (or forgets a committed one's copies).
 *
 * What readers see: the rows written so far, while the run is under way. All or nothing is
 * about the end state, as with every bulk loader that does not hold one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Database, QueryRunner, WriteTransaction } from '../core/db/database';
import { ConflictError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Bundle } from './bundle';
import { affectedSelves, rankInBatches } from './partner-ranks';
import { claimKeysToRecheck, copiedEdgeEnds, copySource, copyTouched, forgetSome, restoreSome, type UndoKind } from './undo-log';
import { claimsOf, type ClaimKey } from './claim-rows';
import { markDisputes } from './disputes';
import { changesBetween, distinctEdges, nothingChanged, storedState } from './import-changes';
import { defaultBatchSize, slices } from './write-batches';
import { claimKeysOf, phasesOf, type WritePhase } from './write-phases';
import { bundleHash, checkReferences, storedHash, writeSource, type WriteOptions, type WriteSummary } from './writer';

/** IMPORT_TRANSACTION_ROWS: bundles with more rows (entities + relations + claims) are written as an import run. Default 20000. */
export const defaultTransactionRows = 20_000;
/** IMPORT_ABANDONED_AFTER_MS: a run whose heartbeat is older than this is rolled back by recovery. Default 60000 (1 min). */
export const defaultAbandonedAfterMs = 60_000;

export interface RunOptions extends WriteOptions {
  /** See defaultAbandonedAfterMs. */
  abandonedAfterMs?: number;
}

/** The database an import run needs: statements in write transactions, reads for partner ranks. */
type RunDatabase = Pick<QueryRunner, 'read' | 'writeTransaction'>;

/** Rows the bundle is written as: what decides between one transaction and a run. */
export function rowCount(bundle: Bundle): number {
  // The phases' totals (write-phases.ts phasesOf), without building their rows.
  return bundle.entities.length + bundle.relations.length + claimsOf(bundle).length;
}

/** Writes the bundle as an import run (see above); resolves with what the write did, or rejects after rolling it back. */
export async function writeBundleInRun(db: RunDatabase, bundle: Bundle, file: string, options: RunOptions = {}): Promise<WriteSummary> {
  const sourceId = bundle.source.id;
  const hash = bundleHash(bundle);
  const size = options.batchSize ?? defaultBatchSize;
  const summary = { sourceId, entities: bundle.entities.length, relations: bundle.relations.length };
  const edges = distinctEdges(bundle);
  await recoverAbandonedRuns(db, { abandonedAfterMs: options.abandonedAfterMs, sourceId });

  // What changed is read a batch per read transaction, before the run and before its commit:
  // the bundle's whole stored state in one transaction would not fit where its write does not.
  const readInBatches = { run: (cypher: string, params?: Record<string, unknown>) => db.read(cypher, params) };
  const run = randomUUID();
  const started = await db.writeTransaction(async (tx) => {
    if ((await storedHash(tx, sourceId)) === hash) return false;
    await checkReferences(tx, bundle, file);
    return true;
  });
  if (!started) return { ...summary, unchanged: true, ...(options.countChanges ? { changes: nothingChanged(bundle, edges) } : {}) };
  const before = options.countChanges ? await storedState(readInBatches, bundle, edges, size) : null;
  await db.writeTransaction(async (tx) => {
    await startRun(tx, run, sourceId, file);
    await copySource(tx, run, sourceId);
    await writeSource(tx, bundle, null, options.importedBy ?? null);
  });

  let done: WriteSummary;
  try {
    const phases = phasesOf(sourceId, bundle);
    await writeSlices(db, run, sourceId, phases, file, options);
    await keepUpkeep(db, bundle, claimKeysOf(phases), size);
    const changes = before ? changesBetween(bundle, edges, before, await storedState(readInBatches, bundle, edges, size)) : undefined;
    done = await db.writeTransaction(async (tx) => {
      await writeSource(tx, bundle, hash, options.importedBy ?? null);
      const written = { ...summary, unchanged: false, ...(changes ? { changes } : {}) };
      await options.record?.(tx, [{ bundle, summary: written }]);
      await tx.run("MATCH (r:ImportRun {id: $run}) SET r.state = 'committed'", { run });
      return written;
    });
  } catch (error) {
    // The run's failure is the error to report; a rollback that fails too is left to recovery.
    await rollBackRun(db, run, sourceId).catch(() => undefined);
    throw error;
  }
  await forgetRun(db, run);
  return done;
}

/** Creates the run's node; another run of the same source still under way is a ConflictError. */
async function startRun(tx: WriteTransaction, run: string, sourceId: string, file: string): Promise<void> {
  const busy = await tx.run('MATCH (r:ImportRun {sourceId: $sourceId}) RETURN r.file AS file, toString(r.heartbeatAt) AS heartbeatAt', {
    sourceId,
  });
  if (busy.length > 0) {
    throw new ConflictError(
      'bundle',
      `An import of source "${sourceId}" (${String(busy[0]!.file)}) is under way (last active ${String(busy[0]!.heartbeatAt)}); try again when it ends.`,
    );
  }
  await tx.run(
    "CREATE (:ImportRun {id: $run, sourceId: $sourceId, file: $file, state: 'writing', startedAt: datetime(), heartbeatAt: datetime()})",
    { run, sourceId, file },
  );
}

/** Every phase's slices, each in its own transaction after its undo copies, reporting progress. */
async function writeSlices(
  db: RunDatabase,
  run: string,
  sourceId: string,
  phases: readonly WritePhase[],
  file: string,
  options: RunOptions,
): Promise<void> {
  for (const phase of phases) {
    for (const [from, to] of slices(phase.total, options.batchSize ?? defaultBatchSize)) {
      await db.writeTransaction(async (tx) => {
        await copyTouched(tx, run, sourceId, phase.touches(from, to));
        await phase.write(tx, from, to);
        await tx.run('MATCH (r:ImportRun {id: $run}) SET r.heartbeatAt = datetime()', { run });
      });
      options.onProgress?.({ file, phase: phase.phase, done: to, total: phase.total });
    }
  }
}

/** Disputes of the claims written, then the partner ranks the relations change, in batches. */
async function keepUpkeep(db: RunDatabase, bundle: Bundle, claimKeys: readonly ClaimKey[], size: number): Promise<void> {
  for (const [from, to] of slices(claimKeys.length, size))
    await db.writeTransaction((tx) => markDisputes(tx, claimKeys.slice(from, to), size));
  const selves = new Set<string>();
  for (const [from, to] of slices(bundle.relations.length, size)) {
    for (const self of await db.writeTransaction((tx) => affectedSelves(tx, bundle.relations.slice(from, to)))) selves.add(self);
  }
  await rankInBatches(db, [...selves]);
}

/** The order copies are put back in: edges before the entities they link, the source last. */
const restoreOrder: UndoKind[] = ['relation', 'claim', 'entity', 'source'];

/**
 * Undoes a run that did not commit: its copies put back (restoreOrder), disputes and partner
 * ranks recomputed, the run deleted. Idempotent, in batches: a rollback cut short is finished by
 * the next recovery. The selves to rank again are found while the run's edges still exist, and
 * kept on the run for that.
 */
export async function rollBackRun(db: RunDatabase, run: string, sourceId: string, batchSize = defaultBatchSize): Promise<void> {
  const selves = await selvesToRank(db, run, batchSize);
  for (const kind of restoreOrder) {
    while ((await db.writeTransaction((tx) => restoreSome(tx, run, sourceId, kind, batchSize))) > 0);
  }
  for (;;) {
    const keys = await db.writeTransaction(async (tx) => {
      const batch = await claimKeysToRecheck(tx, run, batchSize);
      await markDisputes(tx, batch, batchSize);
      return batch;
    });
    if (keys.length === 0) break;
  }
  await rankInBatches(db, selves);
  await db.writeTransaction((tx) => tx.run('MATCH (r:ImportRun {id: $run}) DELETE r', { run }));
}

/** The countries and agencies the run's edges touch, counted once and kept on the run (a second rollback finds its edges gone). */
async function selvesToRank(db: RunDatabase, run: string, batchSize: number): Promise<string[]> {
  const [kept] = await db.writeTransaction((tx) =>
    tx.run("MATCH (r:ImportRun {id: $run}) SET r.state = 'rolling back' RETURN r.rankSelves AS selves", { run }),
  );
  if (Array.isArray(kept?.selves)) return kept.selves as string[];
  const selves = new Set<string>();
  for (let skip = 0; ; skip += batchSize) {
    const ends = await db.writeTransaction((tx) => copiedEdgeEnds(tx, run, skip, batchSize));
    if (ends.length === 0) break;
    for (const self of await db.writeTransaction((tx) => affectedSelves(tx, ends))) selves.add(self);
  }
  await db.writeTransaction((tx) => tx.run('MATCH (r:ImportRun {id: $run}) SET r.rankSelves = $selves', { run, selves: [...selves] }));
  return [...selves];
}

/** Deletes a committed run's copies, then the run. */
async function forgetRun(db: RunDatabase, run: string, batchSize = defaultBatchSize): Promise<void> {
  while ((await db.writeTransaction((tx) => forgetSome(tx, run, batchSize))) > 0);
  await db.writeTransaction((tx) => tx.run('MATCH (r:ImportRun {id: $run}) DELETE r', { run }));
}

/**
 * Finishes the runs nobody is running any more (heartbeat older than abandonedAfterMs; every
 * run when it is 0): a committed one is forgotten, any other rolled back. `sourceId` limits it
 * to that source's run. Returns how many it finished.
 */
export async function recoverAbandonedRuns(
  db: RunDatabase,
  options: { abandonedAfterMs?: number; sourceId?: string; log?: Logger } = {},
): Promise<number> {
  const rows = await db.read(
    `MATCH (r:ImportRun)
     WHERE ($sourceId IS NULL OR r.sourceId = $sourceId) AND r.heartbeatAt < datetime() - duration({milliseconds: $abandonedAfterMs})
     RETURN r.id AS run, r.sourceId AS sourceId, r.file AS file, r.state AS state`,
    { sourceId: options.sourceId ?? null, abandonedAfterMs: options.abandonedAfterMs ?? defaultAbandonedAfterMs },
  );
  for (const row of rows) {
    const committed = row.state === 'committed';
    options.log?.info(
      `Import of ${String(row.file)} (source ${String(row.sourceId)}) was abandoned; ${committed ? 'it had committed: forgetting its undo log' : 'rolling it back'}`,
    );
    if (committed) await forgetRun(db, row.run as string);
    else await rollBackRun(db, row.run as string, row.sourceId as string);
  }
  return rows.length;
}

/** Recovers abandoned runs every `everyMs` in the service, until the returned stop is called; failures are logged and tried again later. */
export function recoverAbandonedRunsEvery(db: Database, everyMs: number, log: Logger): () => void {
  const timer = setInterval(() => {
    recoverAbandonedRuns(db, { abandonedAfterMs: everyMs, log }).catch((error: Error) => log.error(`import recovery: ${error.message}`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
