/**
 * The loaders every entity type uses: entities by id and the relations around them. Each batch
 * is one repository call, i.e. one Cypher query, so a GraphQL tree level costs one round trip
 * per loader however wide it is.
 */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { EntityRepository, type RelationKey } from './entity.repository';

/** Keys that ask for the same relations share a cache entry whatever order their types came in. */
export function relationKeyCacheKey(key: RelationKey): string {
  return `${key.id}|${key.direction}|${key.types ? [...key.types].sort().join(',') : '*'}|${key.asOf ?? ''}`;
}

export const entityRepository = perRequest((db) => new EntityRepository(db));

export const entityLoader = perRequest((db) => new DataLoader((ids: readonly string[]) => new EntityRepository(db).entitiesByIds(ids)));

export const relationsLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly RelationKey[]) => new EntityRepository(db).relationsByKeys(keys), { cacheKeyFn: relationKeyCacheKey }),
);

/** The entities at the far end of relations (relation fields), ends loaded with their relations: one statement per tree level. */
export const relatedLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly RelationKey[]) => new EntityRepository(db).relatedByKeys(keys), { cacheKeyFn: relationKeyCacheKey }),
);
