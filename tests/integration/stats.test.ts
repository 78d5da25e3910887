/**
 * Dashboard aggregates on a small bundle around two countries of its own (codes unique to the
 * run, so `stats(filter: { country })` sees nothing else): per-country counts of every dated
 * fact type, the undated bucket, and disputed counts apart. A second source disputes one
 * memorandum's signing date, one training's date, a party, a recipient and a centre's model.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { entityNodeProperties } from '../../src/core/model/storage';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const slug = uniqueSlug('stats');
const tag = slug.slice(-8).toUpperCase();
const [A, B] = [`S1${tag}`, `S2${tag}`];
const id = (type: string, name: string) => `${type}:${slug}-${name}`;
const [agA, agB] = [id('agency', 'a'), id('agency', 'b')];
const [m1, m2, m3, m4] = ['m1', 'm2', 'm3', 'm4'].map((name) => id('memorandum', name)) as [string, string, string, string];
const [t1, t2, t3] = ['t1', 't2', 't3'].map((name) => id('training', name)) as [string, string, string];
const centre = id('center', 'c1');

const source = (n: number) => ({
  id: `source:${slug}-${n}`,
  title: `Stats source ${n}`,
  publisher: 'coopgraph tests',
  language: 'en',
  url: null,
  text: null,
});
const rel = (type: string, from: string, to: string, claim?: { property: string; value: string }) => ({
  type,
  from,
  to,
  quotes: [],
  ...(claim ? { claim: { subject: from.startsWith('agency:') || from.startsWith('country:') ? to : from, ...claim } } : {}),
});

/**
 * Memoranda: m1 2019 (parties agA, agB), m2 undated (country A itself, agB), m3 2020 (agA),
 * m4 2019 (agA; agB's party edge is a claim the second source disputes). Trainings: t1 2019
 * (by agA, for agB), t2 undated (by agA, for country B: a disputed claim), t3 2020-05 (for agA).
 * One event in A with agB taking part, one undated award conferred by agA, one centre in A
 * modelled on agB (disputed), one statistic measuring A.
 */
const first = (): Bundle =>
  validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: source(1),
      entities: [
        { id: agA, type: 'Agency', name: `Stats Agency A ${slug}`, quotes: [] },
        { id: agB, type: 'Agency', name: `Stats Agency B ${slug}`, quotes: [] },
        { id: m1, type: 'Memorandum', name: `MoU 1 ${slug}`, quotes: [], attributes: { signed: '2019-03' } },
        { id: m2, type: 'Memorandum', name: `MoU 2 ${slug}`, quotes: [] },
        { id: m3, type: 'Memorandum', name: `MoU 3 ${slug}`, quotes: [], attributes: { signed: '2020' } },
        { id: m4, type: 'Memorandum', name: `MoU 4 ${slug}`, quotes: [], attributes: { signed: '2019' } },
        {
          id: t1,
          type: 'Training',
          name: `Training 1 ${slug}`,
          quotes: [],
          attributes: { date: '2019', participants: { value: 10, qualifier: 'EXACT', unit: 'participants' } },
        },
        { id: t2, type: 'Training', name: `Training 2 ${slug}`, quotes: [] },
        { id: t3, type: 'Training', name: `Training 3 ${slug}`, quotes: [], attributes: { date: '2020-05' } },
        { id: id('event', 'e1'), type: 'Event', name: `Forum ${slug}`, quotes: [], attributes: { date: '2019-06' } },
        { id: id('award', 'a1'), type: 'Award', name: `Prize ${slug}`, quotes: [] },
        { id: centre, type: 'ServiceCenter', name: `Centre ${slug}`, quotes: [], attributes: { opened: '2018' } },
        {
          id: id('statistic', 's1'),
          type: 'Statistic',
          name: `Figure ${slug}`,
          quotes: [],
          attributes: { metric: 'offices', value: { value: 3, qualifier: 'EXACT' }, asOf: '2021' },
        },
      ],
      relations: [
        rel('BASED_IN', agA, `country:${A}`),
        rel('BASED_IN', agB, `country:${B}`),
        rel('PARTY_TO', agA, m1),
        rel('PARTY_TO', agB, m1),
        rel('PARTY_TO', `country:${A}`, m2),
        rel('PARTY_TO', agB, m2),
        rel('PARTY_TO', agA, m3),
        rel('PARTY_TO', agA, m4),
        rel('PARTY_TO', agB, m4, { property: 'parties', value: agB }),
        rel('PROVIDED_BY', t1, agA),
        rel('TRAINED', t1, agB),
        rel('PROVIDED_BY', t2, agA),
        rel('TRAINED', t2, `country:${B}`, { property: 'recipients', value: B }),
        rel('TRAINED', t3, agA),
        rel('LOCATED_IN', id('event', 'e1'), `country:${A}`),
        rel('PARTICIPATED_IN', agB, id('event', 'e1')),
        rel('CONFERRED_BY', id('award', 'a1'), agA),
        rel('LOCATED_IN', centre, `country:${A}`),
        rel('MODELLED_ON', centre, agB, { property: 'model', value: agB }),
        rel('MEASURES', id('statistic', 's1'), `country:${A}`),
      ],
    },
    'stats-1',
  );

