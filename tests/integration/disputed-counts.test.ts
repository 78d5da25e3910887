/**
 * One definition of "disputed" for counts (issue 26; core/cypher/disputes.ts): on the seeded
 * graph, the dashboard (stats: memorandaByYear, entitiesByType, factsByCountry), facets and
 * group-by (DISPUTED with YEAR and with COUNTRY) count the same memoranda as disputed. Each
 * country below is one only the seed's memoranda reach (no other test file writes there), so
 * the two reads of one request see the same memoranda whatever runs beside this file.
 */
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { graphql, useTestServer } from '../support/harness';

let server: RunningServer;
useTestServer((opened: { db: Database; server: RunningServer }) => ({ server } = opened));

/** Seed countries with memoranda: Pakistan's 2025 agreements have disputed parties. */
const countries = ['PK', 'TR', 'UZ', 'ET', 'UG', 'ID', 'ME', 'AE', 'RO', 'CO'];

interface Counted {
  count: number;
  disputed: number;
}

interface Answer {
  stats: {
    memorandaByYear: ({ key: string } & Counted)[];
    entitiesByType: ({ key: string } & Counted)[];
    factsByCountry: ({ country: string; type: string } & Counted)[];
  };
  memoranda: {
    totalCount: number;
    facets: { buckets: { key: string; count: number }[] }[];
    byYear: { edges: { node: { keys: [string, string]; count: number } }[] };
    byCountry: { edges: { node: { keys: [string, string]; count: number } }[] };
  };
}

const query = `query($c: String) {
  stats(filter: { country: $c }) {
    memorandaByYear { key count disputed }
    entitiesByType { key count disputed }
    factsByCountry { country type count disputed }
  }
  memoranda(filter: { country: $c }) {
    totalCount
    facets(by: [DISPUTED]) { buckets { key count } }
    byYear: groupBy(by: [YEAR, DISPUTED], first: 100) { edges { node { keys count } } }
    byCountry: groupBy(by: [COUNTRY, DISPUTED], first: 100) { edges { node { keys count } } }
  }
}`;

/** Group-by cells as counts per first key: all items, and those under DISPUTED 'true'. */
function perKey(cells: { node: { keys: [string, string]; count: number } }[]): Record<string, Counted> {
  const counts: Record<string, Counted> = {};
  for (const { node } of cells) {
    const counted = (counts[node.keys[0]] ??= { count: 0, disputed: 0 });
    counted.count += node.count;
    if (node.keys[1] === 'true') counted.disputed += node.count;
  }
  return counts;
}

async function countsFor(country: string): Promise<Answer> {
  const answer = await graphql<Answer>(server, query, { c: country });
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

test.each(countries)('%s: stats, facets and group-by count the same memoranda as disputed', async (country) => {
  const { stats, memoranda } = await countsFor(country);
  expect(memoranda.totalCount).toBeGreaterThan(0);
  // By year: the dashboard's memorandaByYear and groupBy(YEAR, DISPUTED).
  const byYear = Object.fromEntries(stats.memorandaByYear.map(({ key, count, disputed }) => [key, { count, disputed }]));
  expect(byYear).toEqual(perKey(memoranda.byYear.edges));
  // In all: entitiesByType's memoranda and the DISPUTED facet.
  const disputedFacet = memoranda.facets[0]!.buckets.find((bucket) => bucket.key === 'true')?.count ?? 0;
  expect(stats.entitiesByType.find((row) => row.key === 'MEMORANDUM')).toEqual({
    key: 'MEMORANDUM',
    count: memoranda.totalCount,
    disputed: disputedFacet,
  });
  // By country: factsByCountry's memoranda and groupBy(COUNTRY, DISPUTED).
  const byCountry = Object.fromEntries(
    stats.factsByCountry
      .filter((row) => row.type === 'MEMORANDUM')
      .map(({ country: code, count, disputed }) => [code, { count, disputed }]),
  );
  expect(byCountry).toEqual(perKey(memoranda.byCountry.edges));
});

test("Pakistan's 2025 agreements: disputed in the dashboard as in group-by (stats said 0 where group-by said 1)", async () => {
  const { stats, memoranda } = await countsFor('PK');
  const year2025 = stats.memorandaByYear.find((row) => row.key === '2025')!;
  expect(year2025.disputed).toBeGreaterThan(0);
  expect(year2025.disputed).toBe(perKey(memoranda.byYear.edges)['2025']!.disputed);
});
