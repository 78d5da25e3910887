/** Country fields the registry cannot describe: lookup by code and official names with their dates. */
import type { CountryResolvers, QueryResolvers } from '../../generated/graphql';
import { partialDateOrNull } from '../../core/model/values';
import { countryByCodeLoader } from './country.loaders';

export const countryResolvers: { Query: Pick<QueryResolvers, 'country'>; Country: Pick<CountryResolvers, 'officialNames'> } = {
  Query: {
    country: (_, { code }, context) => countryByCodeLoader(context).load(code),
  },
  Country: {
    officialNames: (country) =>
      (country.attributes.officialNames ?? []).map((name) => ({
        name: name.name,
        start: partialDateOrNull(name.start),
        end: partialDateOrNull(name.end),
      })),
  },
};
