/** The cost a request is charged before it runs (app/plugins/limits/cost.ts), on the real SDL. */
import { buildSchema, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { operationCost } from '../../src/app/plugins/limits/cost';

const schema = buildSchema(loadTypeDefs());
const options = { assumedListSize: 10, defaultSlice: { first: 20, last: 20, limit: 100 } };

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  return operationCost(schema, operation, fragments, variables, options);
}

test.each([
  // An object costs 1, its scalars 0.
  ['{ entity(id: "x") { id name } }', 1],
  // A relation list with no slicing argument is assumed to return 10.
  ['{ entity(id: "x") { ... on Agency { memoranda { id } } } }', 1 + 10],
  // A connection: its slice multiplies (edges are not counted a second time): 5 x (connection 1 + edges 1 + node 1).
  ['{ agencies(first: 5) { totalCount edges { node { id } } } }', 5 * 3],
  // No first: the default page of 20.
  ['{ agencies { edges { node { id } } } }', 20 * 3],
  // Lists multiply: 5 x (1 + 1 + (1 + 10 x 1)).
  ['{ agencies(first: 5) { edges { node { memoranda { id } } } } }', 5 * (2 + 1 + 10)],
  // network(limit) slices the whole answer.
  ['{ network(center: "x", limit: 50) { nodes { id } } }', 50 * (1 + 1)],
  // A list's facets, directly under its slice like edges (x 1), each with 10 assumed buckets, under the default page of 20.
  ['{ memoranda { facets(by: [YEAR, KIND]) { buckets { key count } } } }', 20 * (1 + 1 + 10)],
  // first: 0 reads no page but still runs the aggregate: the slice counts as 1, never 0.
  ['{ memoranda(first: 0) { facets(by: [YEAR]) { buckets { key } } } }', 1 * (1 + 1 + 10)],
  // A group-by's cells are sliced by its own first: 50 x (connection 1 + edges 1 + cell 1 + 10 sums x (1 + sum 1)).
  [
    '{ trainings(first: 0) { groupBy(by: [YEAR], first: 50) { edges { node { keys sums { sum { text } } } } } } }',
    1 + 50 * (1 + 1 + 1 + 10 * 2),
  ],
  // Interlocks: their page, each with its connected entities (assumed 10) and links (linksFirst's default, 20).
  [
    '{ commonConnections(entities: ["a", "b"], first: 10) { edges { node { entity { id } connects { id } links { type } } } } }',
    10 * (1 + 1 + 1 + 1 + 10 + 20),
  ],
  // Partners: each partnership's links are bounded by linksFirst, not assumed: 5 x (1 + 1 + 1 + 100 x 1).
  ['{ country(code: "AZ") { partners(first: 5, linksFirst: 100) { edges { node { links { type } } } } } }', 1 + 5 * (1 + 1 + 1 + 100)],
  // linksFirst: 0 still costs each partnership's links list as 1, as a slice of 0 does.
  ['{ country(code: "AZ") { partners(first: 5, linksFirst: 0) { edges { node { links { type } } } } } }', 1 + 5 * (1 + 1 + 1 + 1)],
  // The innermost bound wins: partners of partners, each level with its own linksFirst.
  [
    '{ country(code: "AZ") { partners(first: 2, linksFirst: 3) { edges { node { links { type } partner { ... on Country { partners(first: 2, linksFirst: 50) { edges { node { links { type } } } } } } } } } } }',
    1 + 2 * (1 + 1 + 1 + 3 + 1 + 2 * (1 + 1 + 1 + 50)),
  ],
])('%s costs %d', (query, expected) => {
  expect(cost(query)).toBe(expected);
});

test('variables, fragments and the largest of first/last', () => {
  expect(cost('query($n: Int) { agencies(first: $n) { edges { node { id } } } }', { n: 7 })).toBe(7 * 3);
  expect(cost('{ agencies(first: 2, last: 9) { edges { ...N } } } fragment N on AgencyEdge { node { id } }')).toBe(9 * 3);
});

test('abuse: a fragment spread again in one selection costs nothing more (its fields merge), a cycle stops at its first visit', () => {
  expect(cost('{ entity(id: "x") { ...A ...A } } fragment A on Entity { citations { quote } }')).toBe(1 + 10);
  expect(cost('{ entity(id: "x") { ...A ... on Agency { ...A } } } fragment A on Entity { citations { quote } }')).toBe(1 + 10);
  expect(cost('{ entity(id: "x") { ...A } } fragment A on Entity { ... on Agency { parent { ...A } } }')).toBe(2);
  // Under two different fields the fragment runs twice, and costs twice.
  expect(cost('{ a: entity(id: "x") { ...A } b: entity(id: "y") { ...A } } fragment A on Entity { citations { quote } }')).toBe(
    2 * (1 + 10),
  );
});

test('abuse: 7 levels of fragments each spreading the next 16 times cost what one chain costs', () => {
  // Walked spread by spread this is 16^7 visits (minutes; jest's 5 s timeout would end it).
  const levels = Array.from({ length: 7 }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(16)}}`).join(' ');
  expect(cost(`{ ...F0 } ${levels} fragment F7 on Query { entity(id: "x") { id } }`)).toBe(1);
});
