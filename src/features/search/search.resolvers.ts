/** Query.search: the query's length checked here (BAD_USER_INPUT), the ranking and the page one repository call. */
import type { QueryResolvers } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { InvalidArgumentError } from '../../core/errors';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { entityTypeNames, typeOfEnumValue } from '../../core/model/registry';
import { nestedEntitySelection } from '../../core/graphql/entity-selection';
import { defaultReadOptions } from '../../core/graphql/read-options';
import { SearchRepository } from './search.repository';

export const maxSearchLength = 200;

const searchRepository = perRequest((db) => new SearchRepository(db));

export const searchResolvers: { Query: Pick<QueryResolvers, 'search'> } = {
  Query: {
    search: async (_, args, context, info) => {
      if (args.query.length > maxSearchLength)
        throw new InvalidArgumentError('query', `at most ${maxSearchLength} characters`, args.query.length);
      const scope = cursorScope('search', { query: args.query, types: args.types });
      const request = pageRequest({ first: args.first, after: args.after }, scope);
      const types = args.types && args.types.length > 0 ? args.types.map((type) => typeOfEnumValue(type)!) : null;
      const selection = nestedEntitySelection(info, [['edges', 'node']], types ?? entityTypeNames, defaultReadOptions.compiledLevels);
      const page = await searchRepository(context).search(args.query, types, request, selection);
      const connection = toConnection(page, scope, (hit) => [hit.sortValue, hit.entity.id]);
      return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })) };
    },
  },
};
