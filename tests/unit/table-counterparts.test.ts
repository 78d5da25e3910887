/**
 * Counterparts as entities (issue 11, deliverable 4): the optional entity columns (parties,
 * signatories, counterpart_agency, under, provider) and language, a signatory's agency as a
 * party, group subjects placed as participants, and the report's unplaced names.
 */
import type { Bundle } from '../../src/ingest/bundle';
import { tableToBundles, type Conversion, type KnownPosition } from '../../src/ingest/table/convert';
import type { Curation } from '../../src/ingest/table/curation';
import { parseFactsTable, TableValidationError, type FactRow } from '../../src/ingest/table/parse';
import { EntityResolver, type KnownEntity } from '../../src/ingest/table/resolve';
import { readGroup } from '../../src/ingest/table/rules';

const known: KnownEntity[] = [
  { id: 'country:AZ', type: 'Country', name: 'Azerbaijan', aliases: [] },
  { id: 'country:RW', type: 'Country', name: 'Rwanda', aliases: [] },
  { id: 'country:SO', type: 'Country', name: 'Somalia', aliases: [] },
  { id: 'agency:asan-xidmet', type: 'Agency', name: 'Dövlət Agentliyi', aliases: ['ASAN Service', 'State Agency'] },
  { id: 'person:ulvi-mehdiyev', type: 'Person', name: 'Ülvi Mehdiyev', aliases: ['Ulvi Mehdiyev'] },
  { id: 'memorandum:af-2016', type: 'Memorandum', name: 'MoU with Afghanistan (2016)', aliases: [] },
];
const positions: KnownPosition[] = [{ person: 'person:ulvi-mehdiyev', agency: 'agency:asan-xidmet' }];

const header = [
  'fact_id',
  'fact_type',
  'date',
  'date_precision',
  'subject',
  'object',
  'country_iso2',
  'place',
  'quantity',
  'source_url',
  'source_title',
  'source_publisher',
  'source_published_date',
  'notes',
];

/** A TSV with the given extra columns; each row gives the base fields it cares about and the extras. */
function table(
  extra: string[],
  rows: { type: string; subject: string; country?: string; date?: string; values?: string[]; url?: string }[],
): string {
  const lines = rows.map((row, i) =>
    [
      `F${i + 1}`,
      row.type,
      row.date ?? '',
      row.date ? 'DAY' : '',
      row.subject,
      'object',
      row.country ?? 'RW',
      '',
      '',
      row.url ?? `https://example.org/${i + 1}`,
      'T',
      'P',
      '',
      '',
      ...(row.values ?? []),
    ].join('\t'),
  );
  return `${[...header, ...extra].join('\t')}\n${lines.join('\n')}\n`;
}

function convert(rows: FactRow[], curation: Curation = {}): Conversion {
  return tableToBundles(rows, curation, new EntityResolver(known), [], 'test', positions);
}

const triples = (bundles: Bundle[]) =>
  bundles.flatMap((bundle) => bundle.relations.map((r) => `${r.from} ${r.type} ${r.to}${r.role ? ` (${r.role})` : ''}`));

function problemsOf(content: string): { path: string; message: string }[] {
  try {
    parseFactsTable(content, 't.tsv');
    return [];
  } catch (error) {
    if (!(error instanceof TableValidationError)) throw error;
    return error.problems;
  }
}

