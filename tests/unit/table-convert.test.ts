import fs from 'node:fs';
import path from 'node:path';
import type { Bundle, BundleEntity } from '../../src/ingest/bundle';
import { countryBundle } from '../../src/ingest/countries';
import { tableSlugOf, tableToBundles, type Conversion, type KnownFact } from '../../src/ingest/table/convert';
import { readCuration, type Curation } from '../../src/ingest/table/curation';
import { readFactsTable, type FactRow } from '../../src/ingest/table/parse';
import { EntityResolver, type KnownEntity } from '../../src/ingest/table/resolve';

const known: KnownEntity[] = [
  { id: 'country:AZ', type: 'Country', name: 'Azerbaijan', aliases: [] },
  { id: 'country:AF', type: 'Country', name: 'Afghanistan', aliases: [] },
  { id: 'agency:asan-xidmet', type: 'Agency', name: 'Dövlət Agentliyi', aliases: ['ASAN Service', 'ASAN xidmət'] },
  { id: 'agency:un', type: 'Agency', name: 'United Nations', aliases: ['UN'] },
  { id: 'person:inam-karimov', type: 'Person', name: 'Inam Karimov', aliases: [] },
  { id: 'person:amanullah-ceyhun', type: 'Person', name: 'Amanullah Ceyhun', aliases: [] },
];

let rowNumber = 1;
/** A table row with only what a test cares about; the rest is a plain, valid row. */
function factRow(fields: Partial<FactRow> & Pick<FactRow, 'factType' | 'subject'>): FactRow {
  rowNumber += 1;
  return {
    row: rowNumber,
    factId: `F${rowNumber}`,
    date: null,
    precision: null,
    object: '',
    country: 'AF',
    place: null,
    quantities: [],
    source: { url: 'https://example.org/news/1', title: 'News', publisher: 'Example', published: null },
    notes: null,
    ...fields,
  };
}

function convert(rows: FactRow[], curation: Curation = {}, knownFacts: KnownFact[] = [], entities = known): Conversion {
  return tableToBundles(rows, curation, new EntityResolver(entities), knownFacts, 'test-table');
}

const triples = (bundle: Bundle) => bundle.relations.map((r) => `${r.from} ${r.type} ${r.to}${r.role ? ` (${r.role})` : ''}`);
const entity = (bundle: Bundle, id: string): BundleEntity | undefined => bundle.entities.find((e) => e.id === id);

function only(conversion: Conversion): Bundle {
  expect(conversion.problems).toEqual([]);
  expect(conversion.bundles).toHaveLength(1);
  return conversion.bundles[0]!;
}

