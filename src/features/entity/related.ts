/**
 * Walking one step from an entity through the loaders: the building block of every
 * relationship field (Agency.country, Memorandum.parties...). One batched query per tree level
 * brings the relations and the entities at their other ends together.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../core/graphql/context';
import { selectsOnly } from '../../core/graphql/selection';
import { typeOfStoredId } from '../../core/model/registry';
import type { CitationRecord, EntityRecord, EntityRecordOf, EntityTypeName, RelationRecord } from '../../core/model/records';
import { retractedCitationsLoader, retractedRelationsLoader } from '../history/history.loaders';
import { entityLoader, relatedLoader, relationsLoader } from './entity.loaders';
import type { Direction } from './entity.repository';

/** The retracted relations of `id` (history feature's archive), narrowed like relationsOf; asOf does not apply to them. */
export async function retractedRelationsOf(
  context: RequestContext,
  id: string,
  direction: Direction,
  types: readonly string[] | null,
): Promise<RelationRecord[]> {
  const archived = await retractedRelationsLoader(context).load(id);
  return archived.filter(
    (relation) =>
      (types === null || types.includes(relation.type)) &&
      (direction !== 'OUT' || relation.fromId === id) &&
      (direction !== 'IN' || relation.toId === id),
  );
}

/** A statement's citations followed by those retracted from it (`ownerId`: its entity or relation id). */
export async function withRetractedCitations(
  context: RequestContext,
  ownerId: string,
  citations: readonly CitationRecord[],
): Promise<CitationRecord[]> {
  return [...citations, ...(await retractedCitationsLoader(context).load(ownerId))];
}

export function relationsOf(
  context: RequestContext,
  id: string,
  direction: Direction,
  types: readonly string[] | null,
  asOf: string | null = null,
): Promise<RelationRecord[]> {
  return relationsLoader(context).load({ id, direction, types: types ? [...types] : null, asOf });
}

/** The entities with these ids, in order, skipping ids that name nothing. */
export async function entitiesByIds(context: RequestContext, ids: readonly string[]): Promise<EntityRecord[]> {
  const entities = await entityLoader(context).loadMany(ids);
  return entities.filter((entity): entity is EntityRecord => entity !== null && !(entity instanceof Error));
}

/**
 * The entities at the far end of `id`'s relations of the given types, in relation order, without
 * repeats. They come with their relations in one batched query, and are primed into the entity
 * loader, so a deeper field asking for one of them by id costs nothing more.
 */
export async function relatedEntities(
  context: RequestContext,
  id: string,
  direction: Exclude<Direction, 'BOTH'>,
  types: readonly string[],
): Promise<EntityRecord[]> {
  const ends = await relatedLoader(context).load({ id, direction, types: [...types], asOf: null });
  for (const end of ends) entityLoader(context).prime(end.id, end);
  return ends;
}

export async function relatedEntity(
  context: RequestContext,
  id: string,
  direction: Exclude<Direction, 'BOTH'>,
  types: readonly string[],
): Promise<EntityRecord | null> {
  return (await relatedEntities(context, id, direction, types))[0] ?? null;
}

/** Like relatedEntity, for a field of one type (Position.country): an end of another type is not it. */
export async function relatedOfType<T extends EntityTypeName>(
  context: RequestContext,
  id: string,
  direction: Exclude<Direction, 'BOTH'>,
  types: readonly string[],
  type: T,
): Promise<EntityRecordOf<T> | null> {
  const entities = await relatedEntities(context, id, direction, types);
  return (entities.find((entity) => entity.type === type) as EntityRecordOf<T> | undefined) ?? null;
}

/** Fields of an entity that its id alone answers: the type is the id's prefix. */
const idOnlyFields = ['id', 'type', '__typename'];

/**
 * The entity at one end of a relation (Relation.from, Position.organization), which must exist.
 * The relation already holds its id, so when the client asked for nothing more than the id and
 * type, no entity is loaded (no query for the level). Its type is the id's prefix, or else
 * `type`: the one type the registry allows at that end (HOLDS_POSITION ends at an Agency). With
 * `type`, an entity whose id names another type is an error.
 */
export function entityAt(
  context: RequestContext,
  id: string,
  info: GraphQLResolveInfo,
  type?: EntityTypeName,
): EntityRecord | Promise<EntityRecord> {
  const knownType = typeOfStoredId(id) ?? type ?? null;
  if (knownType !== null && (!type || knownType === type) && selectsOnly(info, idOnlyFields)) {
    return {
      id,
      type: knownType,
      name: id,
      sortKey: id,
      aliases: [],
      names: [],
      description: null,
      attributes: {},
      citations: [],
      version: 1,
    } as EntityRecord;
  }
  return type ? requiredOfType(context, id, type) : requiredEntity(context, id);
}

/** An entity of `type` that must exist (an organisation a person holds a position at). */
export async function requiredOfType<T extends EntityTypeName>(context: RequestContext, id: string, type: T): Promise<EntityRecordOf<T>> {
  const entity = await requiredEntity(context, id);
  if (entity.type !== type) throw new Error(`entity ${id} is a ${entity.type}, not a ${type}`);
  return entity as EntityRecordOf<T>;
}

/** An entity that must exist (the end of an edge, a cited organisation); a missing one means the graph changed under this request. */
export async function requiredEntity(context: RequestContext, id: string): Promise<EntityRecord> {
  const entity = await entityLoader(context).load(id);
  if (!entity) throw new Error(`entity ${id} disappeared while the request ran`);
  return entity;
}
