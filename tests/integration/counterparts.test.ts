/**
 * Counterparts as entities (issue 11, deliverable 4), read through GraphQL on the real graph: a
 * facts table with the optional columns (parties, signatories, counterpart_agency, under,
 * provider, language) and one without both import; a chairman signing makes his agency a
 * party; a group subject is participants, never an agency; bad values are rejected with row and
 * column and nothing written; the report lists what it could not place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { formatReport, importTable } from '../../src/ingest/table/import';
import { TableValidationError } from '../../src/ingest/table/parse';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

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
const extra = ['parties', 'signatories', 'counterpart_agency', 'under', 'provider', 'language'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterparts-'));

function writeTable(name: string, columns: string[], rows: string[][]): string {
  const file = path.join(dir, `${name}.tsv`);
  fs.writeFileSync(file, [columns, ...rows].map((cells) => cells.join('\t')).join('\n'));
  return file;
}

const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('a table with the optional columns', () => {
  const slug = uniqueSlug('rw');
  const url = (n: number) => `https://example.org/${slug}/${n}`;
  // A Rwanda MoU the State Agency's chairman signed, with the Rwanda Development Board and its CEO;
  // a training held under it and given by the Board; an English source.
  const rows = [
    [
      'R1',
      'MEMORANDUM',
      '2023-11-14',
      'DAY',
      'Rwanda Development Board',
      'MoU on public service delivery',
      'RW',
      'Kigali',
      '',
      url(1),
      'MoU signed',
      'Example',
      '',
      '',
      '',
      'Ulvi Mehdiyev (chairman); Clare Akamanzi (Rwanda Development Board)',
      'Rwanda Development Board',
      '',
      '',
      'en',
    ],
    [
      'R2',
      'TRAINING',
      '',
      '',
      'Rwandan civil servants',
      'Trained under the MoU',
      'RW',
      '',
      '',
      url(2),
      'Training',
      'Example',
      '',
      '',
      '',
      '',
      '',
      'memorandum:rw-mou-2023-11-14',
      'Rwanda Development Board',
      'en',
    ],
  ];

  test('imports; the chairman signing makes the State Agency a party, so the MoU is among its memoranda', async () => {
    const result = await importTable(db, writeTable(slug, [...header, ...extra], rows));
    expect(result.report.unplaced).toEqual([]);
    const { data, errors } = await graphql(
      server,
      `
        {
          asan: entity(id: "agency:asan-xidmet") {
            ... on Agency {
              memoranda {
                id
              }
            }
          }
          mou: entity(id: "memorandum:rw-mou-2023-11-14") {
            ... on Memorandum {
              parties {
                id
              }
              signatories {
                id
                name
              }
              relations(types: [PARTY_TO]) {
                from {
                  id
                }
                citations {
                  source {
                    url
                  }
                }
              }
            }
          }
          rdb: entity(id: "agency:rwanda-development-board") {
            ... on Agency {
              kind
              country {
                code
              }
              memoranda {
                id
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(ids(data.asan.memoranda)).toContain('memorandum:rw-mou-2023-11-14');
    expect(ids(data.mou.parties)).toEqual(expect.arrayContaining(['agency:asan-xidmet', 'agency:rwanda-development-board', 'country:RW']));
    expect(ids(data.mou.signatories)).toEqual(expect.arrayContaining(['person:ulvi-mehdiyev', 'person:clare-akamanzi']));
    // The agency's party edge is cited by the row's source, as the signature is.
    const asanParty = data.mou.relations.find((relation: { from: { id: string } }) => relation.from.id === 'agency:asan-xidmet');
    expect(asanParty.citations.map((citation: { source: { url: string } }) => citation.source.url)).toEqual([url(1)]);
    // The counterpart the table introduced: an agency based in the row's country, party to the MoU.
    expect(data.rdb.country).toEqual({ code: 'RW' });
    expect(ids(data.rdb.memoranda)).toEqual(['memorandum:rw-mou-2023-11-14']);
  });

  test('the training is under the MoU and given by the Board; the sources are English', async () => {
    const { data } = await graphql(server, `{ entity(id: "training:${slug}-r2") { relations(direction: OUT) { type to { id } } } }`);
    const out = data.entity.relations.map((relation: { type: string; to: { id: string } }) => `${relation.type} ${relation.to.id}`);
    expect(out).toEqual(expect.arrayContaining(['UNDER memorandum:rw-mou-2023-11-14', 'PROVIDED_BY agency:rwanda-development-board']));
    // The provider column replaces the model agency as the provider.
    expect(out).not.toContain('PROVIDED_BY agency:asan-xidmet');
    const sources = await db.read('MATCH (s:Source) WHERE s.url STARTS WITH $prefix RETURN collect(DISTINCT s.language) AS languages', {
      prefix: `https://example.org/${slug}/`,
    });
    expect(sources[0]!.languages).toEqual(['en']);
  });

  test('importing it again changes nothing', async () => {
    expect((await importTable(db, writeTable(slug, [...header, ...extra], rows))).unchanged).toBe(true);
  });
});

test('a table without the optional columns imports; its sources keep an undetermined language', async () => {
  const slug = uniqueSlug('plain');
  const file = writeTable(slug, header, [
    ['P1', 'MEETING', '2021-03-04', 'DAY', 'Ulvi Mehdiyev', 'Met', 'KE', 'Nairobi', '', `https://example.org/${slug}/1`, 'T', 'P', '', ''],
  ]);
  const result = await importTable(db, file);
  expect(result.unchanged).toBe(false);
  const sources = await db.read('MATCH (s:Source) WHERE s.url STARTS WITH $prefix RETURN collect(s.language) AS languages', {
    prefix: `https://example.org/${slug}/`,
  });
  expect(sources[0]!.languages).toEqual(['und']);
});

test('a group subject is participants, never an agency; what cannot be placed is reported', async () => {
  const slug = uniqueSlug('so');
  const file = writeTable(slug, header, [
    [
      'S1',
      'MEETING',
      '',
      '',
      'Somali delegation led by Ahmed Isse',
      'Visited an ASAN centre',
      'SO',
      'Baku',
      '',
      `https://example.org/${slug}/1`,
      'T',
      'P',
      '',
      '',
    ],
    [
      'S2',
      'MEETING',
      '',
      '',
      'High-level experts from several countries',
      'Met',
      'MULTI',
      'Baku',
      '',
      `https://example.org/${slug}/2`,
      'T',
      'P',
      '',
      '',
    ],
  ]);
  const result = await importTable(db, file);
  expect(result.report.created.filter((line) => line.type === 'Agency')).toEqual([]);
  expect(result.report.unplaced).toEqual([
    {
      row: 3,
      factId: 'S2',
      column: 'subject',
      name: 'High-level experts from several countries',
      note: expect.stringContaining('a group of people'),
    },
  ]);
  expect(formatReport(result)).toMatch(
    /unplaced names, nothing written for them, please check \(1\):\n {4}row 3 \(S2\), column subject: "High-level experts from several countries"/,
  );
  const { data } = await graphql(
    server,
    `{ entity(id: "event:${slug}-s1") { ... on Event { participants { entity { id type } role } } } }`,
  );
  const participants = data.entity.participants.map(
    (p: { entity: { id: string; type: string }; role: string | null }) => `${p.entity.id} ${p.role}`,
  );
  // "Somali" names Somalia in the graph (its aliases), so Somalia takes part as the delegation,
  // and as the row's partner country: one edge, the roles merged.
  expect(participants).toEqual(expect.arrayContaining(['person:ahmed-isse head of delegation', 'country:SO delegation; partner country']));
  const junk = await db.read(
    "MATCH (a:Entity {type: 'Agency'}) WHERE toLower(a.name) CONTAINS 'delegation' OR toLower(a.name) CONTAINS 'experts' RETURN collect(a.id) AS ids",
  );
  expect(junk[0]!.ids).toEqual([]);
});

test('bad values in the new columns are rejected with row and column, and nothing is written', async () => {
  const slug = uniqueSlug('bad');
  const row = (id: string, type: string, values: string[]) => [
    id,
    type,
    '2022-02-02',
    'DAY',
    'State Agency',
    'x',
    'KE',
    '',
    '',
    `https://example.org/${slug}/${id}`,
    'T',
    'P',
    '',
    '',
    ...values,
  ];
  const file = writeTable(
    slug,
    [...header, ...extra],
    [
      row('B1', 'MEMORANDUM', ['Ulvi Mehdiyev', '', '', '', '', '']),
      row('B2', 'TRAINING', ['', '', '', 'memorandum:no-such-mou', '', '']),
      row('B3', 'MEETING', ['', '', '', '', '', 'english']),
    ],
  );
  const failure = importTable(db, file);
  await expect(failure).rejects.toThrow(TableValidationError);
  const message = await importTable(db, file).catch((error: Error) => error.message);
  expect(message).toMatch(/row 4 \(B3\), column language: 'english' is not an ISO 639-1 language code/);
  // Rows that parse are checked against the graph next: a person as a party, an unknown memorandum.
  const resolvable = writeTable(
    `${slug}-2`,
    [...header, ...extra],
    [row('B1', 'MEMORANDUM', ['Ulvi Mehdiyev', '', '', '', '', '']), row('B2', 'TRAINING', ['', '', '', 'memorandum:no-such-mou', '', ''])],
  );
  const second = await importTable(db, resolvable).catch((error: Error) => error.message);
  expect(second).toMatch(/row 2 \(B1\), column parties: 'Ulvi Mehdiyev' is person:ulvi-mehdiyev \(a Person\), expected Agency or Country/);
  expect(second).toMatch(/row 3 \(B2\), column under: unknown entity reference 'memorandum:no-such-mou'/);
  const written = await db.read('MATCH (s:Source) WHERE s.url STARTS WITH $prefix RETURN count(s) AS n', {
    prefix: `https://example.org/${slug}/`,
  });
  expect(written[0]!.n).toBe(0);
});

test('the seed: a minister signing the declaration makes her ministry a party; Uganda’s counterparts are entities', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        decl: entity(id: "memorandum:asan-association-declaration-2019") {
          ... on Memorandum {
            parties {
              id
            }
          }
        }
        visit: entity(id: "event:asan-network-facts-f35") {
          ... on Event {
            participants {
              entity {
                id
              }
              role
            }
          }
        }
        minister: entity(id: "person:wilson-muruli-mukasa") {
          ... on Person {
            positions {
              edges {
                node {
                  title
                  organization {
                    id
                  }
                }
              }
            }
          }
        }
        f23: entity(id: "training:asan-network-facts-f23") {
          relations(types: [UNDER]) {
            to {
              id
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(ids(data.decl.parties)).toContain('agency:ae-ministry-of-community-development');
  expect(data.visit.participants).toEqual(
    expect.arrayContaining([
      { entity: { id: 'person:patrick-mugoya' }, role: 'permanent secretary' },
      { entity: { id: 'person:catherine-bitarakwate' }, role: 'permanent secretary' },
    ]),
  );
  expect(data.minister.positions.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
    expect.objectContaining({ title: 'Minister', organization: { id: 'agency:ug-ministry-of-public-service' } }),
  ]);
  expect(data.f23.relations.map((relation: { to: { id: string } }) => relation.to.id)).toEqual(['memorandum:asan-af-2016']);
});
