/**
 * Person.positions as a connection: ordered by start date (undated first), then organisation and
 * title; keyset pages both ways; asOf keeps the positions valid on that date, at the coarser
 * precision of the two dates; cursors belong to one person and one asOf.
 */
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { validateBundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { graphql, uniqueSlug, useTestServer, type GraphQLResponse } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const slug = uniqueSlug('positions');
const person = `person:${slug}`;

beforeAll(async () => {
  const agency = (n: number) => ({ id: `agency:${slug}-${n}`, type: 'Agency', name: `Agency ${n} ${slug}`, quotes: [] });
  const held = (n: number, role: string, start?: string, end?: string) => ({
    type: 'HOLDS_POSITION',
    from: person,
    to: `agency:${slug}-${n}`,
    role,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    quotes: [],
  });
  const bundle = validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: { id: `source:${slug}`, title: `Positions ${slug}`, publisher: 'coopgraph tests', language: 'en', url: null, text: null },
      entities: [{ id: person, type: 'Person', name: `Official ${slug}`, quotes: [] }, agency(1), agency(2), agency(3)],
      relations: [
        held(1, 'Adviser'),
        held(2, 'Deputy Minister', '2012-03', '2016'),
        held(3, 'Minister', '2016-09-01'),
        held(1, 'Chairman', '2019'),
      ],
    },
    'test',
  );
  await writeBundle(db, bundle, 'test');
});

type Page = {
  entity: {
    positions: {
      totalCount: number;
      edges: { cursor: string; node: { title: string; start: { iso: string } | null; end: { iso: string } | null } }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
  };
};

const query = `query($id: ID!, $asOf: String, $first: Int, $after: String, $last: Int, $before: String) {
  entity(id: $id) { ... on Person { positions(asOf: $asOf, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { title start { iso } end { iso } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;

async function page(variables: Record<string, unknown>): Promise<Page['entity']['positions']> {
  const response: GraphQLResponse<Page> = await graphql<Page>(server, query, { id: person, ...variables });
  expect(response.errors).toBeUndefined();
  return response.data!.entity.positions;
}

const titles = (positions: Page['entity']['positions']) => positions.edges.map((edge) => edge.node.title);

test('every position with its validity, undated first, then by start date', async () => {
  const all = await page({});
  expect(all.totalCount).toBe(4);
  expect(all.edges.map((edge) => edge.node)).toEqual([
    { title: 'Adviser', start: null, end: null },
    { title: 'Deputy Minister', start: { iso: '2012-03' }, end: { iso: '2016' } },
    { title: 'Minister', start: { iso: '2016-09-01' }, end: null },
    { title: 'Chairman', start: { iso: '2019' }, end: null },
  ]);
});

test('asOf keeps the positions valid then; a year-only end covers every day of that year', async () => {
  expect(titles(await page({ asOf: '2014' }))).toEqual(['Adviser', 'Deputy Minister']);
  // 2016-10: the deputy post ended "in 2016" (could be December), the ministry began in September.
  expect(titles(await page({ asOf: '2016-10' }))).toEqual(['Adviser', 'Deputy Minister', 'Minister']);
  expect(titles(await page({ asOf: '2020-01-01' }))).toEqual(['Adviser', 'Minister', 'Chairman']);
  expect((await page({ asOf: '2020-01-01' })).totalCount).toBe(3);
});

test('pages of one, forwards and backwards, give the whole order; a cursor of another asOf is refused', async () => {
  const forwards: string[] = [];
  for (let after: string | null = null; ;) {
    const positions = await page({ first: 1, after });
    forwards.push(...titles(positions));
    if (!positions.pageInfo.hasNextPage) break;
    after = positions.pageInfo.endCursor;
  }
  const backwards: string[] = [];
  for (let before: string | null = null; ;) {
    const positions = await page({ last: 1, before });
    backwards.unshift(...titles(positions));
    if (!positions.pageInfo.hasPreviousPage) break;
    before = positions.pageInfo.startCursor;
  }
  expect(forwards).toEqual(['Adviser', 'Deputy Minister', 'Minister', 'Chairman']);
  expect(backwards).toEqual(forwards);

  const cursor = (await page({ first: 1 })).pageInfo.endCursor;
  const refused = await graphql(server, query, { id: person, asOf: '2014', first: 1, after: cursor });
  expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  const badDate = await graphql(server, query, { id: person, asOf: '2014-13' });
  expect(badDate.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
});
