/** The audit trail's reads: Query.changes, newest first. Mutations record changes through recordChange (repository.ts). */
import type { ChangeResolvers, QueryResolvers } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { sinceArgument } from '../../core/graphql/arguments';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { AuditRepository } from './audit.repository';

const auditRepository = perRequest((db) => new AuditRepository(db));

export const auditResolvers: { Query: Pick<QueryResolvers, 'changes'>; Change: ChangeResolvers } = {
  Query: {
    changes: async (_, args, context) => {
      const filter = { entity: args.entity ?? null, by: args.by ?? null, since: sinceArgument('since', args.since) };
      const scope = cursorScope('changes', filter);
      const page = await auditRepository(context).changes(filter, pageRequest({ first: args.first, after: args.after }, scope));
      return toConnection(page, scope, (change) => [change.at, change.id]);
    },
  },
  Change: {
    entities: (change) => change.entityIds,
  },
};
