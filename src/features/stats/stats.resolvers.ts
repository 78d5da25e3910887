/** Query.stats: the filter checked here (BAD_USER_INPUT naming the argument); only the aggregates the client selected are computed. */
import type { QueryResolvers } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { countryArgument, dateArgument } from '../../core/graphql/arguments';
import { selectedFieldNames } from '../../core/graphql/selection';
import { dashboard, statsPartsFor } from './stats.dashboard';
import { StatsRepository } from './stats.repository';

const statsRepository = perRequest((db) => new StatsRepository(db));

export const statsResolvers: { Query: Pick<QueryResolvers, 'stats'> } = {
  Query: {
    stats: async (_, args, context, info) => {
      const filter = args.filter ?? {};
      const statsFilter = {
        country: countryArgument('filter.country', filter.country),
        from: dateArgument('filter.from', filter.from),
        to: dateArgument('filter.to', filter.to),
        asOf: dateArgument('filter.asOf', filter.asOf),
        idPrefix: filter.idPrefix ?? null,
      };
      // Only the aggregates the client selected are computed.
      return dashboard(await statsRepository(context).stats(statsFilter, statsPartsFor(selectedFieldNames(info))));
    },
  },
};
