/** Country fields the registry cannot describe: lookup by code and official names with their dates. */
import type { CountryResolvers, QueryResolvers } from '../../generated/graphql';
import { partialDateOrNull } from '../../core/model/values';
import { excerpt, InvalidArgumentError } from '../../core/errors/request-errors';
import { countryByCodeLoader } from './country.loaders';

/**
 * Two or three letters, either case: a well-formed code that names no country is null, anything
 * else (a name, a quote) a mistake to name. The second form is the benchmark generator's countries
 * (G<n>X<tag>), which no country name can take; the generator should use
 * ISO's user-assigned codes instead.
 */
const countryCodePattern = /^([A-Za-z]{2,3}|G[0-9]+X[A-Za-z0-9-]+)$/;
export const countryCodeForm = 'an ISO 3166-1 alpha-2 or alpha-3 code ("AZ" or "AZE")';

export const countryResolvers: { Query: Pick<QueryResolvers, 'country'>; Country: Pick<CountryResolvers, 'officialNames'> } = {
  Query: {
    country: (_, { code }, context) => {
      // A name typed where a code goes ("Azerbaijan") is told so, rather than answered null.
      if (!countryCodePattern.test(code)) throw new InvalidArgumentError('code', countryCodeForm, excerpt(code));
      return countryByCodeLoader(context).load(code);
    },
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
