/**
 * The compiled read path against the loader path on the seeded graph: for each query, the
 * answer with the whole selection compiled into one statement equals the answer read level by
 * level through the DataLoaders, and costs fewer statements. The seeds hold every entity type,
 * interfaces (parties, members), and relation fields of one type among several.
 */
import { ApolloServer } from '@apollo/server';
import { buildResolvers } from '../../src/app/resolvers';
import { loadTypeDefs } from '../../src/app/schema';
import type { Database } from '../../src/core/db/database';
import { createRequestContext, type RequestContext } from '../../src/core/graphql/context';
import { entityTypeNames } from '../../src/core/model/registry';
import { recordQueries, useTestServer } from '../support/harness';

let db: Database;
useTestServer((opened) => ({ db } = opened));

const typeDefs = loadTypeDefs();
const compiled = new ApolloServer<RequestContext>({ typeDefs, resolvers: buildResolvers({ compiledLevels: 4 }) });
const loaders = new ApolloServer<RequestContext>({ typeDefs, resolvers: buildResolvers({ compiledLevels: 0 }) });

async function run(server: ApolloServer<RequestContext>, query: string, variables: Record<string, unknown> = {}) {
  const recorder = recordQueries(db);
  const response = await server.executeOperation({ query, variables }, { contextValue: createRequestContext(db) });
  recorder.stop();
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { result: response.body.singleResult, statements: recorder.queries.length };
}

/** Every stored field of every type, as one fragment (kinds aliased: their enums differ per type). */
const everyField = `fragment All on Entity { id type name enName: name(lang: "en") names { language name } aliases description citations { quote quoteTranslation source { id } }
  ... on Country { code officialNames { name start { iso } } }
  ... on Agency { agencyKind: kind }
  ... on Memorandum { memorandumKind: kind signed { iso precision } }
  ... on ServiceCenter { city opened { iso } }
  ... on Training { date { iso } count { value qualifier text } trainedPeople: participants { text } topics }
  ... on Award { date { iso precision } }
  ... on Event { eventKind: kind date { iso } topics }
  ... on Statistic { metric value { text } asOf { iso } } }`;

/** Every field of every type, each relation field one level down. */
const byId = `query($id: ID!) { entity(id: $id) { ...All
        ... on Agency { country { id } accreditedTo { id } parent { id } children { id } memberships { id } members { id } memoranda { id } staff { id } }
        ... on Memorandum { parties { id } signatories { id } outcomes { id } }
        ... on ServiceCenter { country { id } modelledOn { id } operator { id } establishedUnder { id } }
        ... on Training { provider { id } recipients { id } under { id } }
        ... on Award { conferredBy { id } recipients { id } }
        ... on Event { location { id } country { id } discussed { id } participants { role entity { id } } }
        ... on Statistic { subject { id } } } } ${everyField}`;

const queries: [string, string, Record<string, unknown>][] = [
  [
    'the State Agency, three levels through interfaces',
    `{ entity(id: "agency:asan-xidmet") { ...All ... on Agency { country { code } parent { id } children { id name }
        memoranda { ...All parties { ...All ... on Agency { country { code } staff { name } } } }
        staff { name positions { edges { node { title organization { id } } } } } members { id } memberships { id } } } } ${everyField}`,
    {},
  ],
  [
    'a filtered list page, nested two levels, with aliases and fragments',
    `{ agencies(first: 5, filter: { country: "AZ" }) { totalCount edges { cursor node { ...A a: memoranda { id } b: memoranda { name parties { id } } } } } }
     fragment A on Agency { name kind country { name } staff { id } }`,
    {},
  ],
  [
    'memoranda with parties and their countries',
    '{ memoranda(first: 20, orderBy: { field: DATE, direction: DESC }) { edges { node { id signed { iso } parties { id ... on Agency { country { code } } } } } } }',
    {},
  ],
];

test('a node that does not exist is null either way', async () => {
  const query = '{ entity(id: "agency:none") { id ... on Agency { country { id } } } }';
  expect((await run(compiled, query)).result).toEqual({ data: { entity: null } });
  expect((await run(loaders, query)).result).toEqual({ data: { entity: null } });
});

test.each(queries)('%s: compiled equals loaders, in fewer statements', async (_title, query, variables) => {
  const fast = await run(compiled, query, variables);
  const slow = await run(loaders, query, variables);
  expect(fast.result.errors).toBeUndefined();
  expect(slow.result.errors).toBeUndefined();
  expect(fast.result.data).toEqual(slow.result.data);
  expect(JSON.stringify(fast.result.data)).not.toMatch(/^\{"\w+":(null|\[\])\}$/); // an answer with something in it
  expect(fast.statements).toBeLessThanOrEqual(slow.statements);
});

test('the State Agency tree: one statement for the compiled levels; positions and citations one batch each', async () => {
  const { result, statements } = await run(compiled, queries[0]![1]);
  expect(result.errors).toBeUndefined();
  // node + its tree (1), positions of every staff member (1), organisations are ids only (0), cited sources (1).
  expect(statements).toBe(3);
});

test('every entity type by id, the one most connected of each: compiled equals loaders', async () => {
  const rows = await db.read(
    'MATCH (e:Entity) WITH e.type AS type, e ORDER BY COUNT { (e)--() } DESC, e.id WITH type, collect(e.id)[0] AS id RETURN id ORDER BY id',
  );
  expect(rows.length).toBe(entityTypeNames.length);
  for (const { id } of rows) {
    const fast = await run(compiled, byId, { id });
    const slow = await run(loaders, byId, { id });
    expect(fast.result.errors).toBeUndefined();
    expect(fast.result.data).toEqual(slow.result.data);
    expect((fast.result.data as { entity: { id: string } }).entity.id).toBe(id);
  }
});
