import type { QueryResolvers, SourceDocumentResolvers } from '../../generated/graphql';
import { sourceEntitiesLoader, sourceLoader, sourceRepository, sourceStatementsLoader } from './source.loaders';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { lookupIdForm, lookupIdPattern } from '../../core/model/registry';
import { excerpt, InvalidArgumentError } from '../../core/errors/request-errors';

export const sourceResolvers: { Query: Pick<QueryResolvers, 'source' | 'sources'>; SourceDocument: SourceDocumentResolvers } = {
  Query: {
    // A malformed id is told its form, as entity(id:) is; a well-formed unknown one is null.
    source: (_, { id }, context) => {
      if (!lookupIdPattern.test(id)) throw new InvalidArgumentError('id', lookupIdForm, excerpt(id));
      return sourceLoader(context).load(id);
    },
    sources: async (_, args, context) => {
      const scope = cursorScope('sources', {});
      const page = await sourceRepository(context).listSources(pageRequest(args, scope));
      return toConnection(page, scope, (source) => [source.title, source.id]);
    },
  },
  SourceDocument: {
    statements: (source, _, context) => sourceStatementsLoader(context).load(source.id),
    entities: (source, _, context) => sourceEntitiesLoader(context).load(source.id),
  },
};
