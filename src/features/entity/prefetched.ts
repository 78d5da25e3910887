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
import { relationKey } from '../../core/cypher/projection';
import { compareRelations } from '../../core/cypher/fragments';
import type { EntityRecord, EntityTypeName, RelationRecord } from '../../core/model/records';
import { entityFromNode, type NodeProperties } from '../../core/model/storage';

/** Keyed by record: the records live as long as their request, and so do their answers. */
const relatedEnds = new WeakMap<EntityRecord, Map<string, EntityRecord[]>>();

interface ProjectedRelation {
  type: string;
  start: string | null;
  end: NodeProperties;
}

/** A record from a row projected for `selection`, its relation fields' ends remembered with it. */
export function entityFromProjection(row: NodeProperties, selection: EntitySelection): EntityRecord {
  const entity = entityFromNode(row);
  const answers = new Map<string, EntityRecord[]>();
  for (const relation of selection.relations) {
    const projected = row[relationKey(relation)] as ProjectedRelation[] | null | undefined;
    if (!projected) continue;
    const outward = relation.spec.direction === 'OUT';
    const ends = projected.map((p) => {
      const end = entityFromProjection(p.end, relation.selection);
      const order: RelationRecord = { type: p.type as RelationRecord['type'], fromId: outward ? entity.id : end.id, toId: outward ? end.id : entity.id, role: null, start: p.start, end: null, citations: [], disputed: false };
      return { order, end };
    });
    // The loaders' order: by relation type, start date, then the far end's id; each end once.
    const compare = compareRelations(entity.id);
    ends.sort((a, b) => compare(a.order, b.order));
    answers.set(relationKey(relation), [...new Map(ends.map(({ end }) => [end.id, end])).values()]);
  }
  relatedEnds.set(entity, answers);
  return entity;
}

/** The ends of `type.field` read with `entity`, or undefined when the field was not compiled (the loaders answer it). */
export function prefetchedEnds(entity: EntityRecord, type: EntityTypeName, field: string): EntityRecord[] | undefined {
  return relatedEnds.get(entity)?.get(relationKey({ type, field }));
}
