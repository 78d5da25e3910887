/**
 * A hash of the whole graph: every node's labels and properties and every relationship's type,
 * ends and properties, read in one ordered statement. Two equal fingerprints mean nothing was
 * written in between, which is how the reliability tests prove "bad input changes nothing" and
 * "a killed import left nothing behind" without knowing what a write would have touched.
 *
 * The dataset counter's node (:DatasetVersion, core/db/dataset-counter.ts) is always left out:
 * it counts committed write transactions, not content, so a write that changed nothing (a
 * replayed idempotency key, a run rolled back) still moves it, and must.
 */
import { createHash } from 'node:crypto';
import type { QueryRunner } from '../../src/core/db/database';
import { compareText } from '../../src/core/model/ordering';

/** Property maps with their keys sorted, so the hash does not depend on storage order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareText(a, b));
  return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
}

export interface GraphFingerprint {
  nodes: number;
  relationships: number;
  hash: string;
}

/**
 * `ignoring` leaves out nodes with any of these labels (those have no relationships): a test
 * that undoes a write compares the graph modulo the audit trail's (:Change) nodes both wrote.
 * `ignoringNodeProperties` leaves these properties out of every node (an undo restores an
 * entity's content, at a new `version`).
 */
export async function graphFingerprint(
  db: QueryRunner,
  ignoring: readonly string[] = [],
  ignoringNodeProperties: readonly string[] = [],
): Promise<GraphFingerprint> {
  // elementIds are not stable across restarts; ends are named by their `id` (or labels) instead.
  const rows = await db.read(
    `CALL () {
       MATCH (n) WHERE none(label IN labels(n) WHERE label IN $ignoring)
       RETURN collect([labels(n), properties(n)]) AS nodes
     }
     CALL () {
       MATCH (a)-[r]->(b)
       WITH type(r) AS type, coalesce(a.id, head(labels(a))) AS from, coalesce(b.id, head(labels(b))) AS to, properties(r) AS props
       ORDER BY type, from, to
       RETURN collect([type, from, to, props]) AS relationships
     }
     RETURN nodes, relationships`,
    { ignoring: ['DatasetVersion', ...ignoring] },
  );
  const { relationships } = rows[0] as { relationships: unknown[] };
  const nodes = (rows[0]!.nodes as [string[], Record<string, unknown>][]).map(([labels, props]) => [
    labels,
    Object.fromEntries(Object.entries(props).filter(([key]) => !ignoringNodeProperties.includes(key))),
  ]);
  const hash = createHash('sha256');
  // Rows with equal sort keys may come in any order: hash them as a sorted multiset.
  for (const line of [...nodes, ...relationships].map((row) => JSON.stringify(canonical(row))).sort()) hash.update(line).update('\n');
  return { nodes: nodes.length, relationships: relationships.length, hash: hash.digest('hex') };
}
