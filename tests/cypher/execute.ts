/**
 * Runs a GraphQL request through Apollo Server exactly as the HTTP service does (same SDL,
 * same resolvers, a fresh request context) but on a RecordingRunner instead of Neo4j.
 */
import { ApolloServer } from '@apollo/server';
import { buildResolvers } from '../../src/app/resolvers';
import { defaultReadOptions, type ReadOptions } from '../../src/core/graphql/read-options';
import { loadTypeDefs } from '../../src/app/schema';
import { createRequestContext, type RequestContext } from '../../src/core/graphql/context';
import { graphRules } from './fixture';
import { RecordingRunner, type RecordedQuery, type ScriptRule } from './recording-runner';

// One server per read options for a test file: it holds no per-request state (loaders live in the context).
const servers = new Map<number, ApolloServer<RequestContext>>();
function server(options: ReadOptions): ApolloServer<RequestContext> {
  if (!servers.has(options.compiledLevels))
    servers.set(options.compiledLevels, new ApolloServer<RequestContext>({ typeDefs: loadTypeDefs(), resolvers: buildResolvers(options) }));
  return servers.get(options.compiledLevels)!;
}

export interface Executed {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape it asked for
  data: any;
  errors: readonly { message: string; path?: readonly (string | number)[] }[] | undefined;
  /** Every query the request sent, in order. */
  queries: RecordedQuery[];
  runner: RecordingRunner;
}

/**
 * Executes `query` with a runner scripted by `rules` (first match answers) and then by the
 * fixture graph's loader rules; anything else gets no rows. `options` as the app's by default;
 * `{ compiledLevels: 0 }` reads every level through the DataLoaders (the loader tests).
 */
export async function execute(
  query: string,
  rules: readonly ScriptRule[] = [],
  variables: Record<string, unknown> = {},
  options: ReadOptions = defaultReadOptions,
): Promise<Executed> {
  const runner = new RecordingRunner([...rules, ...graphRules]);
  const response = await server(options).executeOperation({ query, variables }, { contextValue: createRequestContext(runner) });
  if (response.body.kind !== 'single') throw new Error('expected a single result, not an incremental delivery');
  const { data, errors } = response.body.singleResult;
  return { data, errors: errors?.map((error) => ({ message: error.message, path: error.path })), queries: runner.queries, runner };
}