describe('the optional entity columns', () => {
  const extra = ['parties', 'signatories', 'counterpart_agency', 'under', 'provider', 'language'];

  test('parties, signatories and a counterpart agency become entities and relations; the language goes on the source', () => {
    const rows = parseFactsTable(
      table(extra, [
        {
          type: 'MEMORANDUM',
          subject: 'State Agency',
          date: '2023-11-14',
          values: ['State Agency', 'Ulvi Mehdiyev; Clare Akamanzi (Rwanda Development Board)', 'Rwanda Development Board', '', '', 'en'],
        },
      ]),
      't.tsv',
    );
    const conversion = convert(rows);
    expect(conversion.problems).toEqual([]);
    const id = 'memorandum:rw-mou-2023-11-14';
    expect(triples(conversion.bundles)).toEqual([
      `agency:asan-xidmet PARTY_TO ${id}`,
      `person:ulvi-mehdiyev SIGNED ${id}`,
      `person:clare-akamanzi SIGNED ${id}`,
      // The organisation a signatory signed for is a party (written once: the counterpart column names it too).
      `agency:rwanda-development-board PARTY_TO ${id}`,
      // Created by the table: the partner side's agency, based in the row's country.
      'agency:rwanda-development-board BASED_IN country:RW',
      `country:RW PARTY_TO ${id}`,
    ]);
    expect(conversion.bundles[0]!.source.language).toBe('en');
    expect(conversion.report.created.map((line) => line.id)).toEqual([id, 'person:clare-akamanzi', 'agency:rwanda-development-board']);
  });

  test('under links a training to its memorandum; provider replaces the model agency', () => {
    const rows = parseFactsTable(
      table(extra, [
        {
          type: 'TRAINING',
          subject: 'Afghan officials',
          country: 'AF',
          values: ['', '', '', 'memorandum:af-2016', 'ASAN Service; UN Development Programme', ''],
        },
      ]),
      't.tsv',
    );
    const conversion = convert(rows, { model: 'agency:asan-xidmet' });
    expect(conversion.problems).toEqual([]);
    const all = triples(conversion.bundles);
    expect(all).toEqual(
      expect.arrayContaining([
        'training:test-f1 UNDER memorandum:af-2016',
        'training:test-f1 PROVIDED_BY agency:asan-xidmet',
        'training:test-f1 PROVIDED_BY agency:un-development-programme',
      ]),
    );
    expect(all.filter((triple) => triple.includes('PROVIDED_BY'))).toHaveLength(2);
    expect(conversion.bundles[0]!.source.language).toBe('und');
  });

  test('a table without the columns still imports; the same rows parse as before (no links, no language)', () => {
    const [row] = parseFactsTable(table([], [{ type: 'MEETING', subject: 'Ulvi Mehdiyev' }]), 't.tsv');
    expect(row!.links).toBeUndefined();
    expect(row!.source.language).toBeUndefined();
    expect(convert([row!]).problems).toEqual([]);
  });

  test('bad values are rejected with row and column: wrong type, unknown id, unknown memorandum, a fact type that takes no such link', () => {
    const rows = parseFactsTable(
      table(extra, [
        { type: 'MEMORANDUM', subject: 'x', values: ['Ulvi Mehdiyev', 'agency:asan-xidmet', '', '', '', ''] },
        { type: 'TRAINING', subject: 'x', values: ['', '', '', 'No Such Memorandum', 'memorandum:af-2016', ''] },
        { type: 'AWARD', subject: 'x', values: ['', '', 'Rwanda Development Board', 'memorandum:nope', '', ''] },
        { type: 'MEETING', subject: 'x', values: ['State Agency', '', '', '', '', ''] },
      ]),
      't.tsv',
    );
    expect(convert(rows).problems).toEqual([
      { path: 'row 2 (F1), column parties', message: "'Ulvi Mehdiyev' is person:ulvi-mehdiyev (a Person), expected Agency or Country" },
      { path: 'row 2 (F1), column signatories', message: "'agency:asan-xidmet' is a Agency, expected Person" },
      {
        path: 'row 3 (F2), column under',
        message: "'No Such Memorandum' names no Memorandum in the graph, the curation or an earlier row",
      },
      { path: 'row 3 (F2), column provider', message: "'memorandum:af-2016' is a Memorandum, expected Agency or Person or Country" },
      { path: 'row 4 (F3), column counterpart_agency', message: 'an Award has no counterpart agency' },
      {
        path: 'row 4 (F3), column under',
        message: "unknown entity reference 'memorandum:nope': not in the graph nor in the curation file",
      },
      {
        path: 'row 5 (F4), column parties',
        message: expect.stringContaining(
          'agency:asan-xidmet PARTY_TO event:test-f4 cannot be written: the model has no PARTY_TO from an Agency to an Event',
        ),
      },
    ]);
  });

  test('a language that is not ISO 639-1, two for one source, two counterparts: rejected at parse with row and column', () => {
    const content = table(extra, [
      { type: 'MEETING', subject: 'x', values: ['', '', '', '', '', 'eng'], url: 'https://example.org/a' },
      { type: 'MEETING', subject: 'x', values: ['', '', '', '', '', 'xx'], url: 'https://example.org/b' },
      { type: 'MEETING', subject: 'x', values: ['', '', 'A; B', '', '', 'az'], url: 'https://example.org/c' },
      { type: 'MEETING', subject: 'x', values: ['', '', '', '', '', 'en'], url: 'https://example.org/c' },
    ]);
    expect(problemsOf(content)).toEqual([
      { path: 'row 2 (F1), column language', message: expect.stringContaining("'eng' is not an ISO 639-1 language code") },
      { path: 'row 3 (F2), column language', message: expect.stringContaining("'xx' is not an ISO 639-1 language code") },
      { path: 'row 4 (F3), column counterpart_agency', message: "names 2 entities ('A; B'): give one" },
      { path: 'row 5 (F4), column language', message: "'en' differs from 'az' given for the same source on row 4" },
    ]);
  });
});

