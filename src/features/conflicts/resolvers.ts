/** Conflicts: where sources disagree. Thin: the repository pages, the entity loader fills subjects. */
import type { QueryResolvers } from '../../generated/graphql';
import { cursorScope, encodeCursor, pageRequest, toConnection } from '../../core/graphql/pagination';
import { NotFoundError } from '../../core/errors';
import { entitiesByIds } from '../entity/related';
import { ConflictRepository, type ConflictRecord } from './repository';

export const conflictResolvers: { Query: Pick<QueryResolvers, 'conflicts'> } = {
  Query: {
    conflicts: async (_, args, context) => {
      const scope = cursorScope('conflicts', { entity: args.entity });
      const request = pageRequest({ first: args.first, after: args.after }, scope);
      const page = await new ConflictRepository(context.db).listConflicts(args.entity ?? null, request);
      // No conflicts about an id the graph does not hold is NOT_FOUND, as for timeline(entity:).
      if (args.entity && page.totalCount === 0 && (await entitiesByIds(context, [args.entity])).length === 0) throw new NotFoundError('entity', args.entity);
      const subjects = new Map((await entitiesByIds(context, page.rows.map((row) => row.subjectId))).map((entity) => [entity.id, entity]));
      const rows = page.rows.flatMap((row: ConflictRecord) => {
        const subject = subjects.get(row.subjectId);
        return subject ? [{ ...row, subject }] : [];
      });
      return toConnection({ ...page, rows }, (row) => encodeCursor(row.key, row.key, scope));
    },
  },
};
