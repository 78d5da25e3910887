/** Conflicts: where sources disagree. Thin: the repository pages, the entity loader fills subjects. */
import type { QueryResolvers } from '../generated/graphql';
import { encodeCursor, pageRequest, toConnection } from '../graph/pagination';
import type { EntityRecord } from '../graph/records';
import type { ConflictRecord } from './repository';

export const conflictResolvers: { Query: Pick<QueryResolvers, 'conflicts'> } = {
  Query: {
    conflicts: async (_, args, context) => {
      const request = pageRequest({ first: args.first, after: args.after });
      const page = await context.repositories.conflicts.listConflicts(args.entity ?? null, request);
      const subjects = await context.loaders.entity.loadMany(page.rows.map((row) => row.subjectId));
      const rows = page.rows.flatMap((row: ConflictRecord, i) => {
        const subject = subjects[i];
        return subject && !(subject instanceof Error) ? [{ ...row, subject: subject as EntityRecord }] : [];
      });
      return toConnection({ ...page, rows }, (row) => encodeCursor(row.key, row.key));
    },
  },
};
