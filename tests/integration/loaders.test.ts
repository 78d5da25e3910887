/**
 * DataLoader batching on the real database: the batches each loader made, misuse of the
 * loaders, and the N+1 guard — a nested request costs the same number of Cypher queries
 * whether a list has one item or many.
 */
import type { Database } from '../../src/core/db/database';
import { createRequestContext } from '../../src/core/graphql/context';
import { entityLoader, relationsLoader } from '../../src/features/entity/entity.loaders';
import { EntityRepository, type RelationKey } from '../../src/features/entity/entity.repository';
import type { RunningServer } from '../../src/app/server';
import { graphql, recordQueries, useTestServer } from '../support/harness';
import { defaultLimits } from '../../src/app/plugins/limits';

let db: Database;
let server: RunningServer;
// The N+1 guard's request (100 countries, five list levels) costs 2.7M by the pessimistic request
// cost; this file tests batching, not limits, so its server allows it.
// The N+1 test walks every country's agencies, memoranda and staff. Costed at the real fan-out (the
// largest degrees, which other tests' data raises), that is tens of millions: this file is about
// statement counts, so its cost limit is out of the way.
// A request this costly is a large answer, built in slices that let the event loop turn: each turn
// starts new loader batches, so on a busy machine the count grew with the time taken (9 where a
// quiet run made 5). Slicing is off here to measure batching alone (reliability/fan-out.test.ts
// covers the slices).
useTestServer((opened) => ({ db, server } = opened), {
  limits: { ...defaultLimits, maxCost: 1_000_000_000 },
  largeAnswers: { atOnce: 2, slices: false },
});

/** Records the batch each repository call received (the calls still run), so tests can assert exactly what was batched. */
function recordBatches() {
  const entities = jest.spyOn(EntityRepository.prototype, 'entitiesByIds');
  const relations = jest.spyOn(EntityRepository.prototype, 'relationsByKeys');
  return {
    entityBatches: () => entities.mock.calls.map(([ids]) => [...ids]),
    relationBatches: () => relations.mock.calls.map(([keys]): RelationKey[] => [...keys]),
  };
}

afterEach(() => jest.restoreAllMocks());

test('loads in the same tick become one batch, one query', async () => {
  const { entityBatches } = recordBatches();
  const context = createRequestContext(db);
  const recorder = recordQueries(db);
  const [a, b] = await Promise.all([entityLoader(context).load('agency:asan-xidmet'), entityLoader(context).load('agency:abad')]);
  recorder.stop();
  expect(entityBatches()).toEqual([['agency:asan-xidmet', 'agency:abad']]);
  expect(recorder.queries).toHaveLength(1);
  expect([a?.name, b?.name]).toEqual([expect.stringContaining('Dövlət Agentliyi'), 'ABAD']);
});

test('abuse: repeated keys, unknown ids and type lists in any order', async () => {
  const { entityBatches, relationBatches } = recordBatches();
  const context = createRequestContext(db);
  const entity = entityLoader(context);
  const results = await Promise.all([entity.load('agency:abad'), entity.load('agency:abad'), entity.load('agency:does-not-exist')]);
  expect(entityBatches()).toEqual([['agency:abad', 'agency:does-not-exist']]);
  expect(results[0]).toBe(results[1]);
  expect(results[2]).toBeNull();

  const relations = relationsLoader(context);
  const [one, same] = await Promise.all([
    relations.load({ id: 'agency:asan-xidmet', direction: 'IN', types: ['PARTY_TO', 'MODELLED_ON'] }),
    relations.load({ id: 'agency:asan-xidmet', direction: 'IN', types: ['MODELLED_ON', 'PARTY_TO'] }),
  ]);
  expect(relationBatches()).toEqual([[{ id: 'agency:asan-xidmet', direction: 'IN', types: ['PARTY_TO', 'MODELLED_ON'] }]]);
  expect(same).toBe(one);
  expect(await relations.load({ id: 'agency:nobody', direction: 'BOTH', types: null })).toEqual([]);
});

test('two requests never share a loader cache', async () => {
  const { entityBatches } = recordBatches();
  await entityLoader(createRequestContext(db)).load('agency:abad');
  await entityLoader(createRequestContext(db)).load('agency:abad');
  expect(entityBatches()).toEqual([['agency:abad'], ['agency:abad']]);
});

test('one request builds each loader once', () => {
  const context = createRequestContext(db);
  expect(entityLoader(context)).toBe(entityLoader(context));
  expect(entityLoader(createRequestContext(db))).not.toBe(entityLoader(context));
});

const nested = `query($first: Int) { countries(first: $first) { edges { node {
  name agencies { name kind parent { name } children { name }
    memoranda { name signed { iso } parties { name ... on Agency { country { code } } } outcomes { name } }
    staff { name positions { edges { node { title organization { name } country { code } accreditedTo { code } citations { quote source { title } } } } } } } } } } }`;

test('no N+1: the same nested request costs no more queries for 100 countries than for 1', async () => {
  const count = async (first: number) => {
    const recorder = recordQueries(db);
    const { errors, data } = await graphql(server, nested, { first });
    recorder.stop();
    expect(errors).toBeUndefined();
    return { queries: recorder.queries.length, countries: data.countries.edges.length };
  };
  const small = await count(1);
  const large = await count(100);
  expect(large.countries).toBe(100);
  // N+1 would grow with the list; a wider list may only find more already in the loader cache.
  expect(large.queries).toBeLessThanOrEqual(small.queries);
  // One list query plus two queries (relations, then their far ends) per level at most.
  expect(large.queries).toBeLessThanOrEqual(1 + 2 * 6);
});
