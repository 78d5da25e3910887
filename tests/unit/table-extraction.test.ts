/**
 * Tables faithful on the documented layout (issue 24, deliverable 1): five rows of our own making
 * in the facts-table layout with no optional columns, the counterparts named only in the text,
 * converted without a database. Each of the issue's five failures has its test here; the same
 * rows are imported into the real graph in tests/integration/table-extraction.test.ts.
 */
import type { Bundle } from '../../src/ingest/bundle';
import { dateOf, extractFromText } from '../../src/ingest/table/extract';
import { tableToBundles, type Conversion, type KnownFact } from '../../src/ingest/table/convert';
import { parseFactsTable } from '../../src/ingest/table/parse';
import { EntityResolver, type KnownEntity } from '../../src/ingest/table/resolve';

const known: KnownEntity[] = [
  { id: 'country:KE', type: 'Country', name: 'Kenya', aliases: [] },
  { id: 'country:RW', type: 'Country', name: 'Rwanda', aliases: [] },
  { id: 'country:SO', type: 'Country', name: 'Somalia', aliases: ['Somali'] },
  { id: 'agency:asan-xidmet', type: 'Agency', name: 'Dövlət Agentliyi', aliases: ['ASAN Service', 'State Agency'] },
];

const header =
  'fact_id\tfact_type\tdate\tdate_precision\tsubject\tobject\tcountry_iso2\tplace\tquantity\tsource_url\tsource_title\tsource_publisher\tsource_published_date\tnotes';

/** Rows in the documented layout: [fact_id, fact_type, date, subject, object, country]. */
function table(rows: [string, string, string, string, string, string][]): string {
  const lines = rows.map(([id, type, date, subject, object, country]) =>
    [id, type, date, '', subject, object, country, 'Baku', '', `https://example.org/k/${id}`, 'Press release', 'Example', '', ''].join(
      '\t',
    ),
  );
  return `${header}\n${lines.join('\n')}\n`;
}

function convert(content: string, facts: KnownFact[] = []): Conversion {
  return tableToBundles(parseFactsTable(content, 'k.tsv'), {}, new EntityResolver(known), facts, 'k', []);
}

const triples = (bundles: Bundle[]) =>
  bundles.flatMap((bundle) => bundle.relations.map((r) => `${r.from} ${r.type} ${r.to}${r.role ? ` (${r.role})` : ''}`));
const entities = (bundles: Bundle[]) => bundles.flatMap((bundle) => bundle.entities);

test('context in the subject is never an alias: "<agency> (<context>)" and "<agency> - <context>"', () => {
  const conversion = convert(
    table([
      [
        'K1',
        'MEETING',
        '2025-02-10',
        'ASAN Service (visit of the Kenyan delegation led by Amina Wanjiru)',
        'Kenyan officials toured the Baku centre',
        'KE',
      ],
      ['K2', 'MEETING', '2025-02-11', 'State Agency - second day of the Kenyan visit', 'Workshops on service standards', 'KE'],
    ]),
  );
  expect(conversion.problems).toEqual([]);
  const agency = entities(conversion.bundles).filter((entity) => entity.id === 'agency:asan-xidmet');
  expect(agency.flatMap((entity) => entity.aliases ?? [])).toEqual([]);
  expect(triples(conversion.bundles)).toEqual(
    expect.arrayContaining([
      'agency:asan-xidmet PARTICIPATED_IN event:ke-meeting-2025-02-10',
      'agency:asan-xidmet PARTICIPATED_IN event:ke-meeting-2025-02-11',
    ]),
  );
  // Nothing of the context became an entity: the bracket is not a delegation to place.
  expect(conversion.report.created.map((line) => line.id)).toEqual(['event:ke-meeting-2025-02-10', 'event:ke-meeting-2025-02-11']);
  expect(conversion.report.unplaced).toEqual([]);
});

test('a four-part name with an honorific particle leading a delegation is a person, with the post in the role', () => {
  const conversion = convert(
    table([
      [
        'K2',
        'MEETING',
        '2025-03-04',
        'Somali delegation led by deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan',
        'Study visit to the Baku ASAN centre',
        'SO',
      ],
    ]),
  );
  expect(conversion.problems).toEqual([]);
  expect(conversion.report.unplaced).toEqual([]);
  expect(triples(conversion.bundles)).toEqual(
    expect.arrayContaining([
      'person:abdirahman-mohamed-sheikh-hassan PARTICIPATED_IN event:so-meeting-2025-03-04 (head of delegation (deputy head of the Ministry of Labour))',
    ]),
  );
  expect(entities(conversion.bundles).find((entity) => entity.type === 'Person')).toMatchObject({
    name: 'Abdirahman Mohamed Sheikh Hassan',
  });
  expect(conversion.report.extracted).toEqual([
    expect.objectContaining({
      factId: 'K2',
      column: 'subject',
      phrase: 'led by deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan',
      note: 'created',
    }),
  ]);
});

const memorandumRow: [string, string, string, string, string, string] = [
  'K3',
  'MEMORANDUM',
  '2025-02-14',
  'State Agency',
  'MoU with the Rwanda Governance Board (signed by CEO Usta Kaitesi) on public service delivery',
  'RW',
];

