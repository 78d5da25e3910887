/** Query.datasetVersion: the version the exports name, from the same cache (version.ts). */
import type { DatasetVersionResolvers, QueryResolvers } from '../../generated/graphql';
import { versionLabel, type DatasetVersion, type DatasetVersionSource } from './version';

/** Where no database is behind the resolvers (the cypher tests' recording runner): asking is an error. */
export const noDatasetVersions: DatasetVersionSource = {
  current: () => Promise.reject(new Error('no dataset version source was given to the resolvers')),
};

export function exportResolvers(versions: DatasetVersionSource): {
  Query: Pick<QueryResolvers, 'datasetVersion'>;
  DatasetVersion: DatasetVersionResolvers;
} {
  return {
    Query: {
      // The first ask after a write hashes the graph (seconds to minutes): a request stops waiting at
      // its deadline (QUERY_TIMEOUT) while the hashing goes on and fills the cache for the next one.
      datasetVersion: (_, __, context) => versions.current({ signal: context.signal }),
    },
    DatasetVersion: {
      label: (version: DatasetVersion) => versionLabel(version),
    },
  };
}
