/**
 * Query.datasetVersion: the write counter at once (one index seek), and the content version the
 * exports name (version.ts) only when hash, lastChange or label is selected, since it hashes the
 * graph after each write.
 */
import type { DatasetVersionResolvers, QueryResolvers } from '../../generated/graphql';
import { versionLabel, type DatasetVersion, type DatasetVersionAnswer, type DatasetVersionSource } from './version';

/** Where no database is behind the resolvers (the cypher tests' recording runner): asking is an error. */
export const noDatasetVersions: DatasetVersionSource = {
  counter: () => Promise.reject(new Error('no dataset version source was given to the resolvers')),
  current: () => Promise.reject(new Error('no dataset version source was given to the resolvers')),
};

export function exportResolvers(versions: DatasetVersionSource): {
  Query: Pick<QueryResolvers, 'datasetVersion'>;
  DatasetVersion: DatasetVersionResolvers;
} {
  return {
    Query: {
      datasetVersion: async (_, __, context): Promise<DatasetVersionAnswer> => {
        const counter = await versions.counter({ signal: context.signal });
        let content: Promise<DatasetVersion> | undefined;
        // The first ask after a write hashes the graph (seconds to minutes): a request stops waiting at
        // its deadline (QUERY_TIMEOUT) while the hashing goes on and fills the cache for the next one.
        return { counter, content: () => (content ??= versions.current({ signal: context.signal })) };
      },
    },
    DatasetVersion: {
      counter: (answer) => String(answer.counter),
      hash: async (answer) => (await answer.content()).hash,
      lastChange: async (answer) => (await answer.content()).lastChange,
      label: async (answer) => versionLabel(await answer.content()),
    },
  };
}