/** The second source: other values for m3's signing, t3's date, m4's parties, t2's recipients and the centre's model. */
const second = (): Bundle =>
  validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: source(2),
      entities: [],
      relations: [],
      claims: [
        { subject: m3, property: 'signed', value: '2021', quotes: [] },
        { subject: t3, property: 'date', value: '2020-06', quotes: [] },
        { subject: m4, property: 'parties', value: 'agency:someone-else', quotes: [] },
        { subject: t2, property: 'recipients', value: 'XX', quotes: [] },
        { subject: centre, property: 'model', value: 'agency:someone-else', quotes: [] },
      ],
    },
    'stats-2',
  );

/**
 * Bundles only take ISO codes, so the two countries are stored as the bench generator stores its
 * own (codes with a digit, which the country filter accepts); the bundles refer to them.
 */
async function writeCountries(): Promise<void> {
  const countries = [A, B].map((code, i) =>
    entityNodeProperties(
      { id: `country:${code}`, type: 'Country', name: `Statsland ${'AB'[i]} ${tag}`, attributes: { code, alpha3: `${code}3` } },
      source(0).id,
    ),
  );
  await db.write(
    `MERGE (s:Source {id: $source}) SET s.title = 'stats test countries', s.publisher = 'coopgraph tests', s.language = 'en', s.translations = '[]'
     WITH s UNWIND $countries AS props
     CREATE (n:Entity:Country) SET n += props
     CREATE (n)-[:MENTIONED_IN]->(s)`,
    { source: source(0).id, countries },
  );
}

beforeAll(async () => {
  await writeCountries();
  await writeBundle(db, first(), 'stats-1');
  await writeBundle(db, second(), 'stats-2');
});

const counted = (count: number, disputed = 0) => ({ count, disputed });

test('facts per country and type: every dated type the registry places, undated and disputed ones apart', async () => {
  const { data, errors } = await graphql(
    server,
    'query($c: String) { stats(filter: { country: $c }) { factsByCountry { country label type count undated disputed } } }',
    { c: A },
  );
  expect(errors).toBeUndefined();
  const row = (country: string, type: string, count: number, undated: number, disputed: number) => ({
    country,
    label: `Statsland ${country === A ? 'A' : 'B'} ${tag}`,
    type,
    count,
    undated,
    disputed,
  });
  expect(data.stats.factsByCountry).toEqual([
    // The award has no year; m2 and t2 no date. Disputed: m3's signing, m4's parties, t2's
    // recipients, t3's date and the centre's model, under every country each reaches.
    row(A, 'AWARD', 1, 1, 0),
    row(A, 'EVENT', 1, 0, 0),
    row(A, 'MEMORANDUM', 4, 1, 2),
    row(A, 'SERVICE_CENTER', 1, 0, 1),
    row(A, 'STATISTIC', 1, 0, 0),
    row(A, 'TRAINING', 3, 1, 2),
    // B through agB: a participant of the event, a party to m1, m2 and m4 (m4 only by the disputed
    // edge), the recipient of t1 and (country B itself, disputed) of t2.
    row(B, 'EVENT', 1, 0, 0),
    row(B, 'MEMORANDUM', 3, 1, 1),
    row(B, 'TRAINING', 2, 1, 1),
  ]);
});

test('the country x year cross-tab keeps undated facts in the cell with year null, disputed ones counted apart', async () => {
  const { data, errors } = await graphql(
    server,
    'query($c: String) { stats(filter: { country: $c }) { countryYear { country year memoranda disputedMemoranda trainings disputedTrainings } } }',
    { c: A },
  );
  expect(errors).toBeUndefined();
  const cell = (
    country: string,
    year: number | null,
    memoranda: number,
    disputedMemoranda: number,
    trainings: number,
    disputedTrainings: number,
  ) => ({ country, year, memoranda, disputedMemoranda, trainings, disputedTrainings });
  expect(data.stats.countryYear).toEqual([
    // m4's parties are disputed: it is disputed under A as under B.
    cell(A, 2019, 2, 1, 0, 0),
    cell(A, 2020, 1, 1, 1, 1),
    cell(A, null, 1, 0, 0, 0),
    cell(B, 2019, 2, 1, 1, 0),
    cell(B, null, 1, 0, 1, 1),
  ]);
});

