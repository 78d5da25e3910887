/**
 * A relation list costs its real fan-out (app/plugins/limits/fan-out.ts over core/db/fan-out.ts):
 * the largest degree Neo4j holds for the relation types and direction the field walks, on the
 * real SDL. Other lists keep the assumed size; without statistics every list does.
 */
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { operationCost, type CostOptions } from '../../src/app/plugins/limits/cost';
import { fanOutListSize } from '../../src/app/plugins/limits/fan-out';
import { maxFanOut, type DegreeStatistics, type FanOutStatistics, type TypeFanOut } from '../../src/core/db/fan-out';

const schema = buildSchema(loadTypeDefs());
const degree = (max: number): DegreeStatistics => ({ max, p99: Math.min(max, 5) });

/** A hub agency: 300 memoranda (OUT PARTY_TO), 40 staff (IN HOLDS_POSITION), 500 relations in all. */
const agency: TypeFanOut = {
  out: { PARTY_TO: degree(300), BASED_IN: degree(1) },
  in: { HOLDS_POSITION: degree(40) },
  any: { out: degree(320), in: degree(200), both: degree(500) },
};
/** A memorandum with at most 12 parties (IN PARTY_TO). */
const memorandum: TypeFanOut = {
  out: {},
  in: { PARTY_TO: degree(12), SIGNED: degree(3) },
  any: { out: degree(0), in: degree(15), both: degree(15) },
};
const statistics: FanOutStatistics = {
  relationCounts: { PARTY_TO: 900 },
  byEntityType: { Agency: agency, Memorandum: memorandum },
  readAt: 0,
};

const base = { assumedListSize: 10, defaultSlice: { first: 20, last: 20, limit: 100 } };
const withFanOut: CostOptions = { ...base, listSize: fanOutListSize(statistics) };

function cost(query: string, options: CostOptions = withFanOut, variables: Record<string, unknown> = {}): number {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return operationCost(schema, operation, {}, variables, options);
}

test.each([
  // A registry relation field: Agency.memoranda is OUT PARTY_TO, at most 300.
  ['{ entity(id: "x") { ... on Agency { memoranda { id } } } }', 1 + 300],
  // Nested: each memorandum's parties, IN PARTY_TO, at most 12.
  ['{ entity(id: "x") { ... on Agency { memoranda { parties { id } } } } }', 1 + 300 * (1 + 12)],
  // Entity.relations on the interface: the largest degree over every type, both directions.
  ['{ entity(id: "x") { relations { type } } }', 1 + 500],
  // Narrowed by types and direction: the sum of those types' largest degrees.
  ['{ entity(id: "x") { relations(types: [PARTY_TO, BASED_IN], direction: OUT) { type } } }', 1 + 301],
  // Both directions of one type: out and in added, never past the entity's whole degree.
  ['{ entity(id: "x") { ... on Memorandum { relations(types: [PARTY_TO]) { type } } } }', 1 + 12],
  // A list that is no relation list keeps the assumption.
  ['{ entity(id: "x") { citations { quote } } }', 1 + 10],
  // A type with no relations of that kind: a list of at most one, as `first: 0` counts 1.
  ['{ entity(id: "x") { ... on Memorandum { relations(direction: OUT) { type } } } }', 1 + 1],
])('%s costs %d', (query, expected) => {
  expect(cost(query)).toBe(expected);
});

test('four levels of relations from any entity cost the hub fan-out to the fourth power: refused up front by the default limit', () => {
  const walk = '{ entity(id: "x") { relations { to { relations { to { relations { to { relations { to { id } } } } } } } } } }';
  expect(cost(walk)).toBe(1 + 500 * (1 + 1 + 500 * (1 + 1 + 500 * (1 + 1 + 500 * (1 + 1)))));
  expect(cost(walk)).toBeGreaterThan(1000000);
  // With the old assumption of 10 per list it passed: 22,221.
  expect(cost(walk, base)).toBe(22221);
});

test('variables narrow relations as literals do', () => {
  const query = 'query($t: [RelationType!], $d: Direction) { entity(id: "x") { relations(types: $t, direction: $d) { type } } }';
  expect(cost(query, withFanOut, { t: ['PARTY_TO'], d: 'OUT' })).toBe(1 + 300);
  expect(cost(query, withFanOut, {})).toBe(1 + 500);
});

test('maxFanOut: the largest degree over the types asked, summed over relation types, capped by the whole degree', () => {
  expect(maxFanOut(statistics, ['Agency', 'Memorandum'], 'IN', ['PARTY_TO'])).toBe(12);
  expect(maxFanOut(statistics, ['Agency'], 'BOTH', ['PARTY_TO', 'HOLDS_POSITION'])).toBe(340);
  expect(maxFanOut(statistics, ['Agency'], 'OUT', null)).toBe(320);
  // No entity of the type: nothing to return.
  expect(maxFanOut(statistics, ['Country'], 'BOTH', null)).toBe(0);
});
