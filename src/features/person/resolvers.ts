/** Person fields the registry cannot describe: positions, each a HOLDS_POSITION relation (person -> organisation, role = title). */
import type { PersonResolvers, PositionResolvers } from '../../generated/graphql';
import { partialDateOrNull } from '../../core/model/values';
import type { EntityRecordOf } from '../../core/model/records';
import { entityAt, relatedOfType, relationsOf } from '../entity/related';

export const personResolvers: { Person: Pick<PersonResolvers, 'positions'>; Position: PositionResolvers } = {
  Person: {
    positions: (person, _, context) => relationsOf(context, person.id, 'OUT', ['HOLDS_POSITION']),
  },
  Position: {
    title: (position) => position.role ?? 'member',
    organization: (position, _, context, info) => entityAt(context, position.toId, info, 'Agency') as EntityRecordOf<'Agency'> | Promise<EntityRecordOf<'Agency'>>,
    country: (position, _, context) => relatedOfType(context, position.toId, 'OUT', ['BASED_IN'], 'Country'),
    accreditedTo: (position, _, context) => relatedOfType(context, position.toId, 'OUT', ['ACCREDITED_TO'], 'Country'),
    start: (position) => partialDateOrNull(position.start),
    end: (position) => partialDateOrNull(position.end),
    citations: (position) => position.citations,
    disputed: (position) => position.disputed,
  },
};
