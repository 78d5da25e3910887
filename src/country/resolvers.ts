import type { CountryResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull } from '../graph/values';

interface StoredOfficialName {
  name: string;
  start?: string;
  end?: string;
}

export const countryResolvers: { Query: Pick<QueryResolvers, 'country' | 'countries'>; Country: CountryResolvers } = {
  Query: {
    country: (_, { code }, context) => context.loaders.countryByCode.load(code),
    countries: (_, args, context) => entityConnection(context, 'Country', args),
  },
  Country: {
    ...entityFields,
    code: (country) => country.props.code as string,
    alpha3: (country) => country.props.alpha3 as string,
    officialNames: (country) =>
      (JSON.parse((country.props.officialNames as string | undefined) ?? '[]') as StoredOfficialName[]).map((name) => ({
        name: name.name,
        start: partialDateOrNull(name.start),
        end: partialDateOrNull(name.end),
      })),
    agencies: (country, _, context) => relatedEntities(context, country.id, 'IN', ['BASED_IN']),
  },
};
