/**
 * Request limits (app/plugins/limits) over real HTTP on the real database: each attack shape is
 * refused with HTTP 400 and a code naming the limit, what was found and the maximum, and sends
 * no statement to Neo4j; every documented query passes; every response carries its cost.
 */
import { QueryTimeoutError, type Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { defaultLimits } from '../../src/app/plugins/limits';
import { warmUpQueries } from '../../src/app/warm-up';
import { graphql, recordQueries, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

/** `{ entity { ... on Agency { parent { parent ... { id } } } } }` with `levels` parents. */
const parents = (levels: number) =>
  `{ entity(id: "agency:abad") { ... on Agency { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;
/** Partners of partners, `levels` deep, 100 per page: the fan-out that once ran Node out of heap. */
const partnersOfPartners = (levels: number) =>
  `{ country(code: "AF") { ${'partners(first: 100) { edges { node { partner { ... on Country { '.repeat(levels)}id${' } } } } }'.repeat(levels)} } }`;
/** A page of 100 agencies, each with memoranda, parties, their memoranda, their parties: lists multiply. */
const listsOfLists =
  '{ agencies(first: 100) { edges { node { memoranda { parties { ... on Agency { memoranda { parties { id } } } } } } } } }';
/** One entity's name under `count` aliases. */
const aliases = (count: number) => `{ entity(id: "agency:abad") { ${Array.from({ length: count }, (_, i) => `a${i}: name`).join(' ')} } }`;
const rootFields = [
  'agencies',
  'countries',
  'people',
  'memoranda',
  'trainings',
  'awards',
  'events',
  'statistics',
  'serviceCenters',
  'conflicts',
  'sources',
];

const attacks: [string, string, string, number][] = [
  ['depth', parents(defaultLimits.maxDepth), 'QUERY_TOO_DEEP', defaultLimits.maxDepth],
  ['aliases', aliases(31), 'TOO_MANY_ALIASES', defaultLimits.maxAliases],
  [
    'aliases of root fields',
    `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: network(center: "agency:abad", depth: 2) { truncated }`).join(' ')} }`,
    'TOO_MANY_ROOT_FIELDS',
    defaultLimits.maxRootFields,
  ],
  [
    'directives',
    `{ entity(id: "agency:abad") { ${'id @include(if: true) '.repeat(51)} } }`,
    'TOO_MANY_DIRECTIVES',
    defaultLimits.maxDirectives,
  ],
  [
    'root fields',
    `{ ${rootFields.map((field) => `${field}(first: 1) { totalCount }`).join(' ')} }`,
    'TOO_MANY_ROOT_FIELDS',
    defaultLimits.maxRootFields,
  ],
  [
    'query bytes',
    `# ${'x'.repeat(defaultLimits.maxQueryBytes)}\n{ entity(id: "agency:abad") { id } }`,
    'QUERY_TOO_LARGE',
    defaultLimits.maxQueryBytes,
  ],
  ['list fan-out', listsOfLists, 'COST_LIMIT_EXCEEDED', defaultLimits.maxCost],
  ['partners of partners', partnersOfPartners(3), 'QUERY_TOO_DEEP', defaultLimits.maxDepth],
];

test.each(attacks)(
  '%s: refused with its code, the value found and the maximum; Neo4j sees nothing',
  async (_name, query, code, maximum) => {
    const recorder = recordQueries(db);
    const response = await graphql(server, query);
    recorder.stop();
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    const extensions = response.errors![0]!.extensions!;
    expect(extensions).toEqual({ code, limit: expect.any(String), found: expect.any(Number), maximum, requestId: expect.any(String) });
    expect(extensions.found as number).toBeGreaterThan(maximum);
    expect(response.errors![0]!.message).toContain(`more than the ${maximum} allowed`);
    expect(recorder.queries).toEqual([]);
  },
);

test('tokens: graphql-js stops parsing at the limit; the error names it', async () => {
  const recorder = recordQueries(db);
  const response = await graphql(server, `{ entity(id: "agency:abad") { ${'id '.repeat(defaultLimits.maxTokens)} } }`);
  recorder.stop();
  expect(response.status).toBe(400);
  expect(response.errors![0]!.extensions).toEqual({
    code: 'TOO_MANY_TOKENS',
    limit: 'maxTokens',
    maximum: defaultLimits.maxTokens,
    requestId: expect.any(String),
  });
  expect(recorder.queries).toEqual([]);
});

