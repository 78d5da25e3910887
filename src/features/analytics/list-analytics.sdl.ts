/**
 * The analytics fields every entity list's connection has (AgencyConnection.facets, .groupBy,
 * .series...), one `extend type` per registry entity type. Generated rather than written nine
 * times in schema/analytics.graphql: the server (app/schema.ts) and codegen (codegen.ts) both
 * append it to the SDL files, so a new entity type's list has its analytics without a line of SDL
 * and the resolvers (listAnalyticsResolvers) never name a connection the schema lacks.
 * Kept free of runtime imports beyond the registry: codegen loads it before src/generated exists.
 */
import { entityTypeNames } from '../../core/model/registry';

const connectionFields = `
  "Counts of the list's items (its filter and asOf) by each dimension asked: one Facet per dimension, in the order asked."
  facets(by: [AnalyticsDimension!]!): [Facet!]!
  "The list's items broken down by one or two dimensions, with sums of their stated quantities; first 0 to 100 (default 20)."
  groupBy(by: [AnalyticsDimension!]!, orderBy: GroupOrder = KEY, first: Int, after: String): GroupCellConnection!
  "The list's items per year or month of their date (dated types only)."
  series(field: SeriesField = DATE, interval: SeriesInterval!): Series!
`;

/** `extend type <Type>Connection { facets groupBy series }` for each of `types` (default: every registry entity type). */
export function listAnalyticsTypeDefs(types: readonly string[] = entityTypeNames): string {
  return types.map((type) => `extend type ${type}Connection {${connectionFields}}\n`).join('\n');
}