test('the counterpart and the signatory named only in the object: a party, a signatory and his post at the party', () => {
  const conversion = convert(table([memorandumRow]));
  expect(conversion.problems).toEqual([]);
  const memorandum = 'memorandum:rw-mou-2025-02-14';
  expect(triples(conversion.bundles)).toEqual(
    expect.arrayContaining([
      `agency:rwanda-governance-board PARTY_TO ${memorandum}`,
      'agency:rwanda-governance-board BASED_IN country:RW',
      'person:usta-kaitesi HOLDS_POSITION agency:rwanda-governance-board (CEO)',
      `person:usta-kaitesi SIGNED ${memorandum}`,
    ]),
  );
  expect(conversion.report.extracted.map((line) => `${line.phrase} -> ${line.statement} [${line.note}]`)).toEqual([
    `with the Rwanda Governance Board -> agency:rwanda-governance-board PARTY_TO ${memorandum} [created]`,
    'signed by CEO Usta Kaitesi -> person:usta-kaitesi HOLDS_POSITION agency:rwanda-governance-board (CEO) [post at the party]',
    `signed by CEO Usta Kaitesi -> person:usta-kaitesi SIGNED ${memorandum} [created]`,
  ]);
});

test("a training's memorandum (by date and country) and its host (the provider) from the text", () => {
  const conversion = convert(
    table([
      memorandumRow,
      ['K4', 'TRAINING', '2025-05', 'Rwandan civil servants', 'Two-week course under the Feb 2025 MoU, hosted by the State Agency', 'RW'],
    ]),
  );
  expect(conversion.problems).toEqual([]);
  const all = triples(conversion.bundles);
  expect(all).toEqual(
    expect.arrayContaining(['training:k-k4 UNDER memorandum:rw-mou-2025-02-14', 'training:k-k4 PROVIDED_BY agency:asan-xidmet']),
  );
  expect(conversion.report.extracted.filter((line) => line.factId === 'K4').map((line) => line.note)).toEqual([
    'matched by date, country and parties',
    'matched (name)',
  ]);
});

test('a memorandum already in the graph is matched by its party and date; two candidates are reported, not guessed', () => {
  const fact = (id: string, date: string, parties: string[]): KnownFact => ({
    id,
    type: 'Memorandum',
    name: id,
    aliases: [],
    countries: ['RW'],
    date,
    kind: 'MOU',
    city: null,
    conferrers: [],
    parties,
  });
  const facts = [fact('memorandum:a', '2025-02-14', ['agency:asan-xidmet']), fact('memorandum:b', '2025-02-20', ['country:RW'])];
  const row = (object: string): [string, string, string, string, string, string] => [
    'K9',
    'TRAINING',
    '',
    'Rwandan civil servants',
    object,
    'RW',
  ];
  const withParty = convert(table([row('Course under the February 2025 MoU with the State Agency')]), facts);
  expect(triples(withParty.bundles)).toContain('training:k-k9 UNDER memorandum:a');
  const ambiguous = convert(table([row('Course under the Feb 2025 MoU')]), facts);
  expect(triples(ambiguous.bundles).filter((triple) => triple.includes(' UNDER '))).toEqual([]);
  expect(ambiguous.report.extracted).toEqual([
    expect.objectContaining({
      phrase: 'under the Feb 2025 MoU',
      note: expect.stringContaining('2 memoranda match (memorandum:a, memorandum:b)'),
    }),
  ]);
});

test('one row never writes two relations of one type between the same ends: the roles merge', () => {
  const conversion = convert(table([['K5', 'TRAINING', '2025-06', 'Kenyan delegation', 'Training on one-stop-shop management', 'KE']]));
  const trained = triples(conversion.bundles).filter((triple) => triple.startsWith('training:k-k5 TRAINED country:KE'));
  expect(trained).toEqual(['training:k-k5 TRAINED country:KE (Kenyan delegation; partner country)']);
});

describe('reading the text', () => {
  test('the phrases and what each names', () => {
    expect(extractFromText('MoU with the Rwanda Governance Board (signed by CEO Usta Kaitesi) on public service delivery')).toEqual([
      { cue: 'party', expects: 'Organisation', name: 'Rwanda Governance Board', phrase: 'with the Rwanda Governance Board' },
      {
        cue: 'signatory',
        expects: 'Person',
        name: 'Usta Kaitesi',
        post: 'CEO',
        phrase: 'signed by CEO Usta Kaitesi',
        signedFor: 'Rwanda Governance Board',
      },
    ]);
    expect(extractFromText('Course under the Feb 2025 MoU with the State Agency, hosted by the State Agency')).toEqual([
      {
        cue: 'under',
        expects: 'Memorandum',
        name: 'Feb 2025 MoU',
        date: { iso: '2025-02', precision: 'MONTH' },
        with: 'State Agency',
        phrase: 'under the Feb 2025 MoU with the State Agency',
      },
      { cue: 'party', expects: 'Organisation', name: 'State Agency', phrase: 'with the State Agency' },
      { cue: 'host', expects: 'Actor', name: 'State Agency', phrase: 'hosted by the State Agency' },
    ]);
  });

  test('dates keep the precision they are written at', () => {
    expect(dateOf('Feb 2025')).toEqual({ iso: '2025-02', precision: 'MONTH' });
    expect(dateOf('14 February 2025')).toEqual({ iso: '2025-02-14', precision: 'DAY' });
    expect(dateOf('2016')).toEqual({ iso: '2016', precision: 'YEAR' });
    expect(dateOf('two sides’')).toBeNull();
  });
});