test('memoranda by year, trainings by recipient, centres by model: an undated key and disputed counts', async () => {
  const { data, errors } = await graphql(
    server,
    `
      query ($c: String) {
        stats(filter: { country: $c }) {
          memorandaByYear {
            key
            label
            count
            disputed
          }
          trainingsByRecipientCountry {
            country
            trainings
            disputed
            participants {
              value
              stated
            }
          }
          centresByModelAgency {
            key
            count
            disputed
          }
        }
      }
    `,
    { c: A },
  );
  expect(errors).toBeUndefined();
  expect(data.stats.memorandaByYear).toEqual([
    { key: '2019', label: '2019', ...counted(2, 1) },
    { key: '2020', label: '2020', ...counted(1, 1) },
    { key: 'undated', label: 'undated', ...counted(1) },
  ]);
  expect(data.stats.trainingsByRecipientCountry).toEqual([
    { country: A, trainings: 1, disputed: 1, participants: { value: 0, stated: 0 } },
    { country: B, trainings: 2, disputed: 1, participants: { value: 10, stated: 1 } },
  ]);
  expect(data.stats.centresByModelAgency).toEqual([{ key: agB, ...counted(1, 1) }]);
});

test('entities and relations by type: disputed entities (their date, parties, recipients, model) and disputed relations', async () => {
  const { data, errors } = await graphql(
    server,
    'query($c: String) { stats(filter: { country: $c }) { entitiesByType { key count disputed } relationsByType { key count disputed } } }',
    { c: A },
  );
  expect(errors).toBeUndefined();
  expect(data.stats.entitiesByType).toEqual([
    { key: 'AGENCY', ...counted(1) },
    { key: 'AWARD', ...counted(1) },
    { key: 'COUNTRY', ...counted(1) },
    { key: 'EVENT', ...counted(1) },
    { key: 'MEMORANDUM', ...counted(4, 2) },
    { key: 'SERVICE_CENTER', ...counted(1, 1) },
    { key: 'STATISTIC', ...counted(1) },
    { key: 'TRAINING', ...counted(3, 2) },
  ]);
  // Relations from the facts, agencies and country of A (agB's party edge to m4 starts outside).
  expect(data.stats.relationsByType).toEqual([
    { key: 'BASED_IN', ...counted(1) },
    { key: 'CONFERRED_BY', ...counted(1) },
    { key: 'LOCATED_IN', ...counted(2) },
    { key: 'MEASURES', ...counted(1) },
    { key: 'MODELLED_ON', ...counted(1, 1) },
    { key: 'PARTY_TO', ...counted(4) },
    { key: 'PROVIDED_BY', ...counted(2) },
    { key: 'TRAINED', ...counted(3, 1) },
  ]);
});

test('without a country filter each country has the rows its own filter gives (walked from the countries, not from the facts)', async () => {
  const query = `query($f: StatsFilter) { stats(filter: $f) {
    factsByCountry { country type count undated disputed } countryYear { country year memoranda disputedMemoranda trainings disputedTrainings } } }`;
  for (const asOf of [null, '2030']) {
    const every = await graphql(server, query, { f: { asOf } });
    expect(every.errors).toBeUndefined();
    for (const country of [A, B]) {
      const own = await graphql(server, query, { f: { country, asOf } });
      const of = (stats: Record<string, { country: string }[]>) =>
        Object.entries(stats).map(([field, rows]) => [field, rows.filter((row) => row.country === country)] as const);
      expect(of(own.data.stats).every(([, rows]) => rows.length > 0)).toBe(true);
      expect(of(every.data.stats)).toEqual(of(own.data.stats));
    }
  }
});

test('with no filter the count store and the disputed claims give what a scan of the graph gives', async () => {
  const query =
    'query($f: StatsFilter) { stats(filter: $f) { entitiesByType { key count disputed } relationsByType { key count disputed } } }';
  const stored = await graphql(server, query, { f: null });
  // An empty idPrefix filters nothing but takes the scanning statements.
  const scanned = await graphql(server, query, { f: { idPrefix: '' } });
  expect(stored.errors).toBeUndefined();
  expect(stored.data.stats).toEqual(scanned.data.stats);
  const disputed = (rows: { key: string; disputed: number }[], key: string) => rows.find((row) => row.key === key)!.disputed;
  for (const key of ['MEMORANDUM', 'TRAINING']) expect(disputed(stored.data.stats.entitiesByType, key)).toBeGreaterThanOrEqual(1);
  for (const key of ['PARTY_TO', 'TRAINED', 'MODELLED_ON'])
    expect(disputed(stored.data.stats.relationsByType, key)).toBeGreaterThanOrEqual(1);
});
