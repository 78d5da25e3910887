/**
 * Analytics on lists (facets, group-by, series) and interlocks (commonConnections), on the seed
 * graph and on a small bundle of this file's own trainings. Expected counts are never written
 * down: they are computed here from the list's own items read page by page through the API (the
 * plain list, not the analytics statements), from the conflicts list, and from the facts table
 * (seeds/asan-network-facts.tsv).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { validateBundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { graphql, uniqueSlug, useTestServer, type GraphQLResponse } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

/** A response whose data each test reads in the shape it asked for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = GraphQLResponse<any>;

interface Item {
  id: string;
  kind: string;
  year: string;
  countries: string[];
}

/** Every page of a list, read with the plain list query (`first` 100 and `after`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readAll(field: string, args: string, node: string): Promise<any[]> {
  const nodes = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: Answer = await graphql(
      server,
      `query($after: String) { list: ${field}(${args}, first: 100, after: $after) { edges { node { ${node} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data!.list.edges.map((edge: { node: unknown }) => edge.node));
    if (!data!.list.pageInfo.hasNextPage) return nodes;
    after = data!.list.pageInfo.endCursor;
  }
}

/** Subjects of every conflict: what the DISPUTED dimension calls disputed. */
async function disputedSubjects(): Promise<Set<string>> {
  const conflicts = await readAll('conflicts', 'entity: null', 'subject { id }');
  return new Set(conflicts.map((conflict) => conflict.subject.id as string));
}

/** The seed's memoranda of Azerbaijan (every seed memorandum has the State Agency as a party), as the list shows them. */
async function azerbaijanMemoranda(): Promise<Item[]> {
  const nodes = await readAll(
    'memoranda',
    'filter: { country: "AZ" }',
    'id kind signed { iso } parties { ... on Country { code } ... on Agency { country { code } } }',
  );
  return nodes.map((m) => ({
    id: m.id,
    kind: m.kind,
    year: m.signed ? m.signed.iso.slice(0, 4) : 'undated',
    countries: [
      ...new Set<string>(
        m.parties.map((p: { code?: string; country?: { code: string } | null }) => p.code ?? p.country?.code).filter(Boolean),
      ),
    ],
  }));
}

/** Counts by key, as a facet's buckets would have them (any order). */
function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

const bucketsOf = (buckets: { key: string; count: number }[]) => Object.fromEntries(buckets.map((b) => [b.key, b.count]));

