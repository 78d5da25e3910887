import type { AgencyResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities, relatedEntity } from '../graph/related';
import { entityFields } from '../graph/resolvers';

export const agencyResolvers: { Query: Pick<QueryResolvers, 'agencies'>; Agency: AgencyResolvers } = {
  Query: {
    agencies: (_, args, context) => entityConnection(context, 'Agency', args),
  },
  Agency: {
    ...entityFields,
    kind: (agency) => (agency.props.kind as never) ?? 'OTHER',
    country: (agency, _, context) => relatedEntity(context, agency.id, 'OUT', ['BASED_IN']),
    accreditedTo: (agency, _, context) => relatedEntity(context, agency.id, 'OUT', ['ACCREDITED_TO']),
    parent: (agency, _, context) => relatedEntity(context, agency.id, 'OUT', ['PART_OF']),
    children: (agency, _, context) => relatedEntities(context, agency.id, 'IN', ['PART_OF']),
    memberships: (agency, _, context) => relatedEntities(context, agency.id, 'OUT', ['MEMBER_OF']),
    members: (agency, _, context) => relatedEntities(context, agency.id, 'IN', ['MEMBER_OF']),
    memoranda: (agency, _, context) => relatedEntities(context, agency.id, 'OUT', ['PARTY_TO']),
    staff: (agency, _, context) => relatedEntities(context, agency.id, 'IN', ['HOLDS_POSITION']),
  },
};
