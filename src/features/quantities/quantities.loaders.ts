/** Stated quantities by entity and metric, batched: `quantities` anywhere in a tree level costs one query. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { QuantityRepository, type QuantitiesKey } from './quantities.repository';

export const quantitiesLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly QuantitiesKey[]) => new QuantityRepository(db).quantitiesByKeys(keys), {
      cacheKeyFn: (key) => `${key.id}\u0000${key.metric?.toLowerCase() ?? ''}`,
    }),
);