describe('a chairman signing makes his agency a party', () => {
  test('the graph says he holds a position at the agency: it is PARTY_TO, in the same source', () => {
    const rows = parseFactsTable(table([], [{ type: 'MEMORANDUM', subject: 'Ulvi Mehdiyev', date: '2023-11-14' }]), 't.tsv');
    const conversion = convert(rows);
    expect(triples(conversion.bundles)).toEqual([
      'person:ulvi-mehdiyev SIGNED memorandum:rw-mou-2023-11-14',
      'agency:asan-xidmet PARTY_TO memorandum:rw-mou-2023-11-14',
      'country:RW PARTY_TO memorandum:rw-mou-2023-11-14',
    ]);
    expect(conversion.bundles[0]!.entities.map((entity) => entity.id)).toContain('agency:asan-xidmet');
  });

  test('a position the curation states (on any row) counts too', () => {
    const rows = parseFactsTable(table([], [{ type: 'MEMORANDUM', subject: 'Jean Philbert Nsengimana', date: '2023-11-14' }]), 't.tsv');
    const curation: Curation = {
      entities: [
        { id: 'person:jean-philbert-nsengimana', type: 'Person', name: 'Jean Philbert Nsengimana' },
        { id: 'agency:rw-ministry-of-ict', type: 'Agency', name: 'Ministry of ICT (Rwanda)', country: 'RW' },
      ],
      rows: {
        F9: {
          relations: [
            { from: 'person:jean-philbert-nsengimana', type: 'HOLDS_POSITION', to: 'agency:rw-ministry-of-ict', role: 'Minister' },
          ],
        },
      },
    };
    expect(triples(convert(rows, curation).bundles)).toContain('agency:rw-ministry-of-ict PARTY_TO memorandum:rw-mou-2023-11-14');
  });
});

describe('a subject naming a group of people', () => {
  test('readGroup: leader, owner and the group word', () => {
    const isPerson = (text: string) => /^(Ahmed Isse|Ulvi Mehdiyev)$/.test(text);
    expect(readGroup('Somali delegation led by Ahmed Isse', isPerson)).toEqual({
      leader: 'Ahmed Isse',
      owner: 'Somali',
      group: 'Somali delegation',
      word: 'delegation',
    });
    expect(readGroup('Ulvi Mehdiyev and delegation', isPerson)).toEqual({
      leader: 'Ulvi Mehdiyev',
      owner: null,
      group: 'delegation',
      word: 'delegation',
    });
    expect(readGroup('Ulvi Mehdiyev delegation', isPerson)).toEqual({
      leader: 'Ulvi Mehdiyev',
      owner: null,
      group: 'delegation',
      word: 'delegation',
    });
    expect(readGroup('State Agency specialists', isPerson)).toEqual({
      leader: null,
      owner: 'State Agency',
      group: 'State Agency specialists',
      word: 'specialists',
    });
    expect(readGroup('Ministry of Justice', isPerson)).toBeNull();
  });

  test('is never an agency: the leader takes part as head of delegation, the owner or the row country as the group', () => {
    const rows = parseFactsTable(
      table(
        [],
        [
          { type: 'MEETING', subject: 'Somali delegation led by Ahmed Isse', country: 'SO' },
          { type: 'MEETING', subject: 'State Agency specialists; Ulvi Mehdiyev and delegation', country: 'SO' },
          { type: 'MEETING', subject: 'High-level experts from several countries', country: 'MULTI' },
        ],
      ),
      't.tsv',
    );
    const conversion = convert(rows);
    expect(conversion.problems).toEqual([]);
    const all = triples(conversion.bundles);
    expect(all).toEqual(
      expect.arrayContaining([
        'person:ahmed-isse PARTICIPATED_IN event:test-f1 (head of delegation)',
        // The delegation's country is the row's partner country too: one edge, the roles merged.
        'country:SO PARTICIPATED_IN event:test-f1 (Somali delegation; partner country)',
        'agency:asan-xidmet PARTICIPATED_IN event:test-f2 (specialists)',
        'person:ulvi-mehdiyev PARTICIPATED_IN event:test-f2 (head of delegation)',
      ]),
    );
    const created = conversion.report.created.filter((line) => line.type === 'Agency');
    expect(created).toEqual([]);
    expect(conversion.report.unplaced).toEqual([
      {
        row: 4,
        factId: 'F3',
        column: 'subject',
        name: 'High-level experts from several countries',
        note: 'a group of people with no named leader, known organisation or country',
      },
    ]);
  });
});
