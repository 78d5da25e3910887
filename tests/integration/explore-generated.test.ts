/**
 * The explore queries on a generated graph of 10k entities (bench/generate.ts), isolated by its
 * id prefix and deleted afterwards: keyset pages never skip or repeat rows even while rows are
 * inserted, caps hold, and deep requests cost a fixed number of Cypher queries.
 */
import { deleteGenerated, generateGraph, type GeneratedGraph } from '../../bench/generate';
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { graphql, openTestDatabase, recordQueries, startTestServer, uniqueSlug, type GraphQLResponse } from '../support/harness';
import { entityNodeProperties } from '../../src/core/model/storage';
import { networkExpandCap } from '../../src/features/network/network.repository';
import { typeOfStoredId } from '../../src/core/model/registry';

let db: Database;
let server: RunningServer;
let graph: GeneratedGraph;
const prefix = `${uniqueSlug('gen')}:`;

beforeAll(async () => {
  db = await openTestDatabase();
  // Query counts are pinned below: slicing of large answers (each event-loop turn starts new
  // loader batches) is off so they measure batching alone, whatever the machine's load.
  server = await startTestServer(db, { largeAnswers: { atOnce: 2, slices: false } });
  graph = await generateGraph(db, { prefix, entities: 10_000, seed: 7 });
});

afterAll(async () => {
  await deleteGenerated(db, prefix);
  await server.stop();
  await db.close();
});

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
};

async function agencyPage(variables: Record<string, unknown>): Promise<Page> {
  const { data, errors } = await graphql(
    server,
    `
      query ($filter: EntityFilter, $first: Int, $after: String, $last: Int, $before: String, $orderBy: ListOrder) {
        agencies(filter: $filter, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
          totalCount
          edges {
            cursor
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            startCursor
            endCursor
          }
        }
      }
    `,
    variables,
  );
  expect(errors).toBeUndefined();
  return data.agencies;
}

test('the generated graph has at least 10k entities', async () => {
  expect(graph.entities).toBeGreaterThanOrEqual(10_000);
  const { data } = await graphql(
    server,
    'query($p: String) { stats(filter: { idPrefix: $p }) { entitiesByType { key count } relationsByType { key count } } }',
    { p: prefix },
  );
  const total = data.stats.entitiesByType.reduce((sum: number, row: { count: number }) => sum + row.count, 0);
  expect(total).toBe(graph.entities);
});

