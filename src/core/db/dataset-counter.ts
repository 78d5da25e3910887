/**
 * The dataset version as a counter: one node, `(:DatasetVersion {id: 'dataset', n})`, whose `n`
 * every write transaction raises by one as its last statement (Database.writeTransaction and
 * Database.write), so the version moves in the same commit as the data and never otherwise.
 * Reading it is one index seek (migration 15's constraint), which is what lets every replica on
 * one Neo4j ask for it at the start of each request: a write through any replica is seen by all.
 *
 * Why last: the node is one lock every writer takes, so a writer holds it only from its bump to
 * its commit, when it needs no other lock; two writers can then wait for it, never for each
 * other (no deadlock), and writes still run side by side until their last statement.
 *
 * `SET v.n = v.n + 1` reads `n` under the node's write lock, so two concurrent writers never
 * commit the same number (tests/integration/dataset-counter.test.ts checks it under load).
 */

/** The one node's key: MERGE finds it through the unique constraint of migration 15. */
export const datasetVersionId = 'dataset';

/** The bump, run inside every write transaction after its own work. MERGE: a database not yet migrated gets the node here. */
export const bumpDatasetCounter = `MERGE (v:DatasetVersion {id: '${datasetVersionId}'})
ON CREATE SET v.n = 1
ON MATCH SET v.n = v.n + 1`;

/** The counter now: 0 before the first write (or the migration) made the node. */
export const readDatasetCounter = `OPTIONAL MATCH (v:DatasetVersion {id: '${datasetVersionId}'}) RETURN coalesce(v.n, 0) AS n`;

/** The number read by readDatasetCounter's row. */
export function counterOf(rows: readonly Record<string, unknown>[]): number {
  return Number(rows[0]?.n ?? 0);
}
