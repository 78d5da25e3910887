/**
 * All resolvers, merged: first what every entity type gets from the model registry, then what
 * each feature adds (fields the registry cannot describe, root queries of its own).
 */
import { GraphQLScalarType } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import { analyticsResolvers, listAnalyticsResolvers } from '../features/analytics/analytics.resolvers';
import { auditResolvers } from '../features/audit/audit.resolvers';
import { authResolvers } from '../features/auth/auth.resolvers';
import { conflictResolvers } from '../features/conflicts/conflicts.resolvers';
import { curationResolvers, defaultCuration, type CurationOptions } from '../features/curation/curation.resolvers';
import { jsonScalar } from '../core/graphql/json-scalar';
import { countryResolvers } from '../features/country/country.resolvers';
import { entityResolvers, registryResolvers } from '../features/entity/entity.resolvers';
import { defaultReadOptions, type ReadOptions } from '../core/graphql/read-options';
import { entityLoader } from '../features/entity/entity.loaders';
import { eventResolvers } from '../features/event/event.resolvers';
import { searchResolvers } from '../features/search/search.resolvers';
import { networkResolvers } from '../features/network/network.resolvers';
import { pathsResolvers } from '../features/paths/paths.resolvers';
import { timelineResolvers } from '../features/timeline/timeline.resolvers';
import { partnersResolvers } from '../features/partners/partners.resolvers';
import { statsResolvers } from '../features/stats/stats.resolvers';
import { personResolvers } from '../features/person/person.resolvers';
import { quantityResolvers } from '../features/quantities/quantities.resolvers';
import { sourceResolvers } from '../features/source/source.resolvers';
import { entityWriteResolvers } from '../features/entity-writes/entity-writes.resolvers';
import { historyResolvers } from '../features/history/history.resolvers';
import { exportResolvers, noDatasetVersions } from '../features/export/export.resolvers';
import type { DatasetVersionSource } from '../features/export/version';
import { extractResolvers } from '../features/extract/extract.resolvers';
import { extractDraft } from '../ingest/extract';
import { graphUpkeepWithIngest, importBundleWithIngest, writeStatementsWithIngest } from './curation';

type ResolverMap = Record<string, Record<string, unknown>>;

// A scalar is one object, not a map of fields: it is kept whole (see mergeResolvers).
const scalars: ResolverMap = { JSON: jsonScalar as unknown as Record<string, unknown> };

const features: ResolverMap[] = [
  scalars,
  auditResolvers,
  entityResolvers,
  countryResolvers,
  personResolvers,
  eventResolvers,
  sourceResolvers,
  conflictResolvers,
  searchResolvers,
  networkResolvers,
  pathsResolvers,
  timelineResolvers,
  partnersResolvers,
  statsResolvers,
  analyticsResolvers,
  listAnalyticsResolvers(),
  quantityResolvers,
  authResolvers,
];

/** Merges resolver maps type by type; a later map's field replaces an earlier one's. A scalar is taken whole (spreading it would lose its class). */
function mergeResolvers(maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map))
      merged[type] = fields instanceof GraphQLScalarType ? fields : { ...merged[type], ...fields };
  return merged;
}

/**
 * The resolvers of the service; `options` tune the read path (tests compare compiled reads with
 * loader reads), `curation` the mutations (the bundle size limit), `versions` Query.datasetVersion
 * (the server's cache, shared with the exports; default none: asking is an error).
 */
export function buildResolvers(
  options: ReadOptions = defaultReadOptions,
  curation: CurationOptions = defaultCuration,
  versions: DatasetVersionSource = noDatasetVersions,
): Resolvers {
  return mergeResolvers([
    registryResolvers(options),
    ...features,
    curationResolvers(importBundleWithIngest, curation) as unknown as ResolverMap,
    historyResolvers(graphUpkeepWithIngest, (context, id) => entityLoader(context).load(id)) as unknown as ResolverMap,
    entityWriteResolvers(writeStatementsWithIngest, curation) as unknown as ResolverMap,
    exportResolvers(versions) as unknown as ResolverMap,
    extractResolvers(extractDraft) as unknown as ResolverMap,
  ]) as Resolvers;
}

export const resolvers = buildResolvers();
