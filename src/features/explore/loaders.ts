/** Partners of a country or agency, batched per tree level, optionally as of a date. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { ExploreRepository } from './repository';

export const partnersLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly { id: string; asOf: string | null }[]) => new ExploreRepository(db).partnersByIds(keys), {
      cacheKeyFn: (key) => `${key.id}|${key.asOf ?? ''}`,
    }),
);
