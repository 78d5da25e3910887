import type { AwardResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities, relatedEntity } from '../graph/related';
import { entityFields } from '../graph/resolvers';

export const awardResolvers: { Query: Pick<QueryResolvers, 'awards'>; Award: AwardResolvers } = {
  Query: {
    awards: (_, args, context) => entityConnection(context, 'Award', args),
  },
  Award: {
    ...entityFields,
    year: (award) => (award.props.year as number | undefined) ?? null,
    conferredBy: (award, _, context) => relatedEntity(context, award.id, 'OUT', ['CONFERRED_BY']),
    recipients: (award, _, context) => relatedEntities(context, award.id, 'IN', ['RECEIVED']),
  },
};