test('forward keyset pages cover every row once, even with rows inserted mid-walk; backward pages mirror them', async () => {
  const filter = { idPrefix: `${prefix}agency:` };
  const first = await agencyPage({ filter, first: 100 });
  const total = first.totalCount;
  expect(total).toBeGreaterThan(2000);
  const seen = first.edges.map((e) => e.node.id);
  let after = first.pageInfo.endCursor;
  let inserted = false;
  while (after) {
    const page = await agencyPage({ filter, first: 100, after });
    seen.push(...page.edges.map((e) => e.node.id));
    if (!inserted) {
      // Rows sorting before and after the cursor appear: the walk neither shifts nor repeats.
      const rows = ['aaa', 'zzz'].map((k) =>
        entityNodeProperties({ id: `${prefix}agency:inserted-${k}`, type: 'Agency', name: k }, `${prefix}source`),
      );
      await db.write('UNWIND $rows AS props CREATE (n:Entity:Agency) SET n = props', { rows });
      inserted = true;
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  }
  const original = seen.filter((id) => !id.includes('inserted-'));
  expect(new Set(seen).size).toBe(seen.length);
  expect(original).toHaveLength(total);
  expect(seen).toContain(`${prefix}agency:inserted-zzz`);
  expect(seen).not.toContain(`${prefix}agency:inserted-aaa`);

  const back: string[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await agencyPage({ filter, last: 100, before });
    back.unshift(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
  }
  const all = await agencyPage({ filter, first: 1 });
  expect(back).toHaveLength(all.totalCount);
  expect(new Set(back).size).toBe(back.length);
});

test('filters and orders on 10k: relationship filter, country, date order', async () => {
  const code = graph.countryCodes[0]!;
  const { data, errors } = await graphql(
    server,
    `
      query ($p: String, $code: String) {
        agencies(
          first: 5
          filter: {
            idPrefix: $p
            related: [
              {
                types: [PARTY_TO]
                direction: OUT
                where: { from: "2016", related: [{ types: [PARTY_TO], direction: IN, where: { country: $code } }] }
              }
            ]
          }
        ) {
          totalCount
          edges {
            node {
              id
            }
          }
        }
        memoranda(first: 10, orderBy: { field: DATE, direction: DESC }, filter: { idPrefix: $p, country: $code }) {
          totalCount
          edges {
            node {
              ... on Memorandum {
                signed {
                  iso
                }
              }
            }
          }
        }
      }
    `,
    { p: prefix, code },
  );
  expect(errors).toBeUndefined();
  expect(data.agencies.totalCount).toBeGreaterThan(0);
  expect(data.memoranda.totalCount).toBeGreaterThan(0);
  const isos = data.memoranda.edges.map((e: { node: { signed: { iso: string } } }) => e.node.signed.iso);
  expect([...isos].sort().reverse()).toEqual(isos);
});

test('search finds a generated agency by a folded, diacritic-free name', async () => {
  const { data: node } = await graphql(server, 'query($id: ID!) { entity(id: $id) { name } }', { id: graph.sample.agency });
  const typed = (node.entity.name as string).normalize('NFD').replace(/\p{M}/gu, '').replace(/ə/g, 'e').replace(/ı/g, 'i');
  const recorder = recordQueries(db);
  const { data, errors } = await graphql(
    server,
    'query($q: String!) { search(query: $q, types: [AGENCY], first: 5) { totalCount edges { node { id } } } }',
    { q: typed },
  );
  recorder.stop();
  expect(errors).toBeUndefined();
  expect(data.search.edges[0].node.id).toBe(graph.sample.agency);
  expect(recorder.queries).toHaveLength(1);
});

test('network depth 4 around the hub country is capped, truncated and one query', async () => {
  const recorder = recordQueries(db);
  const { data, errors } = await graphql(
    server,
    'query($c: ID!) { network(center: $c, depth: 4, limit: 500) { truncated nodes { id } edges { type start { iso } citations { quote } } } }',
    { c: graph.sample.hubCountry },
  );
  recorder.stop();
  expect(errors).toBeUndefined();
  expect(data.network.truncated).toBe(true);
  expect(data.network.nodes).toHaveLength(500);
  expect(recorder.queries).toHaveLength(1);
});

test('a network level that fits its room but walks more relationships than the expansion cap is truncated; one under the cap is whole', async () => {
  // Ten people each holding many posts (one relationship per role) at one agency: few distinct
  // neighbours, many relationships. The level stops at networkExpandCap relationships.
  const hub = async (name: string, postsEach: number): Promise<string> => {
    const id = `${prefix}agency:parallel-${name}`;
    const people = Array.from({ length: 10 }, (_, i) =>
      entityNodeProperties({ id: `${prefix}person:parallel-${name}-${i}`, type: 'Person', name: `${name} ${i}` }, `${prefix}source`),
    );
    await db.write(
      `CREATE (a:Entity:Agency) SET a = $agency
       WITH a UNWIND $people AS props CREATE (p:Entity:Person) SET p = props
       WITH a, p UNWIND range(1, $postsEach) AS i CREATE (p)-[:HOLDS_POSITION {role: 'post ' + i, sourceIds: [], quotes: []}]->(a)`,
      { agency: entityNodeProperties({ id, type: 'Agency', name }, `${prefix}source`), people, postsEach },
    );
    return id;
  };
  const over = await hub('over', networkExpandCap / 10 + 1);
  const under = await hub('under', networkExpandCap / 10 - 100);
  const query = 'query($c: ID!) { network(center: $c, depth: 1, limit: 500) { truncated nodes { id } } }';
  const cut = await graphql(server, query, { c: over });
  const whole = await graphql(server, query, { c: under });
  expect(cut.errors).toBeUndefined();
  expect(whole.errors).toBeUndefined();
  expect(cut.data.network).toEqual({ truncated: true, nodes: expect.arrayContaining([{ id: over }]) });
  expect(cut.data.network.nodes).toHaveLength(11);
  expect(whole.data.network.truncated).toBe(false);
  expect(whole.data.network.nodes).toHaveLength(11);
});

test('paths between two generated entities: shortest first, one query', async () => {
  const recorder = recordQueries(db);
  const { data, errors } = await graphql(
    server,
    'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 6, first: 3) { length explanation nodes { id } relations { type citations { source { id } } } } }',
    {
      a: graph.sample.person,
      b: graph.sample.center,
    },
  );
  recorder.stop();
  expect(errors).toBeUndefined();
  expect(data.paths.length).toBeGreaterThan(0);
  expect(data.paths[0].nodes[0].id).toBe(graph.sample.person);
  // The paths, then one batch for every cited source.
  expect(recorder.queries).toHaveLength(2);
});

test('timeline of a generated country: date order, bounded', async () => {
  const { data, errors } = await graphql(
    server,
    'query($c: String) { timeline(country: $c, from: "2015", to: "2020", first: 100) { totalCount edges { node { date { iso precision } when } } } }',
    { c: graph.countryCodes[1] },
  );
  expect(errors).toBeUndefined();
  const isos = data.timeline.edges.map((edge: { node: { date: { iso: string } } }) => edge.node.date.iso);
  expect(isos.length).toBeGreaterThan(0);
  expect(data.timeline.totalCount).toBeGreaterThanOrEqual(isos.length);
  expect([...isos].sort()).toEqual(isos);
});

type TimelinePage = {
  timeline: {
    totalCount: number;
    edges: { node: { entity: { id: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

test('timeline keyset pages of a generated country cover every entry once while dated facts are inserted mid-walk', async () => {
  const code = graph.countryCodes[1]!;
  const query = `query($c: String, $after: String) { timeline(country: $c, from: "2015", to: "2020", first: 50, after: $after) {
      totalCount edges { node { date { iso } entity { id } } } pageInfo { hasNextPage endCursor } } }`;
  const seen: string[] = [];
  let total = 0;
  for (let after: string | null = null, inserted = false; ;) {
    const response: GraphQLResponse<TimelinePage> = await graphql<TimelinePage>(server, query, { c: code, after });
    expect(response.errors).toBeUndefined();
    const data: TimelinePage = response.data!;
    if (after === null) total = data.timeline.totalCount;
    seen.push(...data.timeline.edges.map((edge) => edge.node.entity.id));
    if (!inserted) {
      // A fact dated before the cursor (a year sorts before its months) and one after it: the walk neither shifts nor repeats.
      const rows = [
        ['early', '2015'],
        ['late', '2020-12-31'],
      ].map(([k, signed]) =>
        entityNodeProperties(
          { id: `${prefix}memorandum:inserted-${k}`, type: 'Memorandum', name: k!, attributes: { signed } },
          `${prefix}source`,
        ),
      );
      await db.write(
        'MATCH (c:Country {code: $code}) UNWIND $rows AS props CREATE (c)-[:PARTY_TO {sourceIds: [], quotes: []}]->(m:Entity:Memorandum) SET m = props',
        { code, rows },
      );
      inserted = true;
    }
    if (!data.timeline.pageInfo.hasNextPage) break;
    after = data.timeline.pageInfo.endCursor;
  }
  expect(total).toBeGreaterThan(100);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.filter((id) => !id.includes('inserted-'))).toHaveLength(total);
  expect(seen).toContain(`${prefix}memorandum:inserted-late`);
  expect(seen).not.toContain(`${prefix}memorandum:inserted-early`);
});

test('deep nested query on 10k: partners, memoranda, parties, staff — a fixed number of queries', async () => {
  const query = `query($p: String) { agencies(first: 50, filter: { idPrefix: $p }) { totalCount edges { node { id
      country { code }
      memoranda { id parties { id ... on Agency { country { code } } } }
      staff { id positions { edges { node { title organization { id } } } } }
      ... on Agency { partners { edges { node { partner { id } links { type citations { source { id } } } } } } } } } } }`;
  const recorder = recordQueries(db);
  const { data, errors } = await graphql(server, query, { p: `${prefix}agency:` });
  recorder.stop();
  expect(errors).toBeUndefined();
  // A full page: the fixed count covers 50 agencies, not an empty or short list.
  expect(data.agencies.edges).toHaveLength(50);
  expect(recorder.queries.length).toBeLessThanOrEqual(10);
});

test("a position's organisation and a relation's ends selected by id alone load no entity, namespaced ids included", async () => {
  const query = `query($p: String) { agencies(first: 50, filter: { idPrefix: $p }) { edges { node { staff { id positions { edges { node { title organization { id __typename } } } } } } } } }`;
  const recorder = recordQueries(db);
  const { data, errors } = await graphql(server, query, { p: `${prefix}agency:` });
  recorder.stop();
  expect(errors).toBeUndefined();
  const organizations = data.agencies.edges.flatMap(
    (a: { node: { staff: { positions: { edges: { node: { organization: { id: string; __typename: string } } }[] } }[] } }) =>
      a.node.staff.flatMap((s) => s.positions.edges.map((e) => e.node.organization)),
  );
  expect(organizations.length).toBeGreaterThan(20);
  for (const organization of organizations)
    expect(organization).toEqual({ id: expect.stringMatching(new RegExp(`^${prefix}agency:`)), __typename: 'Agency' });
  // The page (with its staff, compiled), then the positions batch: no batch of organisation entities.
  expect(recorder.queries).toHaveLength(2);

  // A relation's ends likewise: a hub agency's partner links, their ends by id.
  const links = recordQueries(db);
  const partners = await graphql(
    server,
    'query($id: ID!) { entity(id: $id) { ... on Agency { partners(first: 5, linksFirst: 5) { edges { node { links { from { id __typename } to { id } } } } } } } }',
    { id: graph.hubs.agencies[0] },
  );
  links.stop();
  expect(partners.errors).toBeUndefined();
  const ends = partners.data.entity.partners.edges.flatMap((e: { node: { links: { from: { id: string; __typename: string } }[] } }) =>
    e.node.links.map((l) => l.from),
  );
  expect(ends.length).toBeGreaterThan(5);
  for (const end of ends) expect(end.__typename).toBe(typeOfStoredId(end.id));
  expect(links.queries).toHaveLength(2);
});

test('stats on 10k: honest sums and zero-free cross-tab', async () => {
  const { data, errors } = await graphql(
    server,
    'query($p: String) { stats(filter: { idPrefix: $p }) { memorandaByYear { key count } trainingsByRecipientCountry { country trainings participants { value qualifier stated } } countryYear { country year memoranda trainings } centresByModelAgency { key count } } }',
    { p: prefix },
  );
  expect(errors).toBeUndefined();
  expect(data.stats.memorandaByYear.length).toBeGreaterThan(10);
  for (const row of data.stats.trainingsByRecipientCountry) expect(row.participants.stated).toBeLessThanOrEqual(row.trainings);
  // A sum stated by more than one training is never EXACT.
  const exactSums = data.stats.trainingsByRecipientCountry.filter(
    (row: { participants: { stated: number; qualifier: string } }) => row.participants.stated > 1 && row.participants.qualifier === 'EXACT',
  );
  expect(exactSums).toEqual([]);
  for (const cell of data.stats.countryYear) expect(cell.memoranda + cell.trainings).toBeGreaterThan(0);
});
