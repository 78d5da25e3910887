/**
 * Entities read with a compiled selection (core/cypher/projection.ts) carry the answers of their
 * relation fields with them. This module turns a projected row into a record, remembers the far
 * ends of each relation field beside it, and hands them to the field's resolver, which then needs
 * no loader and no query.
 *
 * A compiled record holds only the properties its selection asked for, so it is never primed
 * into the entity loader (a later, wider selection of the same id must load the whole entity).
 */
import type { EntitySelection } from '../../core/graphql/entity-selection';
import { relationKey, shippedRelationKey } from '../../core/cypher/projection';
import type { EntityRecord, EntityTypeName, RelationRecord } from '../../core/model/records';
import { entityOfType, type NodeProperties } from '../../core/model/storage';

/** Keyed by record: the records live as long as their request, and so do their answers. */
const relatedEnds = new WeakMap<EntityRecord, Map<string, EntityRecord[]>>();

/** A record from a row projected for `selection`, its relation fields' ends (ordered in Cypher) remembered with it. */
export function entityFromProjection(row: NodeProperties, selection: EntitySelection): EntityRecord {
  // A place where one type only can appear ships no type (core/cypher/projection.ts).
  const entity = entityOfType(row, (row.type as EntityTypeName | undefined) ?? selection.types[0]!);
  const answers = new Map<string, EntityRecord[]>();
  for (const [index, relation] of selection.relations.entries()) {
    const ends = row[shippedRelationKey(index)] as NodeProperties[] | null | undefined;
    if (ends)
      answers.set(
        relationKey(relation),
        firstOfEachId(ends).map((end) => entityFromProjection(end, relation.selection)),
      );
  }
  relatedEnds.set(entity, answers);
  return entity;
}

/** Each item once, at the place of its first occurrence: an end reached by several relations keeps its first relation's place. */
export function firstOfEachId<T extends { id?: unknown }>(items: readonly T[]): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

/** The ends of `type.field` read with `entity`, or undefined when the field was not compiled (the loaders answer it). */
export function prefetchedEnds(entity: EntityRecord, type: EntityTypeName, field: string): EntityRecord[] | undefined {
  return relatedEnds.get(entity)?.get(relationKey({ type, field }));
}

/** The entities at the ends of relations read together with them (a network's edges among its nodes). */
const relationEnds = new WeakMap<RelationRecord, { from?: EntityRecord; to?: EntityRecord }>();

/** Remembers, for each relation, its ends among `entities` (read with a selection that covers Relation.from/to). */
export function rememberRelationEnds(relations: readonly RelationRecord[], entities: readonly EntityRecord[]): void {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  for (const relation of relations) relationEnds.set(relation, { from: byId.get(relation.fromId), to: byId.get(relation.toId) });
}

/** The entity at one end of a relation read with it, or undefined (the loaders answer). */
export function prefetchedRelationEnd(relation: RelationRecord, side: 'from' | 'to'): EntityRecord | undefined {
  return relationEnds.get(relation)?.[side];
}
