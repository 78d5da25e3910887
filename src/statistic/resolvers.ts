import type { QueryResolvers, StatisticResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntity } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull, storedQuantity } from '../graph/values';

export const statisticResolvers: { Query: Pick<QueryResolvers, 'statistics'>; Statistic: StatisticResolvers } = {
  Query: {
    statistics: (_, args, context) => entityConnection(context, 'Statistic', args),
  },
  Statistic: {
    ...entityFields,
    metric: (statistic) => statistic.props.metric as string,
    value: (statistic) => {
      const value = storedQuantity(statistic.props, 'value');
      if (!value) throw new Error(`statistic ${statistic.id} has no stored value`);
      return value;
    },
    asOf: (statistic) => partialDateOrNull(statistic.props.asOf),
    subject: (statistic, _, context) => relatedEntity(context, statistic.id, 'OUT', ['MEASURES']),
  },
};
