/**
 * Tables faithful on the documented layout (issue 24, deliverable 1), on the real graph: five
 * rows of our own making in the facts-table layout with no optional columns, the counterparts
 * named only in the object text, as researchers write them. One test per failure the issue
 * found, read back through GraphQL and Cypher; and the dry run's `extracted` section.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../src/app/import';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { importTable } from '../../src/ingest/table/import';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const header =
  'fact_id\tfact_type\tdate\tdate_precision\tsubject\tobject\tcountry_iso2\tplace\tquantity\tsource_url\tsource_title\tsource_publisher\tsource_published_date\tnotes';
const slug = uniqueSlug('k');
const url = (id: string) => `https://example.org/${slug}/${id}`;
/** [fact_id, fact_type, date, subject, object, country]: the documented layout, optional columns left out. */
const rows: [string, string, string, string, string, string][] = [
  [
    'K1',
    'MEETING',
    '2024-10-08',
    'ASAN Service (visit of the Kenyan delegation led by Amina Wanjiru)',
    'Kenyan officials toured the Baku centre',
    'KE',
  ],
  [
    'K2',
    'MEETING',
    '2024-10-09',
    'Somali delegation led by deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan',
    'Study visit to the Baku ASAN centre',
    'SO',
  ],
  [
    'K3',
    'MEMORANDUM',
    '2024-02-14',
    'State Agency',
    'MoU with the Rwanda Governance Board (signed by CEO Usta Kaitesi) on public service delivery',
    'RW',
  ],
  ['K4', 'TRAINING', '2024-05', 'Rwandan civil servants', 'Two-week course under the Feb 2024 MoU, hosted by the State Agency', 'RW'],
  ['K5', 'TRAINING', '2024-06', 'Kenyan delegation', 'Training on one-stop-shop management', 'KE'],
];
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'extraction-')), `${slug}.tsv`);
fs.writeFileSync(
  file,
  `${header}\n${rows.map(([id, type, date, subject, object, country]) => [id, type, date, '', subject, object, country, 'Baku', '', url(id), 'Press release', 'Example', '', ''].join('\t')).join('\n')}\n`,
);
const memorandum = 'memorandum:rw-mou-2024-02-14';

describe('a dry run, then the import', () => {
  test('--dry-run prints every inference under `extracted`, with the phrase it came from, and writes nothing', async () => {
    const outcome = await importFile(db, file, { dryRun: true, transactionRows: 100_000 });
    expect(outcome.text).toMatch(/^\(dry run, nothing written\) /);
    const section = outcome.text.split("  extracted from the rows' text, please review (")[1]!;
    expect(section).toContain(
      '"led by deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan" -> person:abdirahman-mohamed-sheikh-hassan PARTICIPATED_IN event:so-meeting-2024-10-09 (head of delegation (deputy head of the Ministry of Labour))',
    );
    expect(section).toContain(`"with the Rwanda Governance Board" -> agency:rwanda-governance-board PARTY_TO ${memorandum}`);
    expect(section).toContain('"signed by CEO Usta Kaitesi" -> person:usta-kaitesi HOLDS_POSITION agency:rwanda-governance-board (CEO)');
    expect(section).toContain(`"signed by CEO Usta Kaitesi" -> person:usta-kaitesi SIGNED ${memorandum}`);
    expect(section).toContain(`"under the Feb 2024 MoU" -> training:${slug}-k4 UNDER ${memorandum} [matched by date, country and parties]`);
    expect(section).toContain(`"hosted by the State Agency" -> training:${slug}-k4 PROVIDED_BY agency:asan-xidmet`);
    const written = await db.read('MATCH (s:Source) WHERE s.url STARTS WITH $prefix RETURN count(s) AS n', { prefix: url('') });
    expect(written[0]!.n).toBe(0);
  });

  test('imports, every relation cited by its row', async () => {
    const result = await importTable(db, file);
    expect(result.report.unplaced).toEqual([]);
    const uncited = await db.read(
      `MATCH (s:Source) WHERE s.url STARTS WITH $prefix
       MATCH (s)<-[:MENTIONED_IN]-(a:Entity)-[r]->(:Entity) WHERE type(r) <> 'MENTIONED_IN' AND size(coalesce(r.sourceIds, [])) = 0
       RETURN count(r) AS n`,
      { prefix: url('') },
    );
    expect(uncited[0]!.n).toBe(0);
  });

  test('context is not an alias: the visitor named in the subject does not find the agency', async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          agency: entity(id: "agency:asan-xidmet") {
            aliases
          }
          search(query: "Amina Wanjiru", first: 20) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data.agency.aliases.filter((alias: string) => /Kenyan|Wanjiru|visit/i.test(alias))).toEqual([]);
    expect(data.search.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain('agency:asan-xidmet');
  });

  test('a four-part name with an honorific particle is the head of the delegation', async () => {
    const { data } = await graphql(
      server,
      '{ entity(id: "event:so-meeting-2024-10-09") { ... on Event { participants { entity { id name } role } } } }',
    );
    expect(data.entity.participants).toEqual(
      expect.arrayContaining([
        {
          entity: { id: 'person:abdirahman-mohamed-sheikh-hassan', name: 'Abdirahman Mohamed Sheikh Hassan' },
          role: 'head of delegation (deputy head of the Ministry of Labour)',
        },
      ]),
    );
  });

  test('the counterpart board and its CEO, named only in the object, are the party and the signatory', async () => {
    const { data } = await graphql(
      server,
      `{ mou: entity(id: "${memorandum}") { ... on Memorandum { parties { id } signatories { id } } }
         ceo: entity(id: "person:usta-kaitesi") { ... on Person { positions { edges { node { title organization { id } country { code } } } } } } }`,
    );
    expect(data.mou.parties.map((party: { id: string }) => party.id)).toEqual(
      expect.arrayContaining(['agency:rwanda-governance-board', 'agency:asan-xidmet', 'country:RW']),
    );
    expect(data.mou.signatories).toEqual([{ id: 'person:usta-kaitesi' }]);
    expect(data.ceo.positions.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { title: 'CEO', organization: { id: 'agency:rwanda-governance-board' }, country: { code: 'RW' } },
    ]);
  });

  test("the training's memorandum and provider come from its text", async () => {
    const { data } = await graphql(server, `{ entity(id: "training:${slug}-k4") { ... on Training { provider { id } under { id } } } }`);
    expect(data.entity).toEqual({ provider: { id: 'agency:asan-xidmet' }, under: { id: memorandum } });
  });

  test('one row, one TRAINED edge to its country: the roles merged', async () => {
    const edges = await db.read('MATCH (:Entity {id: $training})-[r:TRAINED]->(:Entity {id: "country:KE"}) RETURN r.role AS role', {
      training: `training:${slug}-k5`,
    });
    expect(edges.map((edge) => edge.role)).toEqual(['Kenyan delegation; partner country']);
  });
});
