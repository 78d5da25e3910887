/**
 * Stored partner ranks (ingest/partner-ranks.ts) against partners counted at read time
 * (PartnersRepository.countedPartners): on a generated graph with hubs, every page, total, link
 * and count must be equal; after an import the ranks it changes are equal again, in the same
 * transaction; a refused import changes no rank.
 */
import { deleteGenerated, generateGraph, type GeneratedGraph } from '../../bench/generate';
import type { Database } from '../../src/core/db/database';
import type { Page, PageRequest } from '../../src/core/cypher/keyset';
import { PartnersRepository, type PartnershipRecord, type PartnersKey } from '../../src/features/partners/partners.repository';
import type { Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { openTestDatabase, uniqueSlug } from '../support/harness';

let db: Database;
let graph: GeneratedGraph;
let repository: PartnersRepository;
const prefix = `${uniqueSlug('ranks')}:`;

beforeAll(async () => {
  db = await openTestDatabase();
  repository = new PartnersRepository(db);
  graph = await generateGraph(db, { prefix, entities: 4000, seed: 11 });
});

afterAll(async () => {
  await deleteGenerated(db, prefix);
  await db.close();
});

const firstPage = (limit: number): PageRequest => ({ limit, backwards: false, position: null });
const keyFor = (id: string, page: PageRequest = firstPage(20), linksFirst = 5): PartnersKey => ({ id, asOf: null, page, linksFirst });

/** Pages compared whole: partners in order, facts, link counts and the links shown. */
const comparable = (pages: Page<PartnershipRecord>[]) =>
  pages.map((page) => ({
    totalCount: page.totalCount,
    hasNextPage: page.hasNextPage,
    rows: page.rows.map((row) => ({
      partner: row.partner.id,
      facts: row.facts,
      linkCount: row.linkCount,
      sortValue: row.sortValue,
      links: row.links.map((l) => `${l.fromId} ${l.type} ${l.toId}`),
    })),
  }));

async function expectRanksEqualCounts(keys: PartnersKey[]): Promise<void> {
  const [ranked, counted] = await Promise.all([repository.rankedPartners(keys), repository.countedPartners(keys)]);
  expect(comparable(ranked)).toEqual(comparable(counted));
}

test('hub countries, hub agencies and ordinary ones: stored ranks equal partners counted at read time', async () => {
  const ids = [...graph.hubs.countries, ...graph.hubs.agencies, graph.sample.agency, graph.sample.farAgency, `${prefix}country:7`];
  const keys = ids.map((id) => keyFor(id));
  const ranked = await repository.rankedPartners(keys);
  // Not vacuous: the hubs have many partners, with more links than are shown.
  expect(ranked[0]!.totalCount).toBeGreaterThan(100);
  expect(ranked[0]!.rows.some((row) => row.linkCount > row.links.length)).toBe(true);
  await expectRanksEqualCounts(keys);
});

test("later pages from a cursor position are equal too, to the end of a hub agency's partners", async () => {
  const id = graph.hubs.agencies[0]!;
  let page: PageRequest = firstPage(50);
  let walked = 0;
  for (;;) {
    const [ranked] = await repository.rankedPartners([keyFor(id, page, 2)]);
    const [counted] = await repository.countedPartners([keyFor(id, page, 2)]);
    expect(comparable([ranked!])).toEqual(comparable([counted!]));
    walked += ranked!.rows.length;
    if (!ranked!.hasNextPage) break;
    const last = ranked!.rows[ranked!.rows.length - 1]!;
    page = { limit: 50, backwards: false, position: [last.sortValue, last.partner.id] };
  }
  expect(walked).toBe((await repository.rankedPartners([keyFor(id)]))[0]!.totalCount);
  expect(walked).toBeGreaterThan(50);
});

function memorandumBundle(slug: string, parties: string[]): Bundle {
  const text = 'A new memorandum was signed.';
  return {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${slug}`, title: `Ranks test ${slug}`, publisher: 'coopgraph tests', language: 'en', url: null, text },
    entities: [
      {
        id: `memorandum:${slug}`,
        type: 'Memorandum',
        name: `Memorandum ${slug}`,
        quotes: ['A new memorandum'],
        attributes: { kind: 'MOU', signed: '2024' },
      },
    ],
    relations: parties.map((party) => ({
      type: 'PARTY_TO',
      from: party,
      to: `memorandum:${slug}`,
      quotes: ['A new memorandum was signed.'],
    })),
  };
}

test('an import re-ranks what it changes, in its transaction: the new partnership shows on both sides and in their countries', async () => {
  const [a, b] = [graph.sample.farAgency, graph.hubs.agencies[1]!];
  const countryOf = async (id: string) =>
    (await db.read('MATCH (:Entity {id: $id})-[:BASED_IN]->(c:Country) RETURN collect(c.id) AS ids', { id }))[0]!.ids as string[];
  const affected = [a, b, ...(await countryOf(a)), ...(await countryOf(b))];
  const factsBetween = async () => {
    const [ranked] = await repository.rankedPartners([keyFor(a, firstPage(100))]);
    return ranked!.rows.find((row) => row.partner.id === b)?.facts ?? 0;
  };
  const before = await factsBetween();

  await writeBundle(db, memorandumBundle(uniqueSlug('ranks-mou'), [a, b]), 'ranks-mou.json');
  expect(await factsBetween()).toBe(before + 1);
  await expectRanksEqualCounts(affected.map((id) => keyFor(id, firstPage(100))));

  // A bundle refused inside the transaction (an unknown party) rolls back its ranks with it.
  const snapshot = comparable(await repository.rankedPartners(affected.map((id) => keyFor(id))));
  await expect(
    writeBundle(db, memorandumBundle(uniqueSlug('ranks-bad'), [a, `${prefix}agency:no-such`]), 'ranks-bad.json'),
  ).rejects.toThrow(/unknown entity reference/);
  expect(comparable(await repository.rankedPartners(affected.map((id) => keyFor(id))))).toEqual(snapshot);
});
