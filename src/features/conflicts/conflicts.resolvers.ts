/**
 * Conflicts: where sources disagree, listed (Query.conflicts) and inline (PartialDate.disputed
 * and alternatives on an entity's stated date). Thin: the repository pages, the loaders fill in.
 */
import type { PartialDateResolvers, QueryResolvers } from '../../generated/graphql';
import type { RequestContext } from '../../core/graphql/context';
import type { ClaimRecord, PartialDateRecord } from '../../core/model/records';
import { claimsLoader } from './conflicts.loaders';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { NotFoundError } from '../../core/errors';
import { entitiesByIds } from '../entity/related';
import { ConflictRepository, type ConflictRecord } from './conflicts.repository';

/** The claims a date answers; none for a date no claim is about. */
async function claimsAbout(date: PartialDateRecord, context: RequestContext): Promise<ClaimRecord[]> {
  return date.claimOf ? claimsLoader(context).load(date.claimOf) : [];
}

/** The dates sources claim instead of `date`: those that are not `date` at another precision. */
async function alternativesTo(date: PartialDateRecord, context: RequestContext): Promise<ClaimRecord[]> {
  return (await claimsAbout(date, context)).filter((claim) => !date.iso.startsWith(claim.value) && !claim.value.startsWith(date.iso));
}

export const conflictResolvers: {
  Query: Pick<QueryResolvers, 'conflicts'>;
  PartialDate: Pick<PartialDateResolvers, 'disputed' | 'alternatives'>;
} = {
  PartialDate: {
    disputed: async (date, _, context) => (await alternativesTo(date, context)).length > 0,
    alternatives: (date, _, context) => alternativesTo(date, context),
  },
  Query: {
    conflicts: async (_, args, context) => {
      const scope = cursorScope('conflicts', { entity: args.entity });
      const request = pageRequest({ first: args.first, after: args.after }, scope);
      const page = await new ConflictRepository(context.db).listConflicts(args.entity ?? null, request);
      // No conflicts about an id the graph does not hold is NOT_FOUND, as for timeline(entity:).
      if (args.entity && page.totalCount === 0 && (await entitiesByIds(context, [args.entity])).length === 0)
        throw new NotFoundError('entity', args.entity);
      const subjects = new Map(
        (
          await entitiesByIds(
            context,
            page.rows.map((row) => row.subjectId),
          )
        ).map((entity) => [entity.id, entity]),
      );
      const rows = page.rows.flatMap((row: ConflictRecord) => {
        const subject = subjects.get(row.subjectId);
        return subject ? [{ ...row, subject }] : [];
      });
      return toConnection({ ...page, rows }, scope, (row) => [row.key, row.key]);
    },
  },
};
