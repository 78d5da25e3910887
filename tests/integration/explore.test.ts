/**
 * Exploring the seed graph: search, filtered and ordered lists, asOf, network, paths, timeline,
 * partners, stats, bad input, and the number of Cypher queries deep requests cost.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { graphql, recordQueries, useTestServer, walkConnection } from '../support/harness';

let db: Database;
let server: RunningServer;
// The query-count tests below run requests costly enough to be large answers (cost over 100,000),
// built in slices that let the event loop turn: each turn starts new loader batches, so on a busy
// machine the count varied between two runs of one request (5, then 4). Slicing is off here so
// the counts measure batching alone (reliability/fan-out.test.ts covers the slices).
useTestServer((opened) => ({ db, server } = opened), { largeAnswers: { atOnce: 2, slices: false } });

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

describe('search', () => {
  test.each([
    ['xidmet', 'agency:asan-xidmet'],
    ['ASAN XİDMƏT', 'agency:asan-xidmet'],
    ['Mehdiyev', 'person:ulvi-mehdiyev'],
    ['Jayhoon', 'person:amanullah-ceyhun'],
    ['Джейхун', 'person:amanullah-ceyhun'],
    ['khedmat', 'agency:asan-khedmat'],
    ['khidmat', 'agency:asan-xidmet'],
    ['Kabul', 'center:asan-khedmat-kabul'],
    ['Afganistan', 'country:AF'],
    ['Əfqanıstan', 'country:AF'],
    ['ASAN Beynelxalq', 'agency:asan-international-association'],
  ])('"%s" finds %s', async (query, id) => {
    const { data, errors } = await graphql(
      server,
      'query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { id } } } }',
      { q: query },
    );
    expect(errors).toBeUndefined();
    expect(ids(data.search)).toContain(id);
  });

  test('exact and prefix matches rank first', async () => {
    const { data } = await graphql(
      server,
      '{ a: search(query: "Afghanistan", first: 3) { edges { node { id } } } k: search(query: "ABAD", first: 2) { edges { node { id } } } }',
    );
    expect(ids(data.a)[0]).toBe('country:AF');
    expect(ids(data.k)[0]).toBe('agency:abad');
  });

  test('types narrow the hits', async () => {
    const { data } = await graphql(
      server,
      '{ search(query: "asan", types: [SERVICE_CENTER], first: 20) { edges { node { __typename } } } }',
    );
    expect(data.search.edges.length).toBeGreaterThan(0);
    for (const edge of data.search.edges) expect(edge.node.__typename).toBe('ServiceCenter');
  });

  test.each(['a" OR *:*', '(asan', 'asan AND', '*', '\\', 'name:asan~', '"', '+-&&||!(){}[]^"~*?:\\/'])(
    'Lucene syntax in %p is plain text',
    async (query) => {
      const { data, errors } = await graphql(server, 'query($q: String!) { search(query: $q) { totalCount } }', { q: query });
      expect(errors).toBeUndefined();
      expect(typeof data.search.totalCount).toBe('number');
    },
  );

  test('search pages with keyset cursors and never repeats a hit', async () => {
    const all = await graphql(server, '{ search(query: "asan", first: 100) { totalCount edges { node { id } } } }');
    const seen = await walkConnection(server, 'search', 'query: "asan"', 3, 'forwards');
    expect(seen).toEqual(ids(all.data.search));
    expect(new Set(seen).size).toBe(all.data.search.totalCount);
  });
});

describe('lists: filter, orderBy, last/before, asOf', () => {
  test('agencies with at least one memorandum with a party from AF signed after 2015', async () => {
    const { data, errors } = await graphql(
      server,
      // first: 100, since other test files add agencies with Afghan memoranda of their own (36 in one run).
      `
        {
          agencies(
            first: 100
            filter: {
              related: [
                {
                  types: [PARTY_TO]
                  direction: OUT
                  where: { from: "2016", related: [{ types: [PARTY_TO], direction: IN, where: { country: "AF" } }] }
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
          none: agencies(filter: { related: [{ types: [PARTY_TO], direction: OUT, where: { from: "2090" } }] }) {
            totalCount
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(ids(data.agencies)).toEqual(expect.arrayContaining(['agency:af-public-service-counterpart', 'agency:asan-xidmet']));
    expect(data.agencies.totalCount).toBe(data.agencies.edges.length);
    expect(data.none.totalCount).toBe(0);
  });

  test('country (alpha-2 or alpha-3), kind and text', async () => {
    const { data } = await graphql(
      server,
      `
        {
          af: agencies(filter: { country: "AFG" }, first: 50) {
            edges {
              node {
                id
              }
            }
          }
          embassies: agencies(filter: { kind: ["EMBASSY"], country: "AF" }) {
            edges {
              node {
                id
              }
            }
          }
          text: agencies(filter: { text: "ASAN XIDMET" }) {
            edges {
              node {
                id
              }
            }
          }
          centres: serviceCenters(filter: { country: "AF" }) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
    );
    expect(ids(data.af)).toEqual(
      expect.arrayContaining(['agency:af-public-service-counterpart', 'agency:asan-khedmat', 'agency:embassy-af-in-az']),
    );
    expect(ids(data.af)).not.toContain('agency:asan-xidmet');
    expect(ids(data.embassies)).toEqual(['agency:embassy-af-in-az']);
    expect(ids(data.text)).toContain('agency:asan-xidmet');
    expect(ids(data.centres)).toEqual(['center:asan-khedmat-kabul']);
  });

  test('orderBy DATE DESC and ID, with last/before walking back', async () => {
    const { data } = await graphql(
      server,
      `
        {
          byDate: events(orderBy: { field: DATE, direction: DESC }, filter: { from: "2021" }) {
            edges {
              node {
                id
                ... on Event {
                  date {
                    iso
                  }
                }
              }
            }
          }
          byId: events(orderBy: { field: ID }, first: 10) {
            edges {
              cursor
              node {
                id
              }
            }
          }
        }
      `,
    );
    const dates = data.byDate.edges.map((e: { node: { date: { iso: string } } }) => e.node.date.iso);
    expect([...dates].sort().reverse()).toEqual(dates);
    const byId = ids(data.byId);
    expect([...byId].sort()).toEqual(byId);
    const last = data.byId.edges[data.byId.edges.length - 1].cursor;
    const { data: back } = await graphql(
      server,
      'query($before: String) { events(orderBy: { field: ID }, last: 2, before: $before) { pageInfo { hasPreviousPage hasNextPage } edges { node { id } } } }',
      { before: last },
    );
    expect(ids(back.events)).toEqual(byId.slice(-3, -1));
    expect(back.events.pageInfo.hasNextPage).toBe(true);
  });

  test('asOf keeps only what existed then: no memorandum in 2015, one in 2016', async () => {
    const { data } = await graphql(
      server,
      `
        {
          y2015: memoranda(asOf: "2015", filter: { idPrefix: "memorandum:asan-af-2016" }) {
            totalCount
          }
          y2016: memoranda(asOf: "2016-06", filter: { idPrefix: "memorandum:asan-af-2016" }) {
            totalCount
          }
          rel: entity(id: "agency:asan-xidmet") {
            before: relations(types: [PARTY_TO], asOf: "2015") {
              to {
                id
              }
            }
            after: relations(types: [PARTY_TO], asOf: "2019") {
              to {
                id
              }
            }
          }
        }
      `,
    );
    expect(data.y2015.totalCount).toBe(0);
    expect(data.y2016.totalCount).toBe(1);
    expect(data.rel.before.map((r: { to: { id: string } }) => r.to.id)).not.toContain('memorandum:asan-af-2016');
    expect(data.rel.after.map((r: { to: { id: string } }) => r.to.id)).toContain('memorandum:asan-af-2016');
  });

  test('relations asOf a date leave out entities that did not exist yet, even on edges with no start date', async () => {
    const { data } = await graphql(
      server,
      `
        {
          entity(id: "agency:asan-xidmet") {
            in2015: relations(types: [PARTY_TO], asOf: "2015") {
              to {
                id
                ... on Memorandum {
                  signed {
                    iso
                  }
                }
              }
            }
            in2019: relations(types: [PARTY_TO], asOf: "2019", direction: OUT) {
              to {
                id
                ... on Memorandum {
                  signed {
                    iso
                  }
                }
              }
              start {
                iso
              }
            }
          }
        }
      `,
    );
    // Only undated memoranda (whose existence in 2015 nothing rules out) are kept for 2015: the
    // seed's Uzbek memorandum, whose only date is its source's publication date.
    expect(data.entity.in2015).toEqual([{ to: { id: 'memorandum:uz-mou-2019-10-05', signed: null } }]);
    const in2019 = data.entity.in2019 as { to: { id: string; signed: { iso: string } | null }; start: { iso: string } | null }[];
    expect(in2019.map((relation) => relation.to.id)).toContain('memorandum:id-mou-2017');
    expect(in2019.map((relation) => relation.to.id)).not.toContain('memorandum:ae-mou-2026-02-04');
    for (const relation of in2019) expect((relation.to.signed?.iso ?? '0').slice(0, 4) <= '2019').toBe(true);
  });

  test('bad list input: malformed cursor, first out of range, bad date, filters nested too deep', async () => {
    const { errors } = await graphql(
      server,
      `
        {
          a: agencies(after: "nonsense") {
            totalCount
          }
        }
      `,
    );
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const big = await graphql(server, '{ agencies(first: 1000) { totalCount } }');
    expect(big.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      expected: 'a whole number from 0 to 100',
    });
    const date = await graphql(server, '{ memoranda(filter: { from: "last year" }) { totalCount } }');
    expect(date.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.from' });
    const deep = await graphql(
      server,
      `
        {
          agencies(
            filter: {
              related: [
                {
                  types: [PARTY_TO]
                  where: {
                    related: [
                      { types: [PARTY_TO], where: { related: [{ types: [PARTY_TO], where: { related: [{ types: [BASED_IN] }] } }] } }
                    ]
                  }
                }
              ]
            }
          ) {
            totalCount
          }
        }
      `,
    );
    expect(deep.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify([big, date, deep])).not.toContain('stacktrace');
  });
});

describe('network', () => {
  test('depth 1 around the Kabul centre: nodes, edges with validity and citations', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          network(center: "center:asan-khedmat-kabul") {
            truncated
            center {
              id
            }
            nodes {
              id
            }
            edges {
              type
              from {
                id
              }
              to {
                id
              }
              start {
                iso
              }
              citations {
                quote
                source {
                  id
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const network = data.network;
    expect(network.truncated).toBe(false);
    expect(network.center.id).toBe('center:asan-khedmat-kabul');
    expect(network.nodes.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining([
        'agency:asan-xidmet',
        'agency:asan-khedmat',
        'memorandum:asan-af-2016',
        'country:AF',
        'training:asan-experts-centre-staff',
      ]),
    );
    const nodeIds = new Set(network.nodes.map((n: { id: string }) => n.id));
    for (const edge of network.edges) {
      expect(nodeIds.has(edge.from.id) && nodeIds.has(edge.to.id)).toBe(true);
      expect(edge.citations.length).toBeGreaterThan(0);
    }
  });

  test('limit cuts and says so; relationTypes narrow', async () => {
    const { data } = await graphql(
      server,
      `
        {
          cut: network(center: "agency:asan-xidmet", depth: 3, limit: 5) {
            truncated
            nodes {
              id
            }
          }
          typed: network(center: "agency:asan-xidmet", relationTypes: [BASED_IN]) {
            truncated
            nodes {
              id
            }
            edges {
              type
            }
          }
        }
      `,
    );
    expect(data.cut.truncated).toBe(true);
    expect(data.cut.nodes).toHaveLength(5);
    expect(data.typed.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['agency:asan-xidmet', 'country:AZ']);
    expect(data.typed.edges).toEqual([{ type: 'BASED_IN' }]);
  });

  test('unknown centre is NOT_FOUND; depth and limit outside bounds are BAD_USER_INPUT', async () => {
    const missing = await graphql(server, '{ network(center: "agency:nope") { truncated } }');
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'agency:nope' });
    const deep = await graphql(server, '{ network(center: "agency:abad", depth: 5) { truncated } }');
    expect(deep.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'depth',
      expected: 'a whole number from 1 to 4',
    });
    const wide = await graphql(server, '{ network(center: "agency:abad", limit: 0) { truncated } }');
    expect(wide.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
    const node = await graphql(server, '{ entity(id: "agency:nope") { id } }');
    expect(node.data.entity).toBeNull();
  });
});

describe('paths', () => {
  test('the chairman to the Kabul centre: shortest first, readable, cited', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          paths(from: "person:ulvi-mehdiyev", to: "center:asan-khedmat-kabul") {
            length
            explanation
            nodes {
              id
            }
            relations {
              type
              citations {
                quote
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data.paths.length).toBeGreaterThanOrEqual(1);
    expect(data.paths.length).toBeLessThanOrEqual(3);
    const [first] = data.paths;
    expect(first.length).toBe(2);
    expect(first.nodes[0].id).toBe('person:ulvi-mehdiyev');
    expect(first.nodes[2].id).toBe('center:asan-khedmat-kabul');
    expect(first.explanation).toMatch(/^Ülvi Mehdiyev .+ASAN khedmat centre in Kabul.+\.$/);
    for (const path of data.paths) for (const relation of path.relations) expect(relation.citations[0].quote).toBeTruthy();
    const lengths = data.paths.map((p: { length: number }) => p.length);
    expect([...lengths].sort()).toEqual(lengths);
  });

  test('nested selections on the path read in its one statement: relation ends, names, an agency country', async () => {
    const recorder = recordQueries(db);
    const { data, errors } = await graphql(
      server,
      `
        {
          paths(from: "person:ulvi-mehdiyev", to: "agency:asan-xidmet", maxLength: 1, first: 1) {
            length
            nodes {
              id
              name
              ... on Agency {
                country {
                  code
                }
              }
            }
            relations {
              type
              role
              from {
                id
                name
              }
              to {
                id
              }
            }
          }
        }
      `,
    );
    recorder.stop();
    expect(errors).toBeUndefined();
    const [path] = data.paths;
    expect(path.length).toBe(1);
    expect(path.nodes[1]).toEqual({ id: 'agency:asan-xidmet', name: expect.stringContaining('Dövlət Agentliyi'), country: { code: 'AZ' } });
    expect(path.relations[0]).toMatchObject({
      from: { id: 'person:ulvi-mehdiyev', name: 'Ülvi Mehdiyev' },
      to: { id: 'agency:asan-xidmet' },
    });
    expect(path.relations[0].role).toBeTruthy();
    expect(recorder.queries).toHaveLength(1);
  });

  test('unknown ids are NOT_FOUND naming the id; bounds are BAD_USER_INPUT', async () => {
    const missing = await graphql(server, '{ paths(from: "person:ulvi-mehdiyev", to: "center:nowhere") { length } }');
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to', id: 'center:nowhere' });
    const long = await graphql(server, '{ paths(from: "person:ulvi-mehdiyev", to: "agency:abad", maxLength: 7) { length } }');
    expect(long.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'maxLength',
      expected: 'a whole number from 1 to 6',
    });
    const many = await graphql(server, '{ paths(from: "person:ulvi-mehdiyev", to: "agency:abad", first: 0) { length } }');
    expect(many.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('timeline', () => {
  type Entry = { date: { iso: string; precision: string }; kind: string; title: string; when: string; entity: { id: string } };
  const entries = (timeline: { edges: { node: Entry }[] }): Entry[] => timeline.edges.map((edge) => edge.node);
  type Page = {
    timeline: {
      totalCount: number;
      edges: { cursor: string; node: Entry }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
  };

  test('around the State Agency: in date order, a year-only date says so', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          timeline(entity: "agency:asan-xidmet", first: 100) {
            totalCount
            edges {
              node {
                date {
                  iso
                  precision
                }
                kind
                title
                when
                entity {
                  id
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const timeline = entries(data.timeline);
    expect(timeline).toHaveLength(data.timeline.totalCount);
    const isos = timeline.map((e) => e.date.iso);
    expect([...isos].sort()).toEqual(isos);
    const memorandum = timeline.find((e) => e.entity.id === 'memorandum:asan-af-2016');
    expect(memorandum).toMatchObject({ kind: 'SIGNING', date: { iso: '2016', precision: 'YEAR' }, when: 'in 2016 (year only)' });
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['AWARD', 'EVENT', 'SIGNING', 'STATISTIC']));
  });

  test('by country and date range', async () => {
    const { data } = await graphql(
      server,
      `
        {
          af: timeline(country: "AF", to: "2020", first: 100) {
            edges {
              node {
                entity {
                  id
                }
              }
            }
          }
          late: timeline(entity: "agency:asan-xidmet", from: "2021", first: 100) {
            edges {
              node {
                date {
                  iso
                }
              }
            }
          }
          early: timeline(entity: "agency:asan-xidmet", to: "2016") {
            totalCount
            edges {
              node {
                entity {
                  id
                }
              }
            }
          }
        }
      `,
    );
    // README's example.
    expect(data.early.totalCount).toBe(2);
    expect(entries(data.early).map((e) => e.entity.id)).toEqual(['award:unpsa-2015', 'memorandum:asan-af-2016']);
    const af = entries(data.af).map((e) => e.entity.id);
    expect(af).toContain('memorandum:asan-af-2016');
    expect(af).not.toContain('event:mehdiyev-ceyhun-2021-02-24');
    for (const entry of entries(data.late)) expect(entry.date.iso >= '2021').toBe(true);
    const missing = await graphql(server, '{ timeline(entity: "agency:nope") { totalCount } }');
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'agency:nope' });
  });

  test('pages of 3, forwards and backwards, give the one-page order; a cursor of another timeline is refused', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String) {
      timeline(entity: "agency:asan-xidmet", first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { entity { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const whole = await graphql(server, page, { first: 100 });
    const all = entries(whole.data.timeline).map((e) => e.entity.id);
    expect(all.length).toBeGreaterThan(6);
    const forwards: string[] = [];
    for (let after: string | null = null; ;) {
      const data: Page = (await graphql<Page>(server, page, { first: 3, after })).data!;
      forwards.push(...entries(data.timeline).map((e) => e.entity.id));
      expect(data.timeline.totalCount).toBe(all.length);
      if (!data.timeline.pageInfo.hasNextPage) break;
      after = data.timeline.pageInfo.endCursor;
    }
    const backwards: string[] = [];
    for (let before: string | null = null; ;) {
      const data: Page = (await graphql<Page>(server, page, { last: 3, before })).data!;
      backwards.unshift(...entries(data.timeline).map((e) => e.entity.id));
      if (!data.timeline.pageInfo.hasPreviousPage) break;
      before = data.timeline.pageInfo.startCursor;
    }
    expect(forwards).toEqual(all);
    expect(backwards).toEqual(all);
    const other = await graphql(server, '{ timeline(country: "AF", first: 1) { pageInfo { endCursor } } }');
    const refused = await graphql(server, page, { first: 3, after: other.data.timeline.pageInfo.endCursor });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const tooMany = await graphql(server, page, { first: 101 });
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

interface Partnership {
  partner: { id: string };
  facts: number;
  linkCount: number;
  links: { type: string; from: { id: string }; to: { id: string } }[];
}

describe('partners', () => {
  test("Afghanistan's partners include its agencies' partners, each with the linking facts", async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          country(code: "AF") {
            partners(first: 100) {
              totalCount
              edges {
                node {
                  partner {
                    id
                  }
                  facts
                  linkCount
                  links {
                    type
                    from {
                      id
                    }
                    to {
                      id
                    }
                    citations {
                      source {
                        id
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const nodes = data.country.partners.edges.map((edge: { node: Partnership }) => edge.node);
    expect(data.country.partners.totalCount).toBe(nodes.length);
    const partners = Object.fromEntries(nodes.map((p: Partnership) => [p.partner.id, p]));
    expect(Object.keys(partners)).toEqual(
      expect.arrayContaining(['agency:asan-xidmet', 'country:AZ', 'agency:asan-international-association']),
    );
    expect(Object.keys(partners)).not.toContain('agency:asan-khedmat');
    const links = partners['agency:asan-xidmet'].links.map(
      (l: { type: string; from: { id: string }; to: { id: string } }) => `${l.from.id} ${l.type} ${l.to.id}`,
    );
    expect(links).toEqual(
      expect.arrayContaining([
        'agency:af-public-service-counterpart PARTY_TO memorandum:asan-af-2016',
        'agency:asan-xidmet PARTY_TO memorandum:asan-af-2016',
      ]),
    );
  });

  test("the State Agency's partners; asOf 2015 drops the 2016 memorandum link", async () => {
    const { data } = await graphql(
      server,
      `
        {
          now: entity(id: "agency:asan-xidmet") {
            ... on Agency {
              partners(first: 100) {
                edges {
                  node {
                    partner {
                      id
                    }
                  }
                }
              }
            }
          }
          then: entity(id: "agency:asan-xidmet") {
            ... on Agency {
              partners(asOf: "2015", first: 100) {
                edges {
                  node {
                    partner {
                      id
                    }
                    links {
                      type
                    }
                  }
                }
              }
            }
          }
        }
      `,
    );
    const ids = (connection: { edges: { node: Partnership }[] }) => connection.edges.map((edge) => edge.node.partner.id);
    const now = ids(data.now.partners);
    expect(now).toEqual(
      expect.arrayContaining([
        'agency:af-public-service-counterpart',
        'agency:asan-khedmat',
        'country:AF',
        'agency:un',
        'agency:embassy-af-in-az',
      ]),
    );
    expect(now).not.toContain('country:AZ');
    const then = ids(data.then.partners);
    expect(then).not.toContain('agency:af-public-service-counterpart');
  });

  test('a hub is a bounded connection: most linking facts first, pages walk the same order, links capped with their count', async () => {
    const all = await graphql(
      server,
      '{ country(code: "AZ") { partners(first: 100, linksFirst: 1) { totalCount edges { node { partner { id } facts linkCount links { type } } } } } }',
    );
    expect(all.errors).toBeUndefined();
    const nodes: Partnership[] = all.data.country.partners.edges.map((edge: { node: Partnership }) => edge.node);
    expect(nodes.length).toBeGreaterThan(3);
    const facts = nodes.map((node) => node.facts);
    expect(facts).toEqual([...facts].sort((a, b) => b - a));
    for (const node of nodes) {
      expect(node.links.length).toBe(Math.min(1, node.linkCount));
      expect(node.linkCount).toBeGreaterThanOrEqual(node.facts > 0 ? 1 : 0);
    }
    // Two at a time, the pages walk exactly the order of the one big page.
    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        data?: { country: { partners: { edges: { node: Partnership }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
      } = await graphql(
        server,
        'query($after: String) { country(code: "AZ") { partners(first: 2, after: $after) { edges { node { partner { id } } } pageInfo { hasNextPage endCursor } } } }',
        { after },
      );
      const connection = page.data!.country.partners;
      pages.push(...connection.edges.map((edge) => edge.node.partner.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toEqual(nodes.map((node) => node.partner.id));
  });

  test('two pages of one batch with different linksFirst each show their own first links, in one statement', async () => {
    const recorder = recordQueries(db);
    const { data, errors } = await graphql(
      server,
      '{ country(code: "AZ") { one: partners(first: 5, linksFirst: 1) { edges { node { linkCount links { type from { id } to { id } } } } } three: partners(first: 5, linksFirst: 3) { edges { node { linkCount links { type from { id } to { id } } } } } } }',
    );
    recorder.stop();
    expect(errors).toBeUndefined();
    const [one, three] = [data.country.one.edges, data.country.three.edges].map(
      (edges: { node: { linkCount: number; links: unknown[] } }[]) => edges.map((edge) => edge.node),
    );
    expect(one!.some((node) => node.linkCount >= 3)).toBe(true);
    one!.forEach((node, i) => {
      expect(node.links).toHaveLength(Math.min(1, node.linkCount));
      expect(three![i]!.links).toHaveLength(Math.min(3, node.linkCount));
      // The same order: the one link shown first is the first of the three.
      expect(three![i]!.links.slice(0, 1)).toEqual(node.links);
    });
    expect(recorder.queries.filter((query) => query.cypher.includes('PartnerRank'))).toHaveLength(1);
  });

  test('abuse: linksFirst and first out of range name the argument', async () => {
    const { errors } = await graphql(server, '{ country(code: "AZ") { partners(linksFirst: 101) { totalCount } } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'linksFirst' });
    const tooMany = await graphql(server, '{ country(code: "AZ") { partners(first: 1000) { totalCount } } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('stats', () => {
  test('with no filter, counts per type come from the count store and equal a full count', async () => {
    const recorder = recordQueries(db);
    const { data, errors } = await graphql(server, '{ stats { entitiesByType { key label count } relationsByType { key count } } }');
    recorder.stop();
    expect(errors).toBeUndefined();
    const [scan] = await db.read(
      `CALL { MATCH (e:Entity) WITH e.type AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS entities }
       CALL { MATCH (:Entity)-[r]->(:Entity) WITH type(r) AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS relations }
       RETURN entities, relations`,
    );
    expect(data.stats.entitiesByType.map((row: { label: string; count: number }) => ({ key: row.label, count: row.count }))).toEqual(
      scan!.entities,
    );
    expect(data.stats.relationsByType).toEqual(scan!.relations);
    expect(recorder.queries.filter((query) => /COUNT \{ MATCH \(e:Agency\) \}/.test(query.cypher))).toHaveLength(1);
  });

  test('dashboard aggregates with stable keys, honest sums and zeros', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          stats(filter: { country: "AF" }) {
            entitiesByType {
              key
              count
            }
            relationsByType {
              key
              count
            }
            memorandaByYear {
              key
              count
            }
            trainingsByRecipientCountry {
              country
              trainings
              sessions {
                value
                qualifier
                text
                stated
              }
              participants {
                value
                qualifier
                text
                stated
              }
            }
            centresByModelAgency {
              key
              count
            }
            countryYear {
              country
              year
              memoranda
              trainings
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const stats = data.stats;
    expect(stats.memorandaByYear).toEqual(expect.arrayContaining([{ key: '2016', count: 1 }]));
    expect(stats.entitiesByType).toEqual(expect.arrayContaining([{ key: 'COUNTRY', count: 1 }]));
    const af = stats.trainingsByRecipientCountry.find((t: { country: string }) => t.country === 'AF');
    expect(af.trainings).toBeGreaterThanOrEqual(2);
    expect(af.participants.value).toBeGreaterThanOrEqual(100);
    expect(['MORE_THAN', 'ABOUT']).toContain(af.participants.qualifier);
    expect(af.participants.text).toMatch(/^(more than|about) /);
    expect(stats.centresByModelAgency).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'agency:asan-xidmet' })]));
    expect(stats.countryYear).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ country: 'AF', year: 2016 }),
        expect.objectContaining({ country: 'AZ', year: 2016 }),
      ]),
    );
    for (const cell of stats.countryYear) expect(cell.memoranda + cell.trainings).toBeGreaterThan(0);
    for (const row of stats.relationsByType) expect(row.count).toBeGreaterThan(0);
  });
});

describe('query counts (N+1 would fail these)', () => {
  test('a deep nested list costs a fixed number of Cypher queries', async () => {
    const query = `{ agencies(first: 20) { totalCount edges { node { id
        country { code partners { edges { node { partner { id } } } } }
        memoranda { id parties { id ... on Agency { country { code } } } signatories { id } }
        staff { id positions { edges { node { title organization { id } } } } }
        ... on Agency { partners { edges { node { partner { id } links { type from { id } to { id } citations { source { id } } } } } } } } } } }`;
    const recorder = recordQueries(db);
    const { errors } = await graphql(server, query);
    recorder.stop();
    expect(errors).toBeUndefined();
    // list, relations (country/memoranda/staff), entities, partners (country+agency in one batch),
    // then one relations + one entity batch per deeper level, then sources.
    expect(recorder.queries.length).toBeLessThanOrEqual(12);
    const again = recordQueries(db);
    await graphql(server, query);
    again.stop();
    expect(again.queries.length).toBe(recorder.queries.length);
    // All reads; the list is one query and everything below it comes in batches ($keys or
    // $ids, one per loader and tree level). The exact Cypher is pinned in tests/cypher.
    expect(recorder.queries.map((q) => q.mode)).toEqual(recorder.queries.map(() => 'READ'));
    const [list, ...nested] = recorder.queries;
    expect(list!.cypher).toMatch(/^\s*RETURN COUNT \{ MATCH \(e:Agency\) \}/);
    expect(list!.params).toMatchObject({ fetch: 21 });
    for (const q of nested) expect(Array.isArray(q.params.keys) || Array.isArray(q.params.ids)).toBe(true);
  });

  test('network, paths and search are one query each', async () => {
    for (const query of [
      '{ network(center: "agency:asan-xidmet", depth: 2) { nodes { id name } edges { type start { iso } citations { quote } } } }',
      '{ paths(from: "person:ulvi-mehdiyev", to: "center:asan-khedmat-kabul") { nodes { id name } relations { type } } }',
      '{ search(query: "asan") { edges { node { id name } } } }',
    ]) {
      const recorder = recordQueries(db);
      await graphql(server, query);
      recorder.stop();
      expect(recorder.queries).toHaveLength(1);
    }
  });
});

test('the text filter reads either script, as search does: Кабул and Kabul list the same centre', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        cyrillic: serviceCenters(filter: { text: "Кабул" }) {
          edges {
            node {
              id
            }
          }
        }
        latin: serviceCenters(filter: { text: "Kabul" }) {
          edges {
            node {
              id
            }
          }
        }
        nothing: serviceCenters(filter: { text: "Кабулистан" }) {
          totalCount
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  const ids = (edges: { node: { id: string } }[]) => edges.map((edge) => edge.node.id);
  expect(ids(data.cyrillic.edges)).toContain('center:asan-khedmat-kabul');
  expect(ids(data.cyrillic.edges)).toEqual(ids(data.latin.edges));
  expect(data.nothing.totalCount).toBe(0);
});