test('just under the limits passes: depth, aliases and a bounded fan-out', async () => {
  for (const query of [parents(defaultLimits.maxDepth - 3), aliases(30), partnersOfPartners(1)]) {
    const response = await graphql(server, query);
    expect([query.slice(0, 40), response.errors]).toEqual([query.slice(0, 40), undefined]);
  }
});

test('every documented query shape passes, and each response carries its cost', async () => {
  for (const query of warmUpQueries) {
    const response = await graphql(server, query);
    expect([query, response.errors?.map((error) => error.extensions?.code)]).toEqual([query, undefined]);
    const cost = response.extensions?.cost as { requested: number; maximum: number };
    expect(cost.maximum).toBe(defaultLimits.maxCost);
    expect(cost.requested).toBeGreaterThan(0);
    expect(cost.requested).toBeLessThanOrEqual(defaultLimits.maxCost);
  }
});

test('the cost counts slices: first: 50 costs more than first: 5, and a nested list multiplies', async () => {
  const cost = async (query: string) => ((await graphql(server, query)).extensions!.cost as { requested: number }).requested;
  const small = await cost('{ agencies(first: 5) { edges { node { id } } } }');
  const large = await cost('{ agencies(first: 50) { edges { node { id } } } }');
  const nested = await cost('{ agencies(first: 5) { edges { node { id memoranda { id } } } } }');
  expect(large).toBe(small * 10);
  expect(nested).toBeGreaterThan(small);
  // A refused request reports its cost too.
  const refused = await graphql(server, listsOfLists);
  expect((refused.extensions?.cost as { requested: number }).requested).toBeGreaterThan(defaultLimits.maxCost);
});

test('filter width: 5 x 5 x 5 relation filters (155 subqueries per candidate) are refused before Neo4j; 10 pass', async () => {
  const level = (inner: string) => `{ types: [PARTY_TO], where: { related: [${inner}] } }`;
  const leaf = '{ types: [BASED_IN] }';
  const five = (item: string) => Array.from({ length: 5 }, () => item).join(', ');
  const recorder = recordQueries(db);
  const wide = await graphql(
    server,
    `{ agencies(first: 1, filter: { related: [${five(level(five(level(five(leaf)))))}] }) { totalCount } }`,
  );
  recorder.stop();
  expect(wide.errors![0]!.extensions).toEqual({
    code: 'BAD_USER_INPUT',
    argument: 'filter.related',
    expected: 'at most 10 relation filters in one filter, all levels together',
    requestId: expect.any(String),
  });
  expect(wide.errors![0]!.message).toContain('got 155');
  expect(recorder.queries).toEqual([]);
  const ten = await graphql(server, `{ agencies(first: 1, filter: { related: [${five(level(leaf))}] }) { totalCount } }`);
  expect(ten.errors).toBeUndefined();
});

describe('requests refused before GraphQL runs: a status and a code, never a reset or an internal error', () => {
  const post = async (body: string) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return {
      status: response.status,
      json: (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] },
    };
  };

  test('a body over 1 MiB: 413 with a JSON error naming the size and the maximum', async () => {
    const { status, json } = await post(
      JSON.stringify({ query: '{ entity(id: "x") { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expect(status).toBe(413);
    expect(json.errors[0]!.extensions).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      found: expect.any(Number),
      maximum: 1024 * 1024,
      requestId: expect.any(String),
    });
  });

  test('variables nested 5,000 levels deep: 400 BAD_USER_INPUT, nothing sent to Neo4j', async () => {
    // Written as text: JSON.stringify itself overflows the stack on 5,000 levels.
    const nested = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const recorder = recordQueries(db);
    const { status, json } = await post(`{"query": "query($a: String) { entity(id: \\"x\\") { id } }", "variables": {"a": ${nested}}}`);
    recorder.stop();
    expect(status).toBe(400);
    expect(json.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', found: 5001, maximum: 64, requestId: expect.any(String) });
    expect(recorder.queries).toEqual([]);
  });

  test('a body that is not JSON: 400 BAD_REQUEST', async () => {
    const { status, json } = await post('{"query": ');
    expect(status).toBe(400);
    expect(json.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  test('a subscription (the schema has none): 400 GRAPHQL_VALIDATION_FAILED, not an internal error', async () => {
    const response = await graphql(server, 'subscription { x }');
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) });
    expect(response.errors![0]!.message).toBe('This API has no subscription operations: it answers queries and mutations.');
  });

  test('a mutation field the schema does not have: 400 GRAPHQL_VALIDATION_FAILED, before any token is asked for', async () => {
    const response = await graphql(server, 'mutation { x }');
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) });
  });

  test('year 0000 is not a date', async () => {
    const response = await graphql(server, '{ agencies(asOf: "0000") { totalCount } }');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
  });
});

