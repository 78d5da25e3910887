import type { MemorandumResolvers, QueryResolvers } from '../generated/graphql';
import { entityConnection } from '../graph/lists';
import { relatedEntities } from '../graph/related';
import { entityFields } from '../graph/resolvers';
import { partialDateOrNull } from '../graph/values';

export const memorandumResolvers: { Query: Pick<QueryResolvers, 'memoranda'>; Memorandum: MemorandumResolvers } = {
  Query: {
    memoranda: (_, args, context) => entityConnection(context, 'Memorandum', args),
  },
  Memorandum: {
    ...entityFields,
    kind: (memorandum) => (memorandum.props.kind as never) ?? 'OTHER',
    signed: (memorandum) => partialDateOrNull(memorandum.props.signed),
    parties: (memorandum, _, context) => relatedEntities(context, memorandum.id, 'IN', ['PARTY_TO']),
    signatories: (memorandum, _, context) => relatedEntities(context, memorandum.id, 'IN', ['SIGNED']),
    outcomes: (memorandum, _, context) => relatedEntities(context, memorandum.id, 'IN', ['ESTABLISHED_UNDER', 'UNDER']),
  },
};