describe('default links of each fact type', () => {
  test('memorandum: agencies and countries are parties, people signatories; the date is signed and claimed', () => {
    const bundle = only(
      convert([factRow({ factType: 'MEMORANDUM', subject: 'ASAN Service; Inam Karimov', date: '2019-05-01', precision: 'DAY' })]),
    );
    const id = 'memorandum:af-mou-2019-05-01';
    expect(entity(bundle, id)).toMatchObject({
      type: 'Memorandum',
      name: 'Memorandum of understanding — Afghanistan (2019-05-01)',
      attributes: { kind: 'MOU', signed: '2019-05-01' },
    });
    expect(triples(bundle)).toEqual([`agency:asan-xidmet PARTY_TO ${id}`, `person:inam-karimov SIGNED ${id}`, `country:AF PARTY_TO ${id}`]);
    expect(bundle.claims).toEqual([{ subject: id, property: 'signed', value: '2019-05-01', quotes: [] }]);
  });

  test('centre: run by its agency, located in its country, modelled on the model agency; city from the place', () => {
    const row = factRow({
      factType: 'CENTRE_OPENED',
      subject: 'Ministry of Justice; Afghanistan',
      date: '2019-01',
      precision: 'MONTH',
      place: 'Kabul (Shar-e Naw); Herat',
    });
    const bundle = only(convert([row], { model: 'agency:asan-xidmet' }));
    expect(entity(bundle, 'center:af-kabul')).toMatchObject({
      name: 'Public service centre in Kabul',
      attributes: { city: 'Kabul', opened: '2019-01' },
    });
    // The country is both an actor and the row's country: one edge.
    expect(triples(bundle)).toEqual([
      'center:af-kabul OPERATED_BY agency:ministry-of-justice',
      'center:af-kabul LOCATED_IN country:AF',
      'center:af-kabul MODELLED_ON agency:asan-xidmet',
    ]);
  });

  test('training: recipients trained in the words of the subject column, the model agency provides it', () => {
    const bundle = only(convert([factRow({ factType: 'TRAINING', subject: 'Afghan civil servants' })], { model: 'agency:asan-xidmet' }));
    const id = 'training:test-table-f' + String(rowNumber);
    // "civil servants" name a group of people, not an agency (rules.ts groupWords): the row's
    // country takes part in the subject's words, where a junk agency:afghan-civil-servants was made.
    // It is also the row's partner country: one edge, the roles merged (issue 24), not two.
    expect(triples(bundle)).toEqual([
      `${id} TRAINED country:AF (Afghan civil servants; partner country)`,
      `${id} PROVIDED_BY agency:asan-xidmet`,
    ]);
  });

  test('training: a curated provider replaces the model agency', () => {
    const row = factRow({ factType: 'TRAINING', subject: 'x' });
    const curation: Curation = {
      model: 'agency:asan-xidmet',
      rows: { [row.factId]: { actors: [{ ref: 'agency:un', relation: '<PROVIDED_BY' }] } },
    };
    const bundle = only(convert([row], curation));
    expect(triples(bundle).filter((t) => t.includes('PROVIDED_BY'))).toEqual([
      `training:test-table-${row.factId.toLowerCase()} PROVIDED_BY agency:un`,
    ]);
  });

  test('award: the actor received it, the organisation of a UN row conferred it; its date keeps its month, and is claimed', () => {
    const row = factRow({ factType: 'AWARD', subject: 'ASAN Service', country: 'UN', date: '2015-06', precision: 'MONTH' });
    const bundle = only(convert([row], { organisations: { UN: 'agency:un' } }));
    const id = 'award:agency-un-2015';
    expect(entity(bundle, id)?.attributes).toEqual({ date: '2015-06' });
    expect(triples(bundle)).toEqual([`agency:asan-xidmet RECEIVED ${id}`, `${id} CONFERRED_BY agency:un`]);
    expect(bundle.claims).toEqual([{ subject: id, property: 'date', value: '2015-06', quotes: [] }]);
  });

  test('statistic: measures its subject and country; its first quantity is its value, not a claim', () => {
    const row = factRow({
      factType: 'STATISTIC',
      subject: 'ASAN Service',
      country: 'AZ',
      date: '2020',
      precision: 'YEAR',
      quantities: [{ value: 30, qualifier: 'MORE_THAN', unit: 'services', metric: null, text: 'MORE_THAN 30 services' }],
    });
    const bundle = only(convert([row]));
    const id = `statistic:test-table-${row.factId.toLowerCase()}`;
    expect(entity(bundle, id)?.attributes).toEqual({
      asOf: '2020',
      metric: 'services',
      value: { value: 30, qualifier: 'MORE_THAN', unit: 'services' },
    });
    expect(triples(bundle)).toEqual([`${id} MEASURES agency:asan-xidmet`, `${id} MEASURES country:AZ`]);
    expect(bundle.claims).toEqual([{ subject: id, property: 'asOf', value: '2020', quotes: [] }]);
    expect(bundle.quantities).toBeUndefined();
  });

  test('meeting: participants and the partner country take part; each quantity is stated under its metric, with its qualifier', () => {
    const row = factRow({
      factType: 'MEETING',
      subject: 'Inam Karimov; Amanullah Ceyhun',
      date: '2020-01-02',
      precision: 'DAY',
      quantities: [
        { value: 20, qualifier: 'EXACT', unit: 'participants', metric: null, text: '20 participants' },
        { value: 3, qualifier: 'ABOUT', unit: 'hours of talks', metric: 'duration', text: 'ABOUT 3 hours of talks' },
      ],
    });
    const bundle = only(convert([row]));
    const id = 'event:af-meeting-2020-01-02';
    expect(entity(bundle, id)).toMatchObject({
      name: 'Meeting: Inam Karimov; Amanullah Ceyhun (2020-01-02)',
      attributes: { kind: 'MEETING', date: '2020-01-02' },
    });
    expect(triples(bundle)).toEqual([
      `person:inam-karimov PARTICIPATED_IN ${id}`,
      `person:amanullah-ceyhun PARTICIPATED_IN ${id}`,
      `country:AF PARTICIPATED_IN ${id} (partner country)`,
    ]);
    expect(bundle.quantities).toEqual([
      { subject: id, metric: 'participants', value: 20, qualifier: 'EXACT', unit: 'participants', quotes: [] },
      { subject: id, metric: 'duration', value: 3, qualifier: 'ABOUT', unit: 'hours of talks', quotes: [] },
    ]);
    expect(bundle.claims?.map((claim) => claim.property)).toEqual(['date']);
  });
});