/** The facts table's memorandum and agreement rows: their ISO country codes (UN, INT, MULTI are not countries). */
function factsTableMemorandumCountries(): Set<string> {
  const [header, ...rows] = fs
    .readFileSync(path.join(__dirname, '../../seeds/asan-network-facts.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const column = (name: string) => header!.indexOf(name);
  return new Set(
    rows
      .filter((row) => ['MEMORANDUM', 'AGREEMENT'].includes(row[column('fact_type')]!))
      .map((row) => row[column('country_iso2')]!)
      .filter((code) => /^[A-Z]{2}$/.test(code) && code !== 'UN'),
  );
}

describe('facets and group-by on the seed memoranda', () => {
  test('facets count the filtered list exactly: by country, year (undated apart), kind and disputed', async () => {
    const items = await azerbaijanMemoranda();
    const disputed = await disputedSubjects();
    const { data, errors } = await graphql(
      server,
      '{ memoranda(filter: { country: "AZ" }) { totalCount facets(by: [COUNTRY, YEAR, KIND, DISPUTED]) { dimension buckets { key label count } } } }',
    );
    expect(errors).toBeUndefined();
    const [country, year, kind, disputes] = data.memoranda.facets;
    expect(data.memoranda.totalCount).toBe(items.length);
    expect(bucketsOf(country.buckets)).toEqual(tally(items.flatMap((item) => (item.countries.length > 0 ? item.countries : ['unknown']))));
    expect(bucketsOf(year.buckets)).toEqual(tally(items.map((item) => item.year)));
    expect(bucketsOf(kind.buckets)).toEqual(tally(items.map((item) => item.kind)));
    expect(bucketsOf(disputes.buckets)).toEqual(tally(items.map((item) => String(disputed.has(item.id)))));
    // Publishers: each memorandum counted once under every publisher of a source cited for it.
    const cited = await readAll('memoranda', 'filter: { country: "AZ" }', 'citations { source { publisher } }');
    const publishers = cited.flatMap((m) => {
      const named = [
        ...new Set<string>(m.citations.map((c: { source: { publisher: string | null } }) => c.source.publisher).filter(Boolean)),
      ];
      return named.length > 0 ? named : ['unknown'];
    });
    const { data: byPublisher } = await graphql(
      server,
      '{ memoranda(filter: { country: "AZ" }) { facets(by: [SOURCE_PUBLISHER]) { buckets { key count } } } }',
    );
    expect(bucketsOf(byPublisher.memoranda.facets[0].buckets)).toEqual(tally(publishers));
    // The seed has an undated memorandum (Uzbekistan's: its only date is a publication date) and disputed ones (Pakistan's parties).
    expect(year.buckets.find((b: { key: string }) => b.key === 'undated')).toMatchObject({ label: 'Undated', count: expect.any(Number) });
    expect(disputes.buckets.find((b: { key: string }) => b.key === 'true')?.count).toBeGreaterThan(0);
    // Years in time order, the undated last; countries most first.
    expect(year.buckets.map((b: { key: string }) => b.key)).toEqual([...year.buckets.map((b: { key: string }) => b.key)].sort());
    expect(country.buckets[0]).toMatchObject({ key: 'AZ', label: 'Azerbaijan', count: items.length });
    // Every country the facts table names on a memorandum or agreement row is a bucket.
    for (const code of factsTableMemorandumCountries()) expect(bucketsOf(country.buckets)[code]).toBeGreaterThan(0);
  });

  test('group-by country x year: every cell, walked in keyset pages of 4, ordered by keys', async () => {
    const items = await azerbaijanMemoranda();
    const expected = tally(items.flatMap((item) => item.countries.map((code) => `${code} ${item.year}`)));
    const cells: { keys: string[]; count: number }[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const { data, errors }: Answer = await graphql(
        server,
        'query($after: String) { memoranda(filter: { country: "AZ" }) { groupBy(by: [COUNTRY, YEAR], first: 4, after: $after) { totalCount edges { node { keys labels count sums { attribute } } } pageInfo { hasNextPage endCursor } } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      const page: {
        totalCount: number;
        edges: { node: { keys: string[]; count: number; sums: unknown[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      } = data!.memoranda.groupBy;
      totalCount = page.totalCount;
      cells.push(
        ...page.edges.map((edge) => {
          expect(edge.node.sums).toEqual([]); // memoranda state no quantities
          return edge.node;
        }),
      );
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(totalCount).toBe(Object.keys(expected).length);
    expect(Object.fromEntries(cells.map((cell) => [cell.keys.join(' '), cell.count]))).toEqual(expected);
    const keys = cells.map((cell) => cell.keys.join('\u001f'));
    expect(keys).toEqual([...keys].sort());
  });

  test('with asOf, the facets count what the list lists on that date', async () => {
    const listed = await readAll('memoranda', 'filter: { country: "AZ" }, asOf: "2018"', 'signed { iso }');
    const { data, errors } = await graphql(
      server,
      '{ memoranda(filter: { country: "AZ" }, asOf: "2018") { totalCount facets(by: [YEAR]) { buckets { key count } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.memoranda.totalCount).toBe(listed.length);
    expect(bucketsOf(data.memoranda.facets[0].buckets)).toEqual(
      tally(listed.map((m) => (m.signed ? m.signed.iso.slice(0, 4) : 'undated'))),
    );
    // Nothing signed after 2018 exists in 2018.
    expect(data.memoranda.facets[0].buckets.every((b: { key: string }) => b.key === 'undated' || b.key <= '2018')).toBe(true);
  });

  test('per partner agency: facets and group-by AGENCY x YEAR count each party agency of the listed memoranda, the memoranda without one under none', async () => {
    const listed = await readAll('memoranda', 'filter: { country: "AZ" }', 'signed { iso } parties { ... on Agency { id name } }');
    const agenciesOf = (m: { parties: { id?: string }[] }): string[] => {
      const ids = [...new Set(m.parties.flatMap((party) => (party.id ? [party.id] : [])))];
      return ids.length > 0 ? ids : ['none'];
    };
    const { data, errors } = await graphql(
      server,
      '{ memoranda(filter: { country: "AZ" }) { facets(by: [AGENCY]) { buckets { key label count } } groupBy(by: [AGENCY, YEAR], first: 100) { totalCount edges { node { keys count } } } } }',
    );
    expect(errors).toBeUndefined();
    const [facet] = data.memoranda.facets;
    const expected = tally(listed.flatMap(agenciesOf));
    expect(bucketsOf(facet.buckets)).toEqual(expected);
    // The State Agency is a party to 14 of the seeds' 15 (the 2022 memorandum with the UAE is
    // between governments; other tests may add memoranda of Azerbaijan): its bucket, under its name.
    const names = new Map<string, string>(
      listed.flatMap((m) => m.parties.filter((p: { id?: string }) => p.id).map((p: { id: string; name: string }) => [p.id, p.name])),
    );
    expect(expected['agency:asan-xidmet']).toBeGreaterThanOrEqual(14);
    expect(facet.buckets).toContainEqual({
      key: 'agency:asan-xidmet',
      label: names.get('agency:asan-xidmet'),
      count: expected['agency:asan-xidmet'],
    });
    // Most memoranda first.
    const counts = facet.buckets.map((bucket: { count: number }) => bucket.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const cells = tally(
      listed.flatMap((m) => agenciesOf(m).map((agency) => `${agency} ${m.signed ? m.signed.iso.slice(0, 4) : 'undated'}`)),
    );
    expect(data.memoranda.groupBy.totalCount).toBe(Object.keys(cells).length);
    // The first page of (at most) 100 cells: each one as tallied.
    const page: [string, number][] = data.memoranda.groupBy.edges.map((edge: { node: { keys: string[]; count: number } }) => [
      edge.node.keys.join(' '),
      edge.node.count,
    ]);
    expect(page).toHaveLength(Math.min(100, Object.keys(cells).length));
    for (const [keys, count] of page) expect(count).toBe(cells[keys]);
  });

  test('group-by ordered by count: most memoranda first', async () => {
    const { data } = await graphql(
      server,
      '{ memoranda(filter: { country: "AZ" }) { groupBy(by: [KIND], orderBy: COUNT) { edges { node { keys count } } } } }',
    );
    const counts = data.memoranda.groupBy.edges.map((edge: { node: { count: number } }) => edge.node.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('quantity sums and series on trainings of this file', () => {
  const slug = uniqueSlug('analytics');
  const training = (name: string, date: string | null, participants?: { value: number; qualifier: string }) => ({
    id: `training:${slug}-${name}`,
    type: 'Training',
    name: `Analytics training ${name} ${slug}`,
    quotes: [],
    attributes: { ...(date ? { date } : {}), ...(participants ? { participants: { ...participants, unit: 'participants' } } : {}) },
  });
  const list = `filter: { idPrefix: "training:${slug}" }`;

  beforeAll(async () => {
    const bundle = validateBundle(
      {
        format: 'coopgraph-bundle/1',
        source: {
          id: `source:${slug}`,
          title: `Analytics source ${slug}`,
          publisher: 'coopgraph tests',
          language: 'en',
          url: null,
          text: null,
        },
        entities: [
          training('t1', '2019', { value: 40, qualifier: 'MORE_THAN' }),
          training('t2', '2019', { value: 64, qualifier: 'EXACT' }),
          training('t3', '2019'),
          training('t4', '2020'),
          training('t5', '2020-05-12', { value: 10, qualifier: 'ABOUT' }),
          training('t6', null),
        ],
        relations: [],
      },
      'analytics',
    );
    await writeBundle(db, bundle, 'analytics');
  });

  test('sums keep their qualifiers and say how many items gave no figure', async () => {
    const { data, errors } = await graphql(
      server,
      `{ trainings(${list}) { groupBy(by: [YEAR]) { edges { node { keys count sums { attribute unstated sum { value qualifier text stated } } } } } } }`,
    );
    expect(errors).toBeUndefined();
    const cells = Object.fromEntries(
      data.trainings.groupBy.edges.map((edge: { node: { keys: string[] } }) => [edge.node.keys[0], edge.node]),
    );
    // "more than 40" and "64" participants are "more than 104"; t3 stated none.
    expect(cells['2019'].count).toBe(3);
    expect(cells['2019'].sums.find((s: { attribute: string }) => s.attribute === 'participants')).toEqual({
      attribute: 'participants',
      unstated: 1,
      sum: { value: 104, qualifier: 'MORE_THAN', text: 'more than 104 participants', stated: 2 },
    });
    expect(cells['2020'].sums.find((s: { attribute: string }) => s.attribute === 'participants').sum).toMatchObject({
      text: 'about 10 participants',
      stated: 1,
    });
    expect(cells.undated.count).toBe(1);
  });

  test('a month series keeps year-only dates in their year, never in January', async () => {
    const { data, errors } = await graphql(
      server,
      `{ trainings(${list}) { totalCount series(interval: MONTH) { field interval undated yearOnly buckets { period precision year month label count } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.trainings.series).toEqual({
      field: 'DATE',
      interval: 'MONTH',
      undated: 1,
      yearOnly: 4,
      buckets: [
        { period: '2019', precision: 'YEAR', year: 2019, month: null, label: '2019 (year only)', count: 3 },
        { period: '2020', precision: 'YEAR', year: 2020, month: null, label: '2020 (year only)', count: 1 },
        { period: '2020-05', precision: 'MONTH', year: 2020, month: 5, label: 'May 2020', count: 1 },
      ],
    });
  });

  test('a year series counts every dated item in its year', async () => {
    const { data } = await graphql(
      server,
      `{ trainings(${list}) { series(interval: YEAR) { undated yearOnly buckets { period count } } } }`,
    );
    expect(data.trainings.series).toEqual({
      undated: 1,
      yearOnly: 0,
      buckets: [
        { period: '2019', count: 3 },
        { period: '2020', count: 2 },
      ],
    });
  });

  test('a month series of items known only to their year is refused, naming the interval and what is allowed', async () => {
    const { errors } = await graphql(
      server,
      `{ trainings(filter: { idPrefix: "training:${slug}", to: "2019" }) { series(interval: MONTH) { undated } } }`,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'interval' });
    expect(errors?.[0]?.message).toContain('YEAR');
  });
});

describe('bad input', () => {
  const refused = async (query: string, argument: string, mentions: string) => {
    const { errors } = await graphql(server, query);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors?.[0]?.message).toContain(mentions);
  };

  test('a dimension the list type does not take names the allowed ones', () =>
    refused(
      '{ agencies { facets(by: [COUNTRY, YEAR]) { dimension } } }',
      'by[1]',
      'one of TYPE, COUNTRY, KIND, DISPUTED, SOURCE_PUBLISHER',
    ));
  test('more than two group-by dimensions', () =>
    refused('{ memoranda { groupBy(by: [COUNTRY, YEAR, KIND]) { totalCount } } }', 'by', 'at most 2 dimensions'));
  test('no dimension at all', () => refused('{ memoranda { facets(by: []) { dimension } } }', 'by', 'at least one dimension'));
  test('a series of an undated type', () => refused('{ agencies { series(interval: YEAR) { undated } } }', 'field', 'no date'));
  test('an interlock of one entity, or of too many', async () => {
    await refused('{ commonConnections(entities: ["country:UG"]) { totalCount } }', 'entities', '2 to 10 distinct entity ids');
    const many = JSON.stringify(Array.from({ length: 11 }, (_, i) => `agency:x${i}`));
    await refused(`{ commonConnections(entities: ${many}) { totalCount } }`, 'entities', '2 to 10 distinct entity ids');
  });
  test('minShared above the number of entities', () =>
    refused('{ commonConnections(entities: ["country:UG", "country:PK"], minShared: 3) { totalCount } }', 'minShared', 'from 1 to 2'));
});

describe('interlocks on the seed graph', () => {
  test('which agencies have memoranda with both Uganda and Pakistan', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          commonConnections(entities: ["country:UG", "country:PK"], via: [PARTY_TO], types: [AGENCY]) {
            totalCount
            edges {
              node {
                entity {
                  id
                }
                shared
                connects {
                  id
                }
                facts
                citedFacts
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
      `,
    );
    expect(errors).toBeUndefined();
    // Checked by hand on the seed: Uganda is a party to the 2018 MoU (memorandum:ug-mou-2018-09, Daily
    // Monitor) and to the 2019 declaration of the ASAN association; Pakistan to the 2025 agreement
    // (memorandum:pk-agreement-2025-09-10). The State Agency is a party to all three; no other agency
    // shares a memorandum with both (Pakistan's ministry and government only sign the 2025 one).
    expect(data.commonConnections.totalCount).toBe(1);
    const [only] = data.commonConnections.edges;
    expect(only.node).toMatchObject({
      entity: { id: 'agency:asan-xidmet' },
      shared: 2,
      connects: [{ id: 'country:PK' }, { id: 'country:UG' }],
      facts: 3,
      citedFacts: 3,
      linkCount: 6,
    });
    const memoranda = new Set(only.node.links.map((link: { to: { id: string } }) => link.to.id));
    expect(memoranda).toEqual(
      new Set(['memorandum:ug-mou-2018-09', 'memorandum:asan-association-declaration-2019', 'memorandum:pk-agreement-2025-09-10']),
    );
    for (const link of only.node.links) expect(link.citations.length).toBeGreaterThan(0);
  });

  test('which officials appear in events with both the State Agency and UN DESA', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          commonConnections(entities: ["agency:asan-xidmet", "agency:un-desa"], via: [PARTICIPATED_IN], types: [PERSON]) {
            totalCount
            edges {
              node {
                entity {
                  id
                }
                shared
                facts
                links {
                  type
                  from {
                    id
                  }
                  to {
                    id
                  }
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    // Checked by hand: UN DESA took part in one event of the facts table (F06, 13 September 2022,
    // UNPAN), where Abdul Aliyev met its officials for the State Agency; the agency took part too.
    expect(data.commonConnections.edges.map((edge: { node: { entity: { id: string } } }) => edge.node.entity.id)).toEqual([
      'person:abdul-aliyev',
    ]);
    expect(data.commonConnections.edges[0].node).toMatchObject({ shared: 2, facts: 1 });
    expect(new Set(data.commonConnections.edges[0].node.links.map((link: { to: { id: string } }) => link.to.id))).toEqual(
      new Set(['event:asan-network-facts-f06']),
    );
  });

  test('with minShared 1 the entities connected to either come too, those connecting both first', async () => {
    const { data } = await graphql(
      server,
      '{ commonConnections(entities: ["country:UG", "country:PK"], via: [PARTY_TO], minShared: 1, first: 100) { totalCount edges { node { entity { id } shared citedFacts } } } }',
    );
    const shared = data.commonConnections.edges.map((edge: { node: { shared: number } }) => edge.node.shared);
    expect(shared[0]).toBe(2);
    expect(shared).toEqual([...shared].sort((a, b) => b - a));
    expect(data.commonConnections.totalCount).toBeGreaterThan(1);
  });
});

test('an interlock of an id that names nothing is NOT_FOUND with the id', async () => {
  const { errors } = await graphql(server, '{ commonConnections(entities: ["country:UG", "agency:no-such-agency"]) { totalCount } }');
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  expect(errors?.[0]?.message).toContain('agency:no-such-agency');
});
