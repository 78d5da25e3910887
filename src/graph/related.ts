/**
 * Walking one step from an entity through the loaders: the building block of every
 * relationship field (Agency.country, Memorandum.parties...). Two batched queries per tree
 * level: the relations, then the entities at their other ends.
 */
import type { RequestContext } from '../context';
import type { EntityRecord, RelationRecord } from './records';
import type { Direction } from './repository';

export function relationsOf(context: RequestContext, id: string, direction: Direction, types: string[] | null, asOf: string | null = null): Promise<RelationRecord[]> {
  return context.loaders.relations.load({ id, direction, types, asOf });
}

/** The entities at the far end of `id`'s relations of the given types, in relation order, without repeats. */
export async function relatedEntities(context: RequestContext, id: string, direction: Exclude<Direction, 'BOTH'>, types: string[]): Promise<EntityRecord[]> {
  const relations = await relationsOf(context, id, direction, types);
  const ids = [...new Set(relations.map((relation) => (direction === 'OUT' ? relation.toId : relation.fromId)))];
  const entities = await context.loaders.entity.loadMany(ids);
  return entities.filter((entity): entity is EntityRecord => entity !== null && !(entity instanceof Error));
}

export async function relatedEntity(context: RequestContext, id: string, direction: Exclude<Direction, 'BOTH'>, types: string[]): Promise<EntityRecord | null> {
  return (await relatedEntities(context, id, direction, types))[0] ?? null;
}