describe('identity and names', () => {
  const kabul: KnownFact = {
    id: 'center:asan-khedmat-kabul',
    type: 'ServiceCenter',
    name: 'ASAN khedmat centre in Kabul',
    aliases: [],
    countries: ['AF'],
    date: '2019-01',
    kind: null,
    city: 'Kabul',
    conferrers: [],
  };

  test('a centre the graph holds in the same city and country is that centre, with its name and its own country links', () => {
    const row = factRow({ factType: 'CENTRE_OPENED', subject: 'ASAN Service', place: 'Kabul' });
    const conversion = convert([row], {}, [kabul], [...known, kabul]);
    const bundle = only(conversion);
    expect(entity(bundle, kabul.id)?.name).toBe(kabul.name);
    expect(conversion.report.matched).toContainEqual({
      row: row.row,
      factId: row.factId,
      name: kabul.name,
      id: kabul.id,
      type: 'ServiceCenter',
      note: 'same fact',
    });
    expect(triples(bundle)).toEqual([`${kabul.id} OPERATED_BY agency:asan-xidmet`]);
  });

  test('two rows about the same memorandum make one entity; each row is reported once per name', () => {
    const rows = [
      factRow({ factType: 'MEMORANDUM', subject: 'ASAN xidmət', date: '2019-05-01', precision: 'DAY' }),
      factRow({
        factType: 'MEMORANDUM',
        subject: 'ASAN xidmət',
        date: '2019-05-01',
        precision: 'DAY',
        source: { url: 'https://example.org/news/2', title: 'B', publisher: 'B', published: null },
      }),
    ];
    const conversion = convert(rows);
    expect(conversion.bundles.map((bundle) => bundle.entities.map((e) => e.id))).toEqual([
      ['memorandum:af-mou-2019-05-01', 'agency:asan-xidmet'],
      ['memorandum:af-mou-2019-05-01', 'agency:asan-xidmet'],
    ]);
    expect(conversion.report.created.map((line) => line.id)).toEqual(['memorandum:af-mou-2019-05-01']);
    expect(conversion.report.matched.map((line) => line.name)).toEqual(['ASAN xidmət']);
  });

  test('names: matched (a new spelling kept as an alias), created, or unsure and created apart', () => {
    const row = factRow({ factType: 'MEETING', subject: 'Inam Kerimov; Jane Doe; Ceyhun' });
    const conversion = convert([row]);
    const bundle = only(conversion);
    const line = { row: row.row, factId: row.factId };
    expect(conversion.report.matched).toEqual([
      { ...line, name: 'Inam Kerimov', id: 'person:inam-karimov', type: 'Person', note: 'spelling variant' },
    ]);
    expect(conversion.report.created).toEqual([
      { ...line, name: 'Meeting: Inam Kerimov; Jane Doe; Ceyhun', id: `event:test-table-${row.factId.toLowerCase()}`, type: 'Event' },
      { ...line, name: 'Jane Doe', id: 'person:jane-doe', type: 'Person' },
    ]);
    // One word of a known person's name is not that person: a separate entity, to be checked.
    expect(conversion.report.unsure).toEqual([
      { ...line, name: 'Ceyhun', id: 'agency:ceyhun', type: 'Agency', note: 'kept apart from person:amanullah-ceyhun (Amanullah Ceyhun)' },
    ]);
    expect(entity(bundle, 'person:inam-karimov')?.aliases).toEqual(['Inam Kerimov']);
    expect(entity(bundle, 'agency:ceyhun')).toMatchObject({ name: 'Ceyhun', attributes: { kind: 'OTHER' } });
  });
});