test('cursors are bound to their query and signed: forged, edited and foreign cursors are BAD_USER_INPUT', async () => {
  const first = await graphql(server, '{ agencies(first: 1, filter: { country: "AZ" }) { pageInfo { endCursor } } }');
  const cursor = first.data.agencies.pageInfo.endCursor as string;
  const next = await graphql(server, `{ agencies(first: 1, after: "${cursor}", filter: { country: "AZ" }) { edges { node { id } } } }`);
  expect(next.errors).toBeUndefined();
  const refused = [
    `{ agencies(first: 1, after: "${cursor}", filter: { country: "AF" }) { totalCount } }`,
    `{ agencies(first: 1, after: "${cursor}") { totalCount } }`,
    `{ memoranda(first: 1, after: "${cursor}", filter: { country: "AZ" }) { totalCount } }`,
    `{ search(query: "asan", after: "${cursor}") { totalCount } }`,
    `{ agencies(first: 1, after: "${Buffer.from('["asan","agency:asan-xidmet"]').toString('base64url')}") { totalCount } }`,
    `{ agencies(first: 1, after: "${cursor.slice(0, -2)}AA", filter: { country: "AZ" }) { totalCount } }`,
  ];
  for (const query of refused) {
    const recorder = recordQueries(db);
    const response = await graphql(server, query);
    recorder.stop();
    expect([query, response.errors?.[0]?.extensions]).toEqual([
      query,
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }),
    ]);
    expect(recorder.queries).toEqual([]);
  }
});

describe('filter values that mean nothing are refused, with the right form suggested', () => {
  const refusal = async (query: string) => {
    const recorder = recordQueries(db);
    const response = await graphql(server, query);
    recorder.stop();
    expect(recorder.queries).toEqual([]);
    return { message: response.errors![0]!.message, extensions: response.errors![0]!.extensions };
  };

  test('a country name where a code belongs: did you mean UG?', async () => {
    const { extensions } = await refusal('{ agencies(filter: { country: "Uganda" }) { totalCount } }');
    expect(extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.country',
      expected: 'an ISO 3166-1 alpha-2 or alpha-3 country code; did you mean UG?',
      requestId: expect.any(String),
    });
  });

  test('a two-letter code ISO does not define (UK), in a nested filter and in timeline', async () => {
    const nested = await refusal('{ memoranda(filter: { related: [{ types: [PARTY_TO], where: { country: "UK" } }] }) { totalCount } }');
    expect(nested.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.related[0].where.country' });
    const timeline = await refusal('{ timeline(country: "ZZ") { totalCount } }');
    expect(timeline.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'country' });
  });

  test('a kind the list type does not have, and a kind spelt loosely', async () => {
    const other = await refusal('{ agencies(filter: { kind: ["MINISTRY", "SIGNING"] }) { totalCount } }');
    expect(other.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.kind[1]' });
    expect(other.extensions!.expected).toContain('one of GOVERNMENT, GOVERNMENT_AGENCY');
    const loose = await refusal('{ agencies(filter: { kind: ["government agency"] }) { totalCount } }');
    expect(loose.extensions!.expected).toMatch(/did you mean GOVERNMENT_AGENCY\?$/);
    const none = await refusal('{ people(filter: { kind: ["OTHER"] }) { totalCount } }');
    expect(none.extensions!.expected).toBe('no kind: this type has none');
  });

  test('codes in every accepted form still answer: alpha-2, alpha-3, lower case', async () => {
    for (const code of ['AF', 'afg', 'af']) {
      const response = await graphql(server, `{ agencies(filter: { country: "${code}" }) { totalCount } }`);
      expect([code, response.errors, response.data.agencies.totalCount > 0]).toEqual([code, undefined, true]);
    }
  });
});

test('a statement past the transaction timeout is ended by Neo4j and reported as QueryTimeoutError', async () => {
  const started = Date.now();
  await expect(db.withTimeout(200).read('UNWIND range(1, 500000000) AS x RETURN count(x) AS n')).rejects.toBeInstanceOf(QueryTimeoutError);
  // Neo4j ended it near the timeout, not after counting to the end.
  expect(Date.now() - started).toBeLessThan(10000);
});
