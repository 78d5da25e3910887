/**
 * POST and GET /graphql: the last route of the table, run through its own stages in order:
 * deadline → body limit → JSON parse → mutation deadline → admission → response cap → Apollo.
 */
import type { ApolloServer } from '@apollo/server';
import type { Database } from '../../core/db/database';
import type { HttpRoute } from '../../core/http/route';
import type { RequestContext } from '../../core/graphql/context';
import type { RequestLimits } from '../plugins/limits';
import type { Metrics } from '../plugins/metrics';
import type { Admission } from '../plugins/overload';
import type { AdmissionMetrics } from '../plugins/overload/metrics';
import { watchRequest } from '../plugins/deadline';
import { admit } from './admission';
import { executeGraphQL } from './apollo';
import { limitBody, type BodyLimits } from './body-limit';
import { watchDeadline } from './deadline';
import type { GraphQLExchange, HttpExchange } from './exchange';
import { parseJsonBody } from './json-parse';
import { extendMutationDeadline } from './mutation-deadline';
import { pipeline } from './pipeline';
import { capResponse } from './response-cap';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<RequestContext>;
  db: Database;
  limits: RequestLimits;
  bodyLimits: BodyLimits;
  admission: Admission;
  admissionMetrics: AdmissionMetrics;
  metrics: Metrics;
}

export function graphqlRoute(options: GraphQLRouteOptions): HttpRoute<HttpExchange> {
  const { limits, metrics } = options;
  const run = pipeline<GraphQLExchange>([
    watchDeadline,
    limitBody(options.bodyLimits),
    parseJsonBody,
    extendMutationDeadline(limits),
    admit(options.admission, metrics, options.admissionMetrics),
    capResponse(limits.maxResponseBytes, metrics),
    executeGraphQL(options.apollo, options.db, limits),
  ]);
  return {
    matches: (_request, url) => url.pathname === '/graphql',
    // The deadline counts from here: the request's arrival at GraphQL.
    handle: (exchange) => run({ ...exchange, watch: watchRequest(exchange.response, limits.requestDeadlineMs), mutation: false }),
  };
}
