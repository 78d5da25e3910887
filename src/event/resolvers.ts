import type { EventResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities, relatedEntity, relationsOf } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull } from '../graph/values';

export const eventResolvers: { Query: Pick<QueryResolvers, 'events'>; Event: EventResolvers } = {
  Query: {
    events: (_, args, context) => entityConnection(context, 'Event', args),
  },
  Event: {
    ...entityFields,
    kind: (event) => (event.props.kind as never) ?? 'OTHER',
    date: (event) => partialDateOrNull(event.props.date),
    topics: (event) => (event.props.topics as string[] | undefined) ?? [],
    participants: async (event, _, context) => {
      const relations = await relationsOf(context, event.id, 'IN', ['PARTICIPATED_IN']);
      const entities = await context.loaders.entity.loadMany(relations.map((relation) => relation.fromId));
      return relations.flatMap((relation, i) => {
        const entity = entities[i];
        return entity && !(entity instanceof Error) ? [{ entity, role: relation.role }] : [];
      });
    },
    location: (event, _, context) => relatedEntity(context, event.id, 'OUT', ['HELD_AT']),
    country: (event, _, context) => relatedEntity(context, event.id, 'OUT', ['LOCATED_IN']),
    discussed: (event, _, context) => relatedEntities(context, event.id, 'OUT', ['DISCUSSED']),
  },
};
