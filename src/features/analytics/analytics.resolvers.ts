/**
 * Analytics fields: facets, groupBy and series on every list connection (built from the model
 * registry, one set per entity type), and Query.commonConnections. Thin: arguments are checked
 * here, the counting is one repository statement (one per facet dimension), the display labels
 * and qualified sums are made from its rows.
 */
import type { QueryResolvers } from '../../generated/graphql';
import { perRequest, type RequestContext } from '../../core/graphql/context';
import { InvalidArgumentError, NotFoundError } from '../../core/errors';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { dateArgument, wholeNumber } from '../../core/graphql/arguments';
import { entitySpec, entityTypeNames, typeOfEnumValue, type EntityTypeName } from '../../core/model/registry';
import { entityLoader } from '../entity/entity.loaders';
import type { ListConnection } from '../entity/lists';
import { sumOfTotals } from '../../core/model/quantity-sums';
import { dimensionsArgument, interlockEntitiesArgument, maxGroupDimensions, seriesTypeArgument } from './arguments';
import { bucketLabel, orderBuckets, seriesBuckets } from './labels';
import { AnalyticsRepository, type CellRow, type GroupOrder } from './analytics.repository';

const analyticsRepository = perRequest((db) => new AnalyticsRepository(db));

/** The most relations shown per common connection. */
export const maxInterlockLinks = 100;

/** A cell's sums: one per quantity attribute, with how many items stated no figure. */
function cellSums(cell: CellRow) {
  return Object.entries(cell.totals).map(([attribute, totals]) => ({
    attribute,
    sum: sumOfTotals(totals),
    unstated: cell.count - totals.stated,
  }));
}

/** facets, groupBy and series of one type's list connection. */
function listAnalytics(type: EntityTypeName) {
  return {
    facets: async ({ list }: ListConnection, args: { by: readonly string[] }, context: RequestContext) => {
      const by = dimensionsArgument('by', args.by, type);
      const facets = await analyticsRepository(context).facets(list, by);
      return by.map((dimension, i) => ({
        dimension,
        buckets: orderBuckets(dimension, facets[i]!).map((bucket) => ({ ...bucket, label: bucketLabel(dimension, bucket) })),
      }));
    },
    groupBy: async (
      { list }: ListConnection,
      args: { by: readonly string[]; orderBy?: GroupOrder | null; first?: number | null; after?: string | null },
      context: RequestContext,
    ) => {
      const by = dimensionsArgument('by', args.by, type, maxGroupDimensions);
      const orderBy = args.orderBy ?? 'KEY';
      // A cursor belongs to this breakdown of this list.
      const scope = cursorScope(`${entitySpec(type).listField}.groupBy`, { filter: list.filter, asOf: list.asOf, by, orderBy });
      const page = await analyticsRepository(context).groupBy(
        list,
        by,
        orderBy,
        pageRequest({ first: args.first, after: args.after }, scope),
      );
      const connection = toConnection(page, scope, (cell) => [cell.sortValue, cell.id]);
      return {
        ...connection,
        edges: connection.edges.map(({ node, cursor }) => ({
          cursor,
          node: {
            keys: node.keys,
            labels: by.map((dimension, i) => bucketLabel(dimension, { key: node.keys[i]!, label: node.labels[i]! })),
            count: node.count,
            sums: cellSums(node),
          },
        })),
      };
    },
    series: async ({ list }: ListConnection, args: { field?: 'DATE' | null; interval: 'YEAR' | 'MONTH' }, context: RequestContext) => {
      seriesTypeArgument('field', type);
      const rows = await analyticsRepository(context).series(list, args.interval);
      // A month series of items all known only to their year would be nothing but 'year only' buckets.
      if (args.interval === 'MONTH' && rows.finest === 4) {
        throw new InvalidArgumentError(
          'interval',
          `YEAR: every dated item of this list is known only to its year (allowed: YEAR)`,
          args.interval,
        );
      }
      return { field: args.field ?? 'DATE', interval: args.interval, ...seriesBuckets(rows.buckets, args.interval) };
    },
  };
}

/** The analytics fields of every list connection (AgencyConnection, MemorandumConnection...), from the registry. */
export function listAnalyticsResolvers(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(entityTypeNames.map((type) => [`${type}Connection`, listAnalytics(type)]));
}

export const analyticsResolvers: { Query: Pick<QueryResolvers, 'commonConnections'> } = {
  Query: {
    commonConnections: async (_, args, context) => {
      const ids = interlockEntitiesArgument('entities', args.entities);
      const minShared = wholeNumber('minShared', args.minShared ?? ids.length, 1, ids.length);
      const asOf = dateArgument('asOf', args.asOf);
      const linksFirst = wholeNumber('linksFirst', args.linksFirst ?? 20, 0, maxInterlockLinks);
      const via = args.via && args.via.length > 0 ? [...args.via] : null;
      const types = args.types && args.types.length > 0 ? args.types.map((type) => typeOfEnumValue(type)!) : null;
      const scope = cursorScope('commonConnections', { ids: [...ids].sort(), via, types, minShared, asOf });
      const page = pageRequest({ first: args.first, after: args.after }, scope);
      const found = await analyticsRepository(context).commonConnections({ ids, via, types, minShared, asOf, page, linksFirst });
      // The given entities come back with the answer: an id naming nothing is NOT_FOUND.
      const given = new Map(found.given.map((entity) => [entity.id, entity]));
      const unknown = ids.find((id) => !given.has(id));
      if (unknown) throw new NotFoundError('entities', unknown);
      const connection = toConnection(found.page, scope, (row) => [row.sortValue, row.entity.id]);
      for (const entity of [...given.values(), ...connection.edges.map((edge) => edge.node.entity)])
        entityLoader(context).prime(entity.id, entity);
      return {
        ...connection,
        edges: connection.edges.map(({ node, cursor }) => ({
          cursor,
          node: { ...node, shared: node.connects.length, connects: node.connects.flatMap((id) => given.get(id) ?? []) },
        })),
      };
    },
  },
};
