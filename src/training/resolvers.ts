import type { QueryResolvers, TrainingResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities, relatedEntity } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull, storedQuantity } from '../graph/values';

export const trainingResolvers: { Query: Pick<QueryResolvers, 'trainings'>; Training: TrainingResolvers } = {
  Query: {
    trainings: (_, args, context) => entityConnection(context, 'Training', args),
  },
  Training: {
    ...entityFields,
    date: (training) => partialDateOrNull(training.props.date),
    count: (training) => storedQuantity(training.props, 'count'),
    participants: (training) => storedQuantity(training.props, 'participants'),
    topics: (training) => (training.props.topics as string[] | undefined) ?? [],
    provider: (training, _, context) => relatedEntity(context, training.id, 'OUT', ['PROVIDED_BY']),
    recipients: (training, _, context) => relatedEntities(context, training.id, 'OUT', ['TRAINED']),
    under: (training, _, context) => relatedEntity(context, training.id, 'OUT', ['UNDER']),
  },
};
