/** What a write changed, counted by reading the bundle's source, entities and edges before and after it. */
import { canonicalJson } from '../core/model/canonical-json';
import { changeOf, countChanges, type ImportChanges } from '../core/model/changes';
import type { WriteTransaction } from '../core/db/database';
import type { Bundle } from './bundle';
import { inBatches } from './write-batches';

/** The edge a bundle relation is written to: one per (from, type, to, role). */
export const edgeOf = (relation: Bundle['relations'][number]) => ({
  type: relation.type,
  from: relation.from,
  to: relation.to,
  key: relation.role ?? '',
});

/**
 * The stored state of the bundle's source, entities and edges (null where there is none), read
 * inside the write's transaction before and after it, so the difference is what this write did
 * (an import run reads it a batch per transaction instead: `tx` may be any statement runner).
 */
export async function storedState(
  tx: Pick<WriteTransaction, 'run'>,
  bundle: Bundle,
  edges: ReturnType<typeof edgeOf>[],
  batchSize: number,
) {
  const [source] = await tx.run('OPTIONAL MATCH (s:Source {id: $id}) RETURN properties(s) AS state', { id: bundle.source.id });
  const read = async <T>(items: readonly T[], cypher: string) => {
    const rows: Record<string, unknown>[] = [];
    await inBatches(items, batchSize, async (batch) => rows.push(...(await tx.run(cypher, { batch }))));
    return rows;
  };
  const entities = await read(
    bundle.entities.map((entity) => entity.id),
    `UNWIND $batch AS id
     OPTIONAL MATCH (n:Entity {id: id})
     RETURN id, CASE WHEN n IS NULL THEN null ELSE {labels: labels(n), props: properties(n), mentions: COUNT { (n)-[:MENTIONED_IN]->() }} END AS state`,
  );
  const relations = await read(
    edges,
    `UNWIND $batch AS edge
     // Both ends bound first, so the edge is found from the end with fewer relationships.
     OPTIONAL MATCH (a:Entity {id: edge.from})
     OPTIONAL MATCH (b:Entity {id: edge.to})
     OPTIONAL MATCH (a)-[r {key: edge.key}]->(b) WHERE type(r) = edge.type
     RETURN properties(r) AS state`,
  );
  const stateOf = (row: Record<string, unknown> | undefined) => {
    const state = row?.state as { labels?: string[] } | null | undefined;
    if (state === null || state === undefined) return null;
    if (Array.isArray(state.labels)) state.labels = [...state.labels].sort();
    return canonicalJson(state);
  };
  return { source: stateOf(source), entities: entities.map(stateOf), relations: relations.map(stateOf) };
}

/** Distinct edges of the bundle: two relations with one (from, type, to, role) are one edge. */
export function distinctEdges(bundle: Bundle): ReturnType<typeof edgeOf>[] {
  return [
    ...new Map(
      bundle.relations.map((relation) => {
        const edge = edgeOf(relation);
        return [JSON.stringify(edge), edge] as const;
      }),
    ).values(),
  ];
}

export function changesBetween(
  bundle: Bundle,
  edges: ReturnType<typeof edgeOf>[],
  before: Awaited<ReturnType<typeof storedState>>,
  after: Awaited<ReturnType<typeof storedState>>,
): ImportChanges {
  return {
    source: changeOf(before.source, after.source),
    entities: countChanges(
      bundle.entities.map((entity, i) => ({ type: entity.type, change: changeOf(before.entities[i]!, after.entities[i]!) })),
    ),
    relations: countChanges(edges.map((edge, i) => ({ type: edge.type, change: changeOf(before.relations[i]!, after.relations[i]!) }))),
  };
}

/** A bundle whose content is already stored: every part of it is unchanged. */
export function nothingChanged(bundle: Bundle, edges: ReturnType<typeof edgeOf>[]): ImportChanges {
  return {
    source: 'UNCHANGED',
    entities: countChanges(bundle.entities.map((entity) => ({ type: entity.type, change: 'UNCHANGED' }))),
    relations: countChanges(edges.map((edge) => ({ type: edge.type, change: 'UNCHANGED' }))),
  };
}
