/** Countries by ISO code, batched: `country(code:)` at any depth costs one query per tree level. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { CountryRepository } from './country.repository';

export const countryByCodeLoader = perRequest(
  (db) =>
    new DataLoader((codes: readonly string[]) => new CountryRepository(db).countriesByCodes(codes), {
      cacheKeyFn: (code) => code.toUpperCase(),
    }),
);
