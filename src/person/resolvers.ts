import type { PersonResolvers, PositionResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntity, relationsOf } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull } from '../graph/values';

/** A Position is a HOLDS_POSITION relation: person -> organisation, role = title. */
export const personResolvers: { Query: Pick<QueryResolvers, 'people'>; Person: PersonResolvers; Position: PositionResolvers } = {
  Query: {
    people: (_, args, context) => entityConnection(context, 'Person', args),
  },
  Person: {
    ...entityFields,
    positions: (person, _, context) => relationsOf(context, person.id, 'OUT', ['HOLDS_POSITION']),
  },
  Position: {
    title: (position) => position.role ?? 'member',
    organization: async (position, _, context) => {
      const organization = await context.loaders.entity.load(position.toId);
      if (!organization) throw new Error(`position organisation ${position.toId} is missing`);
      return organization;
    },
    country: (position, _, context) => relatedEntity(context, position.toId, 'OUT', ['BASED_IN']),
    accreditedTo: (position, _, context) => relatedEntity(context, position.toId, 'OUT', ['ACCREDITED_TO']),
    start: (position) => partialDateOrNull(position.start),
    end: (position) => partialDateOrNull(position.end),
    citations: (position) => position.citations,
  },
};
