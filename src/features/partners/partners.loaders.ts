/** Partners of countries and agencies, one page each, batched per tree level. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { PartnersRepository, type PartnersKey } from './partners.repository';

/** Keys asking for the same page of the same partners share a cache entry. */
export function partnersKeyCacheKey(key: PartnersKey): string {
  return JSON.stringify([key.id, key.asOf, key.page.limit, key.page.position, key.linksFirst]);
}

export const partnersLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly PartnersKey[]) => new PartnersRepository(db).partnersByKeys(keys), { cacheKeyFn: partnersKeyCacheKey }),
);
