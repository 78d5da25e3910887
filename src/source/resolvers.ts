import type { QueryResolvers, SourceDocumentResolvers } from '../generated/graphql';
import { encodeCursor, pageRequest, toConnection } from '../graph/pagination';

export const sourceResolvers: { Query: Pick<QueryResolvers, 'source' | 'sources'>; SourceDocument: SourceDocumentResolvers } = {
  Query: {
    source: (_, { id }, context) => context.loaders.source.load(id),
    sources: async (_, args, context) => {
      const page = await context.repositories.sources.listSources(pageRequest(args));
      return toConnection(page, (source) => encodeCursor(source.title, source.id));
    },
  },
  SourceDocument: {
    statements: (source, _, context) => context.loaders.sourceStatements.load(source.id),
    entities: (source, _, context) => context.loaders.sourceEntities.load(source.id),
  },
};
