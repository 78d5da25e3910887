/**
 * Plans the documented query shapes once at start, so the first user of each does not pay
 * Neo4j's planning time (seconds for a new filter shape on a cold database). Each shape runs
 * through Apollo in-process exactly as a request would; answers are discarded, and a shape that
 * fails (an id the data does not have) only costs its plan.
 */
import type { ApolloServer } from '@apollo/server';
import type { QueryRunner } from '../core/db/database';
import { createRequestContext, type RequestContext } from '../core/graphql/context';
import type { Logger } from '../core/logger';

/** One query per shape the docs document (docs/reference/graphql-api.md); ids and codes exist in the seeds, values are placeholders elsewhere. */
export const warmUpQueries: readonly string[] = [
  '{ search(query: "asan xidmet", first: 20) { totalCount edges { cursor node { id name } } } }',
  '{ agencies(first: 20, filter: { country: "AF" }) { totalCount edges { cursor node { id name } } } }',
  '{ memoranda(first: 20, orderBy: { field: DATE, direction: DESC }, filter: { from: "2015", related: [{ types: [PARTY_TO], direction: IN, where: { country: "AZ" } }] }) { totalCount edges { node { id } } } }',
  '{ entity(id: "agency:asan-xidmet") { id ... on Agency { country { code } memoranda { id parties { id } } staff { id ... on Person { positions { edges { node { title } } } } } } } }',
  '{ network(center: "agency:asan-xidmet", depth: 2, limit: 100) { nodes { id } edges { type } truncated } }',
  '{ paths(from: "agency:asan-xidmet", to: "country:AF", maxLength: 4, first: 3) { length explanation } }',
  '{ timeline(country: "AF", from: "2015") { totalCount edges { node { date { iso } kind entity { id } } } } }',
  '{ country(code: "AF") { partners(first: 20) { totalCount edges { node { partner { id } facts links { type } } } } } }',
  '{ stats { entitiesByType { key count } memorandaByYear { key count } countryYear { country year memoranda trainings } } }',
  '{ conflicts(first: 20) { totalCount edges { node { property } } } }',
];

/**
 * Shapes planned at the same time. Planning is CPU work on Neo4j's side: two at a time keep both
 * cores of a small machine busy, and the service is ready (GET /health) that much sooner.
 */
const warmUpConcurrency = 2;

/** Runs every warm-up query once, two at a time. Never throws: it reports how long it took and which queries failed. */
export async function warmUp(
  apollo: ApolloServer<RequestContext>,
  db: QueryRunner,
  log: Logger,
): Promise<{ elapsedMs: number; failed: string[] }> {
  const started = Date.now();
  const failed: string[] = [];
  const waiting = [...warmUpQueries];
  const planNext = async (): Promise<void> => {
    for (let query = waiting.shift(); query !== undefined; query = waiting.shift()) {
      const response = await apollo.executeOperation({ query }, { contextValue: createRequestContext(db) }).catch(() => null);
      const errors = response?.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      if (!response || errors) failed.push(query);
    }
  };
  await Promise.all(Array.from({ length: warmUpConcurrency }, planNext));
  const elapsedMs = Date.now() - started;
  log.info(
    `Warm-up: ${warmUpQueries.length} query shapes planned in ${elapsedMs} ms${failed.length > 0 ? ` (${failed.length} failed)` : ''}`,
  );
  return { elapsedMs, failed };
}