describe('links that cannot be made', () => {
  test('a curated actor relation the model does not allow is a problem at the row and column', () => {
    const row = factRow({ factType: 'MEMORANDUM', subject: 'x', date: '2019', precision: 'YEAR' });
    const conversion = convert([row], {
      rows: {
        [row.factId]: {
          actors: [
            { ref: 'agency:asan-xidmet', relation: 'SIGNED' },
            { ref: 'agency:un', relation: 'NO_SUCH' },
          ],
        },
      },
    });
    const id = 'memorandum:af-mou-2019';
    expect(conversion.problems).toEqual([
      { path: `row ${row.row} (${row.factId}), column subject`, message: `cannot link agency:asan-xidmet to ${id} with SIGNED` },
      { path: `row ${row.row} (${row.factId}), column subject`, message: `cannot link agency:un to ${id} with NO_SUCH` },
    ]);
    expect(conversion.report.refused).toEqual([]);
  });

  test('a curated relation the model does not allow is a problem', () => {
    const row = factRow({ factType: 'MEETING', subject: 'Inam Karimov' });
    const conversion = convert([row], {
      rows: { [row.factId]: { relations: [{ from: 'agency:un', type: 'BASED_IN', to: 'agency:asan-xidmet' }] } },
    });
    expect(conversion.problems).toEqual([
      {
        path: `row ${row.row} (${row.factId}), column subject`,
        message: 'curated relation agency:un BASED_IN agency:asan-xidmet is not allowed between a Agency and a Agency',
      },
    ]);
  });

  test('default links the model refuses or no rule covers are reported as refused, and not written', () => {
    const row = factRow({ factType: 'CENTRE_OPENED', subject: 'Inam Karimov', country: 'UN', place: 'New York' });
    const conversion = convert([row], { organisations: { UN: 'agency:un' } });
    const bundle = only(conversion);
    const id = `center:test-table-${row.factId.toLowerCase()}`;
    expect(bundle.relations).toEqual([]);
    expect(conversion.report.refused).toEqual([
      {
        row: row.row,
        factId: row.factId,
        name: 'Inam Karimov',
        id: 'person:inam-karimov',
        type: 'Person',
        note: 'no rule links a Person actor to a ServiceCenter',
      },
      {
        row: row.row,
        factId: row.factId,
        name: 'United Nations',
        id: 'agency:un',
        type: 'Agency',
        note: `agency:un PARTICIPATED_IN ${id} not written: the model has no PARTICIPATED_IN from an Agency to a ServiceCenter (it ends at an Event)`,
      },
    ]);
  });

  test('a curated type whose rules produce relations the model refuses: every default link is refused', () => {
    const row = factRow({ factType: 'MEETING', subject: 'ASAN Service' });
    const conversion = convert([row], { rows: { [row.factId]: { type: 'Person', name: 'A person, by mistake' } } });
    const bundle = only(conversion);
    const id = `person:test-table-${row.factId.toLowerCase()}`;
    expect(entity(bundle, id)?.type).toBe('Person');
    expect(bundle.relations).toEqual([]);
    expect(conversion.report.refused.map((line) => line.note)).toEqual([
      `agency:asan-xidmet PARTICIPATED_IN ${id} not written: the model has no PARTICIPATED_IN from an Agency to a Person (it ends at an Event)`,
      `country:AF PARTICIPATED_IN ${id} not written: the model has no PARTICIPATED_IN from a Country to a Person (it ends at an Event)`,
    ]);
  });
});

