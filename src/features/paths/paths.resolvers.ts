/** Query.paths: length and count checked here (BAD_USER_INPUT, NOT_FOUND for an unknown end); each path explained in English sentences. */
import type { QueryResolvers } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { NotFoundError } from '../../core/errors';
import { languageArgument, wholeNumber } from '../../core/graphql/arguments';
import { fallbackLanguage } from '../../core/model/names';
import { nameKeys } from '../../core/model/storage';
import { entityTypeNames } from '../../core/model/registry';
import { nestedEntitySelection, relationKeysAt } from '../../core/graphql/entity-selection';
import { defaultReadOptions } from '../../core/graphql/read-options';
import { selectedFieldNames } from '../../core/graphql/selection';
import { pathExplanation } from '../../core/model/path-sentences';
import { rememberRelationEnds } from '../entity/prefetched';
import { PathsRepository } from './paths.repository';

export const maxPathLength = 6;
export const maxPaths = 10;
/** What stands for a field the client did not select (its inputs were not read): graphql-js never serves it. */
const unread = '';

const pathsRepository = perRequest((db) => new PathsRepository(db));

export const pathsResolvers: { Query: Pick<QueryResolvers, 'paths'> } = {
  Query: {
    paths: async (_, args, context, info) => {
      const maxLength = wholeNumber('maxLength', args.maxLength ?? 4, 1, maxPathLength);
      const first = wholeNumber('first', args.first ?? 3, 1, maxPaths);
      // Explanations are English sentences: English names where known, unless another language is asked for.
      const lang = languageArgument('lang', args.lang) ?? fallbackLanguage;
      // The nodes and the relations' ends are the same entities: one selection for all, plus what an explanation reads.
      const selected = nestedEntitySelection(
        info,
        [['nodes'], ['relations', 'from'], ['relations', 'to']],
        entityTypeNames,
        defaultReadOptions.compiledLevels,
      );
      const explained = selectedFieldNames(info).has('explanation');
      const selection = explained ? { ...selected, keys: [...new Set([...selected.keys, 'name', ...nameKeys])] } : selected;
      const result = await pathsRepository(context).paths(
        args.from,
        args.to,
        maxLength,
        first,
        selection,
        relationKeysAt(info, [['relations']]),
      );
      if (!result.hasFrom) throw new NotFoundError('from', args.from);
      if (!result.hasTo) throw new NotFoundError('to', args.to);
      return result.paths.map((path) => {
        rememberRelationEnds(path.relations, path.nodes);
        return {
          nodes: path.nodes,
          relations: path.relations,
          length: path.relations.length,
          explanation: explained ? pathExplanation(path.nodes, path.relations, lang) : unread,
        };
      });
    },
  },
};
