/**
 * The audit trail: a change is recorded inside its write's transaction (a rolled-back write
 * leaves none), and Query.changes reads the trail newest first, filtered by entity, writer and
 * time, in keyset pages.
 */
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { recordChange, type ChangeInput } from '../../src/features/audit/audit.repository';
import { graphql, uniqueSlug, useTestServer, type GraphQLResponse } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const slug = uniqueSlug('audit');
const writer = `tester-${slug}`;
const change = (n: number, entityIds: string[]): ChangeInput => ({
  by: writer,
  action: 'UPDATE_ENTITY',
  entityIds,
  reason: `reason ${n}`,
  before: { name: `before ${n}` },
  after: { name: `after ${n}`, nested: { list: [1, 'two', null] } },
  requestId: null,
});

type TrailPage = { changes: { edges: { node: { reason: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const fields =
  'totalCount edges { cursor node { id at by action entities reason before after requestId } } pageInfo { hasNextPage endCursor }';

beforeAll(async () => {
  for (let n = 1; n <= 5; n++)
    await db.writeTransaction((tx) => recordChange(tx, change(n, [`agency:${slug}-${n % 2}`, `agency:${slug}-all`])));
});

test('changes read newest first, with what changed before and after as JSON', async () => {
  const { data, errors } = await graphql(server, `query($by: String) { changes(by: $by, first: 10) { ${fields} } }`, { by: writer });
  expect(errors).toBeUndefined();
  expect(data.changes.totalCount).toBe(5);
  const nodes = data.changes.edges.map((edge: { node: unknown }) => edge.node);
  expect(nodes.map((node: { reason: string }) => node.reason)).toEqual(['reason 5', 'reason 4', 'reason 3', 'reason 2', 'reason 1']);
  expect(nodes[0]).toEqual({
    id: expect.stringMatching(/^change:[0-9a-f-]{36}$/),
    at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    by: writer,
    action: 'UPDATE_ENTITY',
    entities: [`agency:${slug}-1`, `agency:${slug}-all`],
    reason: 'reason 5',
    before: { name: 'before 5' },
    after: { name: 'after 5', nested: { list: [1, 'two', null] } },
    requestId: null,
  });
  const ats = nodes.map((node: { at: string }) => node.at);
  expect([...ats].sort().reverse()).toEqual(ats);
});

test('filtered by entity and since; pages of two walk the whole trail once', async () => {
  const one = await graphql(server, `query($e: ID) { changes(entity: $e, first: 10) { ${fields} } }`, { e: `agency:${slug}-0` });
  expect(one.data.changes.edges.map((edge: { node: { reason: string } }) => edge.node.reason)).toEqual(['reason 4', 'reason 2']);
  const future = await graphql(
    server,
    `
      query ($e: ID) {
        changes(entity: $e, since: "2999") {
          totalCount
        }
      }
    `,
    { e: `agency:${slug}-all` },
  );
  expect(future.data.changes.totalCount).toBe(0);
  const offset = await graphql(
    server,
    `
      query ($e: ID) {
        changes(entity: $e, since: "2000-01-01T04:00:00+04:00") {
          totalCount
        }
      }
    `,
    { e: `agency:${slug}-all` },
  );
  expect(offset.data.changes.totalCount).toBe(5);

  const seen: string[] = [];
  for (let after: string | null = null; ;) {
    const response: GraphQLResponse<TrailPage> = await graphql<TrailPage>(
      server,
      `query($e: ID, $after: String) { changes(entity: $e, first: 2, after: $after) { ${fields} } }`,
      { e: `agency:${slug}-all`, after },
    );
    const page: TrailPage['changes'] = response.data!.changes;
    seen.push(...page.edges.map((edge) => edge.node.reason));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(['reason 5', 'reason 4', 'reason 3', 'reason 2', 'reason 1']);
});

test('a write that rolls back records no change', async () => {
  const failed = db.writeTransaction(async (tx) => {
    await recordChange(tx, change(99, [`agency:${slug}-rolled-back`]));
    throw new Error('the write failed after recording');
  });
  await expect(failed).rejects.toThrow('the write failed after recording');
  const { data } = await graphql(
    server,
    `
      query ($e: ID) {
        changes(entity: $e) {
          totalCount
        }
      }
    `,
    { e: `agency:${slug}-rolled-back` },
  );
  expect(data.changes.totalCount).toBe(0);
});

test('bad since and foreign cursors are refused with the argument named', async () => {
  const since = await graphql(server, '{ changes(since: "2026-11-26 10:00") { totalCount } }');
  expect(since.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
  const other = await graphql(server, '{ changes(first: 1) { pageInfo { endCursor } } }');
  const cursor = other.data.changes.pageInfo.endCursor;
  const foreign = await graphql(
    server,
    `
      query ($c: String, $by: String) {
        changes(by: $by, after: $c) {
          totalCount
        }
      }
    `,
    { c: cursor, by: writer },
  );
  expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
});
