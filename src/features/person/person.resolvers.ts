/** Person fields the registry cannot describe: positions, each a HOLDS_POSITION relation (person -> organisation, role = title), paged like the lists. */
import type { PersonResolvers, PositionResolvers } from '../../generated/graphql';
import { partialDateOrNull } from '../../core/model/values';
import type { EntityRecordOf, RelationRecord } from '../../core/model/records';
import { dateArgument } from '../../core/graphql/arguments';
import { cursorScope, pageOfLoaded, type KeysetPosition } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { entityAt, relatedOfType, relationsOf } from '../entity/related';

/** A position's place in the list: its start date (undated first), then organisation and title, which identify it. */
const positionKey = (position: RelationRecord): KeysetPosition => [position.start ?? '', `${position.toId} ${position.role ?? ''}`];

export const personResolvers: { Person: Pick<PersonResolvers, 'positions'>; Position: PositionResolvers } = {
  Person: {
    positions: async (person, args, context) => {
      const asOf = dateArgument('asOf', args.asOf);
      const scope = cursorScope('Person.positions', { person: person.id, asOf });
      const request = pageRequest(args, scope);
      const positions = await relationsOf(context, person.id, 'OUT', ['HOLDS_POSITION'], asOf);
      return toConnection(pageOfLoaded(positions, request, positionKey), scope, positionKey);
    },
  },
  Position: {
    title: (position) => position.role ?? 'member',
    organization: (position, _, context, info) =>
      entityAt(context, position.toId, info, 'Agency') as EntityRecordOf<'Agency'> | Promise<EntityRecordOf<'Agency'>>,
    country: (position, _, context) => relatedOfType(context, position.toId, 'OUT', ['BASED_IN'], 'Country'),
    accreditedTo: (position, _, context) => relatedOfType(context, position.toId, 'OUT', ['ACCREDITED_TO'], 'Country'),
    start: (position) => partialDateOrNull(position.start),
    end: (position) => partialDateOrNull(position.end),
    citations: (position) => position.citations,
    disputed: (position) => position.disputed,
  },
};
