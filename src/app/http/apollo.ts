/**
 * GraphQL stage 7, Apollo: the request runs in Apollo with its own database door (a
 * RequestRunner that obeys the request's deadline, statement budget and concurrency) and its
 * context (id, logger, parsed Authorization header, signal). The answer is left on the exchange for
 * response-cap.ts to write.
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Database } from '../../core/db/database';
import { RequestRunner } from '../../core/db/request-runner';
import { createRequestContext, type RequestContext } from '../../core/graphql/context';
import type { RequestLimits } from '../plugins/limits';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export function executeGraphQL(apollo: ApolloServer<RequestContext>, db: Database, limits: RequestLimits): Stage<GraphQLExchange> {
  return async (exchange) => {
    const { request, watch, requestId } = exchange;
    // A mutation's transactions run as long as its deadline (REQUEST_MUTATION_DEADLINE_MS, minutes
    // for a bundle on a busy machine), not under the 10 s query timeout that bounds reads.
    const runner = new RequestRunner(exchange.mutation ? db.withTimeout(watch.deadlineMs) : db, {
      signal: watch.signal,
      deadlineAt: watch.deadlineAt,
      deadlineMs: watch.deadlineMs,
      deadlineLimit: exchange.mutation ? 'mutationDeadlineMs' : 'requestDeadlineMs',
      maxConcurrent: limits.maxStatementConcurrency,
      maxStatements: limits.maxStatements,
      requestId,
    });
    const httpGraphQLRequest = {
      method: request.method ?? 'GET',
      headers: headerMap(request.headers),
      search: exchange.url.search,
      body: exchange.body,
    };
    exchange.result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => ({
        ...createRequestContext(runner, requestId, watch.signal),
        authorization: exchange.authorization,
        clientAddress: request.socket.remoteAddress,
        log: exchange.log,
      }),
    });
  };
}

function headerMap(headers: NodeJS.Dict<string | string[]>): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}