test('curated claims and a curated id that names another type', () => {
  const rows = [factRow({ factType: 'MEETING', subject: 'Inam Karimov' }), factRow({ factType: 'MEETING', subject: 'Inam Karimov' })];
  const curation: Curation = {
    rows: {
      [rows[0]!.factId]: {
        claims: [
          { property: 'participants', value: 'about 20' },
          { subject: 'person:inam-karimov', property: 'title', value: 'chairman' },
        ],
      },
      [rows[1]!.factId]: { id: 'memorandum:wrong' },
    },
  };
  const conversion = convert(rows, curation);
  const id = `event:test-table-${rows[0]!.factId.toLowerCase()}`;
  expect(conversion.bundles[0]!.claims).toEqual([
    { subject: id, property: 'participants', value: 'about 20', quotes: [] },
    { subject: 'person:inam-karimov', property: 'title', value: 'chairman', quotes: [] },
  ]);
  expect(conversion.problems).toEqual([
    { path: `row ${rows[1]!.row} (${rows[1]!.factId}), column fact_id`, message: "curated id 'memorandum:wrong' does not name a Event" },
  ]);
});

describe('the seed table', () => {
  const root = path.join(__dirname, '../..');
  const table = path.join(root, 'seeds/asan-network-facts.tsv');
  const seed = JSON.parse(fs.readFileSync(path.join(root, 'seeds/asan-afghanistan-2021-02-24.bundle.json'), 'utf8')) as Bundle;

  /** The seed bundle's facts as the repository would read them from a graph holding it. */
  function knownFactsOf(bundle: Bundle): KnownFact[] {
    const facts = bundle.entities.filter((e) =>
      ['Memorandum', 'ServiceCenter', 'Training', 'Award', 'Event', 'Statistic'].includes(e.type),
    );
    const basedIn = (id: string) => bundle.relations.filter((r) => r.type === 'BASED_IN' && r.from === id).map((r) => r.to);
    return facts.map((fact) => {
      const linked = bundle.relations.flatMap((r) =>
        r.from === fact.id ? [[r.type, r.to]] : r.to === fact.id ? [[r.type, r.from]] : [],
      ) as [string, string][];
      const countryIds = linked.flatMap(([type, other]) => [
        ...(['LOCATED_IN', 'PARTY_TO', 'PARTICIPATED_IN'].includes(type) && other.startsWith('country:') ? [other] : []),
        ...(['PARTY_TO', 'OPERATED_BY'].includes(type) && other.startsWith('agency:') ? basedIn(other) : []),
      ]);
      const a = fact.attributes ?? {};
      return {
        id: fact.id,
        type: fact.type,
        name: fact.name,
        aliases: fact.aliases ?? [],
        date: a.signed ?? a.opened ?? a.date ?? a.asOf ?? null,
        kind: a.kind ?? null,
        city: a.city ?? null,
        countries: [...new Set(countryIds.map((id) => id.slice('country:'.length)))],
        conferrers: linked.filter(([type]) => type === 'CONFERRED_BY').map(([, other]) => other),
      };
    });
  }

  test('converts to the same bundles as before the rules were a table', () => {
    const entities = [...countryBundle().entities, ...seed.entities].map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases ?? [],
    }));
    // The founding bundle's positions, as the repository reads them (Ülvi Mehdiyev chairs the State Agency).
    const positions = seed.relations.filter((r) => r.type === 'HOLDS_POSITION').map((r) => ({ person: r.from, agency: r.to }));
    const conversion = tableToBundles(
      readFactsTable(table),
      readCuration(table),
      new EntityResolver(entities),
      knownFactsOf(seed),
      tableSlugOf(table),
      positions,
    );
    const { bundles, report } = conversion;
    expect(conversion.problems).toEqual([]);
    // Three sources that never name the model agency (F26, F34, F40: statesModel false) cite
    // neither it nor a MODELLED_ON; three publication dates (F34, F52, F53) date no fact.
    // Claims: dates and curated claims; every figure of the quantity column is a stated quantity
    // (25 from 20 rows; a statistic's first figure is its value instead).
    const counts = [
      bundles.length,
      ...(['entities', 'relations', 'claims', 'quantities'] as const).map(
        (part) => bundles.flatMap((b): unknown[] => b[part] ?? []).length,
      ),
    ];
    // Counterparts as entities (issue 11): the curation names 13 more entities the rows' text
    // gives (ministries, ministers, permanent secretaries, ICESCO's Director-General, the UAE
    // Government in F59's counterpart_agency column), cited by 14 bundles (the Uzbek Justice
    // Ministry by F07's and F52's sources): 197 -> 211 entities. 24 more relations: 8 positions
    // (HOLDS_POSITION), 5 participants (F06, F12, F35 twice, F37), 7 ministries BASED_IN their
    // country, 2 PART_OF (ASAN khedmat under the Afghan ICT ministry, the Uzbek agency under the
    // Justice Ministry) and 2 PARTY_TO (the UAE Government in F59; the UAE ministry whose minister
    // signed the declaration in F15): 297 -> 321. F23's UNDER moved from the curation to the
    // under column and F41's provider is the column's: the same relations.
    // One row, one relation per pair of ends and type (issue 24): the UN co-organising F05 and
    // ICESCO meeting in F12 are also each row's partner organisation; one edge each, the roles
    // merged ("co-organiser; partner organisation"): 321 -> 319. No seed row is read for
    // counterparts in its text: every row's curation names its actors.
    expect(counts).toEqual([57, 211, 319, 52, 25]);
    // matched 4 -> 5: F59's counterpart_agency 'UAE Government' is the curated UAE Government. Nothing unplaced.
    expect([report.matched.length, report.created.length, report.unsure.length, report.refused.length, report.unplaced.length]).toEqual([
      5, 50, 0, 0, 0,
    ]);
    expect(report.extracted).toEqual([]);
    expect(report.matched.filter((line) => line.note === 'same fact').map((line) => line.id)).toEqual([
      'award:unpsa-2015',
      'award:un-special-2019',
      'memorandum:asan-af-2016',
      'center:asan-khedmat-kabul',
    ]);
    const all = bundles.flatMap(triples);
    expect(all).toEqual(
      expect.arrayContaining([
        'center:asan-khedmat-kabul OPERATED_BY agency:asan-khedmat',
        'center:ug-hoima LOCATED_IN country:UG',
        'center:ug-hoima MODELLED_ON agency:asan-xidmet',
      ]),
    );
    // Counterparts: a signatory's ministry is a party; the under and counterpart_agency columns; Uganda's permanent secretaries.
    expect(all).toEqual(
      expect.arrayContaining([
        'agency:ae-ministry-of-community-development PARTY_TO memorandum:asan-association-declaration-2019',
        'training:asan-network-facts-f23 UNDER memorandum:asan-af-2016',
        'agency:government-of-uae PARTY_TO memorandum:ae-mou-2022-11-28',
        'person:patrick-mugoya PARTICIPATED_IN event:asan-network-facts-f35 (permanent secretary)',
        'person:wilson-muruli-mukasa HOLDS_POSITION agency:ug-ministry-of-public-service (Minister)',
      ]),
    );
    // Statement-level citations: each source cites only what its row states, with the row's notes.
    const from = (url: string) => bundles.find((b) => b.source.url?.includes(url))!;
    const digest = from('allafrica.com');
    expect(triples(digest).filter((triple) => triple.includes('asan-xidmet'))).toEqual([]);
    expect(digest.entities.find((e) => e.id === 'center:et-addis-ababa')?.note).toMatch(/^F40: Digest dated 5 May 2025 says 'this week'/);
    const uzbek = from('kun.uz');
    expect(uzbek.source.published).toBe('2019-10-05');
    expect(uzbek.entities.find((e) => e.id === 'memorandum:uz-mou-2019-10-05')?.attributes?.signed).toBeUndefined();
    expect(uzbek.entities.find((e) => e.id === 'memorandum:uz-mou-2019-10-05')?.note).toBe(
      'F52: Date from URL path (publication date); signing day not stated separately.',
    );
    const ids = new Set(bundles.flatMap((b) => b.entities.map((e) => e.id)));
    for (const id of [
      'award:country-ae-2023',
      'memorandum:uz-mou-2019-10-05',
      'event:af-credentials-2018-12-05',
      'statistic:asan-network-facts-f69',
      'training:asan-network-facts-f23',
    ])
      expect(ids).toContain(id);
  });
});
