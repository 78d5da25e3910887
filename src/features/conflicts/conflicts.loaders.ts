/** Claims by subject and property, batched: every stated date of a page shows its disputes in one query. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { ConflictRepository, type ClaimKey } from './conflicts.repository';

export const claimsLoader = perRequest(
  (db) =>
    new DataLoader((keys: readonly ClaimKey[]) => new ConflictRepository(db).claimsByKeys(keys), {
      cacheKeyFn: (key) => `${key.subject}\u0000${key.property}`,
    }),
);
