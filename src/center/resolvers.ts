import type { QueryResolvers, ServiceCenterResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntity } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull } from '../graph/values';

export const centerResolvers: { Query: Pick<QueryResolvers, 'serviceCenters'>; ServiceCenter: ServiceCenterResolvers } = {
  Query: {
    serviceCenters: (_, args, context) => entityConnection(context, 'ServiceCenter', args),
  },
  ServiceCenter: {
    ...entityFields,
    city: (center) => (center.props.city as string | undefined) ?? null,
    opened: (center) => partialDateOrNull(center.props.opened),
    country: (center, _, context) => relatedEntity(context, center.id, 'OUT', ['LOCATED_IN']),
    modelledOn: (center, _, context) => relatedEntity(context, center.id, 'OUT', ['MODELLED_ON']),
    operator: (center, _, context) => relatedEntity(context, center.id, 'OUT', ['OPERATED_BY']),
    establishedUnder: (center, _, context) => relatedEntity(context, center.id, 'OUT', ['ESTABLISHED_UNDER']),
  },
};
