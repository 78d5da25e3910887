/** Event fields the registry cannot describe: participants with the part each played. */
import type { EventResolvers } from '../../generated/graphql';
import { entitiesByIds, relationsOf } from '../entity/related';

export const eventResolvers: { Event: Pick<EventResolvers, 'participants'> } = {
  Event: {
    participants: async (event, _, context) => {
      const relations = await relationsOf(context, event.id, 'IN', ['PARTICIPATED_IN']);
      const entities = new Map(
        (
          await entitiesByIds(
            context,
            relations.map((relation) => relation.fromId),
          )
        ).map((entity) => [entity.id, entity]),
      );
      return relations.flatMap((relation) => {
        const entity = entities.get(relation.fromId);
        return entity ? [{ entity, role: relation.role }] : [];
      });
    },
  },
};
