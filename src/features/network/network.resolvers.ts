/** Query.network: depth, limit and date checked here (BAD_USER_INPUT naming the argument and its range, NOT_FOUND for an unknown centre). */
import type { QueryResolvers } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { NotFoundError } from '../../core/errors';
import { dateArgument, wholeNumber } from '../../core/graphql/arguments';
import { entityTypeNames } from '../../core/model/registry';
import { nestedEntitySelection, relationKeysAt } from '../../core/graphql/entity-selection';
import { defaultReadOptions } from '../../core/graphql/read-options';
import { rememberRelationEnds } from '../entity/prefetched';
import { NetworkRepository } from './network.repository';

export const maxNetworkDepth = 4;
export const maxNetworkLimit = 500;
export const defaultNetworkLimit = 100;

const networkRepository = perRequest((db) => new NetworkRepository(db));

export const networkResolvers: { Query: Pick<QueryResolvers, 'network'> } = {
  Query: {
    network: async (_, args, context, info) => {
      const depth = wholeNumber('depth', args.depth ?? 1, 1, maxNetworkDepth);
      const limit = wholeNumber('limit', args.limit ?? defaultNetworkLimit, 1, maxNetworkLimit);
      const asOf = dateArgument('asOf', args.asOf);
      const types = args.relationTypes && args.relationTypes.length > 0 ? [...args.relationTypes] : null;
      // The center, the nodes and the edges' ends are the same entities: one selection for all, compiled into the query.
      const selection = nestedEntitySelection(
        info,
        [['center'], ['nodes'], ['edges', 'from'], ['edges', 'to']],
        entityTypeNames,
        defaultReadOptions.compiledLevels,
      );
      const result = await networkRepository(context).network(
        args.center,
        depth,
        types,
        limit,
        asOf,
        selection,
        relationKeysAt(info, [['edges']]),
      );
      if (!result.found) throw new NotFoundError('center', args.center);
      rememberRelationEnds(result.edges, result.nodes);
      return { center: result.nodes[0]!, nodes: result.nodes, edges: result.edges, truncated: result.truncated };
    },
  },
};
