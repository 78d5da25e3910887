/**
 * The ASAN network facts table, loaded as a seed: typed entities, citations, claims and
 * conflicts, idempotent re-import, and a bad table rejected whole with its row numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/core/db/database';
import { importTable } from '../../src/ingest/table/import';
import { TableValidationError } from '../../src/ingest/table/parse';
import type { RunningServer } from '../../src/app/server';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

const seedTable = path.join(__dirname, '../../seeds/asan-network-facts.tsv');
let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const header =
  'fact_id\tfact_type\tdate\tdate_precision\tsubject\tobject\tcountry_iso2\tplace\tquantity\tsource_url\tsource_title\tsource_publisher\tsource_published_date\tnotes';

test('every row of the table is in the graph, cited to its source', async () => {
  const rows = fs.readFileSync(seedTable, 'utf8').trim().split('\n').slice(1);
  expect(rows).toHaveLength(64);
  const urls = [...new Set(rows.map((row) => new URL(row.split('\t')[9]!).href))];
  const found = await db.read('MATCH (s:Source) WHERE s.url IN $urls RETURN count(s) AS n', { urls });
  expect(found[0]!.n).toBe(urls.length);
  // Every relation a table source supports carries its citation.
  const uncited = await db.read(
    `MATCH (s:Source) WHERE s.url IN $urls
     MATCH (s)<-[:MENTIONED_IN]-(a:Entity)-[r]->(:Entity) WHERE type(r) <> 'MENTIONED_IN' AND size(coalesce(r.sourceIds, [])) = 0
     RETURN count(r) AS n`,
    { urls },
  );
  expect(uncited[0]!.n).toBe(0);
});

test('the named centres, with city, country, model and opening date', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        hoima: entity(id: "center:ug-hoima") {
          name
          aliases
          ... on ServiceCenter {
            city
            country {
              code
            }
            opened {
              iso
              precision
            }
            modelledOn {
              id
            }
            operator {
              id
            }
          }
        }
        mesob: entity(id: "center:et-addis-ababa") {
          name
          aliases
          ... on ServiceCenter {
            country {
              code
            }
            opened {
              iso
              precision
            }
          }
        }
        islamabad: entity(id: "center:pk-islamabad") {
          name
          aliases
          ... on ServiceCenter {
            establishedUnder {
              id
            }
          }
        }
        suzana: entity(id: "person:suzana-pribilovic") {
          name
          aliases
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(data.hoima).toMatchObject({
    city: 'Hoima',
    country: { code: 'UG' },
    modelledOn: { id: 'agency:asan-xidmet' },
    operator: { id: 'agency:ug-ministry-of-public-service' },
  });
  expect(data.hoima.aliases).toContain('Hoima');
  expect(data.mesob.aliases).toContain('MESOB');
  expect(data.mesob.country.code).toBe('ET');
  expect(data.islamabad.aliases).toContain('Asan Khidmat Markaz');
  expect(data.islamabad.establishedUnder.id).toBe('memorandum:pk-agreement-2025-09-10');
  expect(data.suzana.name).toBe('Suzana Pribilović');
  expect(data.suzana.aliases).toEqual(expect.arrayContaining(['Suzana Pribilovic', 'Pribilovic']));
});

test('Azerbaijan is linked to at least 12 partner countries through cited facts', async () => {
  const rows = await db.read(
    `MATCH (az:Country {code: 'AZ'})
     MATCH (fact:Entity)-[]-(side:Entity) WHERE fact.type IN ['Memorandum', 'ServiceCenter', 'Training', 'Event']
       AND (side = az OR (side)-[:BASED_IN]->(az))
     MATCH (fact)-[]-(other:Entity)
     OPTIONAL MATCH (other)-[:BASED_IN]->(based:Country)
     WITH coalesce(CASE WHEN other:Country THEN other END, based) AS partner WHERE partner IS NOT NULL AND partner <> az
     RETURN collect(DISTINCT partner.code) AS codes`,
  );
  expect((rows[0]!.codes as string[]).length).toBeGreaterThanOrEqual(12);
});

test('dated facts keep their precision; a missing date stays missing', async () => {
  const { data } = await graphql(
    server,
    `
      {
        a: entity(id: "memorandum:ug-mou-2018-09") {
          ... on Memorandum {
            signed {
              iso
              precision
            }
            parties {
              id
            }
          }
        }
        b: entity(id: "memorandum:id-mou-2017") {
          ... on Memorandum {
            signed {
              iso
              precision
            }
          }
        }
        c: entity(id: "training:asan-network-facts-f24") {
          ... on Training {
            date {
              iso
            }
          }
        }
      }
    `,
  );
  expect(data.a.signed).toEqual({ iso: '2018-09', precision: 'MONTH' });
  expect(data.a.parties.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['agency:asan-xidmet', 'country:UG']));
  expect(data.b.signed).toEqual({ iso: '2017', precision: 'YEAR' });
  expect(data.c.date).toBeNull();
});

test('conflicts: every disagreement the sources record, each claim cited', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        conflicts(first: 100) {
          totalCount
          edges {
            cursor
            node {
              subject {
                id
              }
              property
              claims {
                value
                citations {
                  source {
                    id
                    url
                  }
                  quote
                }
              }
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  const conflicts = data.conflicts.edges.map(
    (edge: { node: { subject: { id: string }; property: string; claims: { value: string }[] } }) => edge.node,
  );
  const find = (id: string, property: string) =>
    conflicts.find((c: { subject: { id: string }; property: string }) => c.subject.id === id && c.property === property);
  const values = (id: string, property: string) =>
    find(id, property)
      ?.claims.map((claim: { value: string }) => claim.value)
      .sort();
  expect(values('memorandum:asan-association-declaration-2019', 'signatory countries')).toEqual([
    '10 nations (as stated)',
    '8 countries',
    '9 countries named',
  ]);
  expect(values('center:ug-hoima', 'participating bodies')).toEqual(['14 state bodies', '26 ministries and agencies']);
  expect(values('center:et-addis-ababa', 'opened')).toEqual(['2025-05', '2025-06']);
  expect(values('person:li-junhua', 'title')).toEqual([
    'Assistant Secretary-General',
    'Deputy Secretary-General',
    'Under-Secretary-General',
  ]);
  expect(find('award:un-special-2019', 'name').claims).toHaveLength(2);
  expect(find('memorandum:pk-agreement-2025-09-10', 'parties').claims).toHaveLength(2);
  for (const conflict of conflicts) for (const claim of conflict.claims) expect(claim.citations.length).toBeGreaterThan(0);

  const one = await graphql(
    server,
    `
      {
        conflicts(entity: "center:et-addis-ababa") {
          totalCount
          edges {
            node {
              property
            }
          }
        }
      }
    `,
  );
  expect(one.data.conflicts.edges.map((e: { node: { property: string } }) => e.node.property)).toEqual(['opened']);
  const page = await graphql(
    server,
    `
      query ($after: String) {
        conflicts(first: 2, after: $after) {
          edges {
            node {
              property
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    `,
    { after: data.conflicts.edges[1].cursor },
  );
  expect(page.data.conflicts.edges[0].node.property).toBe(data.conflicts.edges[2].node.property);
});

test('disputed relations: the Pakistan agreement parties and Li Junhua titles; undisputed edges are not', async () => {
  const { data } = await graphql(
    server,
    `
      {
        pk: entity(id: "memorandum:pk-agreement-2025-09-10") {
          relations(types: [PARTY_TO]) {
            from {
              id
            }
            disputed
            citations {
              source {
                id
              }
            }
          }
        }
        li: entity(id: "person:li-junhua") {
          relations(types: [HOLDS_POSITION]) {
            role
            disputed
          }
        }
        ug: entity(id: "memorandum:ug-mou-2018-09") {
          relations {
            disputed
          }
        }
      }
    `,
  );
  const pk = Object.fromEntries(data.pk.relations.map((r: { from: { id: string }; disputed: boolean }) => [r.from.id, r.disputed]));
  expect(pk).toMatchObject({ 'agency:government-of-azerbaijan': true, 'agency:asan-xidmet': true, 'country:PK': false });
  expect(data.li.relations.every((r: { disputed: boolean }) => r.disputed)).toBe(true);
  expect(data.li.relations).toHaveLength(3);
  expect(data.ug.relations.some((r: { disputed: boolean }) => r.disputed)).toBe(false);
});

test('importing the table again changes nothing', async () => {
  const count = () =>
    db.read(
      `MATCH (s:Source) WHERE s.url STARTS WITH 'http' WITH collect(s.id) AS ids
       MATCH (n)-[r]->() WHERE any(id IN coalesce(r.sourceIds, []) WHERE id IN ids)
       WITH ids, count(r) AS relations, sum(size(r.sourceIds)) AS citations
       MATCH (c:Claim) WHERE any(id IN c.sourceIds WHERE id IN ids)
       RETURN relations, citations, count(c) AS claims, sum(size(c.sourceIds)) AS claimCitations`,
    );
  const before = await count();
  const started = Date.now();
  const result = await importTable(db, seedTable);
  expect(result.unchanged).toBe(true);
  expect(await count()).toEqual(before);
  expect(Date.now() - started).toBeLessThan(10000);
});

test('a table with one bad row is rejected with its row number, and nothing is written', async () => {
  const slug = uniqueSlug('badtable');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-'));
  const good = (id: string, date: string, cc: string, type = 'MEETING') =>
    `${id}\t${type}\t${date}\t\tPerson ${slug}\tA meeting\t${cc}\t${slug}-town\t\thttps://example.org/${slug}/${id}\tTitle ${id}\tPublisher\t\t`;
  const cases: [string, string, RegExp][] = [
    ['fact_type', good('X2', '2020-01-01', 'UG', 'PARTY'), /row 3 \(X2\), column fact_type: unknown fact_type 'PARTY'/],
    ['date', good('X2', '2019-13', 'UG'), /row 3 \(X2\), column date: bad date '2019-13'/],
    ['country', good('X2', '2020-01-01', 'QQ'), /row 3 \(X2\), column country_iso2: unknown country code 'QQ'/],
  ];
  for (const [name, bad, message] of cases) {
    const file = path.join(dir, `${slug}-${name}.tsv`);
    fs.writeFileSync(file, [header, good('X1', '2020-01-01', 'UG'), bad, good('X3', '2020-02-02', 'KE')].join('\n'));
    await expect(importTable(db, file)).rejects.toThrow(TableValidationError);
    await expect(importTable(db, file)).rejects.toThrow(message);
  }
  const written = await db.read('MATCH (s:Source) WHERE s.url STARTS WITH $prefix RETURN count(s) AS n', {
    prefix: `https://example.org/${slug}/`,
  });
  expect(written[0]!.n).toBe(0);

  // The same table fixed imports, reports what it created, and a CSV works the same way.
  const csv = path.join(dir, `${slug}.csv`);
  fs.writeFileSync(
    csv,
    [header, good('X1', '2020-01-01', 'UG'), good('X3', '2020-02-02', 'KE')]
      .map((line) =>
        line
          .split('\t')
          .map((cell) => (cell.includes(',') ? `"${cell}"` : cell))
          .join(','),
      )
      .join('\n'),
  );
  const result = await importTable(db, csv);
  expect(result.report.created.map((line) => line.name)).toContain(`Person ${slug}`);
  const again = await importTable(db, csv);
  expect(again.unchanged).toBe(true);
});

test("Hoima's dispute read inline: the two sources' counts of participating bodies, each disputed and cited by its own source", async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        entity(id: "center:ug-hoima") {
          quantities(metric: "participating bodies") {
            value
            qualifier
            text
            disputed
            citations {
              source {
                url
              }
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  const byText = Object.fromEntries(data.entity.quantities.map((q: { text: string }) => [q.text, q]));
  expect(byText['14 state bodies']).toMatchObject({
    value: 14,
    qualifier: 'EXACT',
    disputed: true,
    citations: [{ source: { url: expect.stringContaining('metbuat.az') } }],
  });
  expect(byText['26 ministries and agencies']).toMatchObject({
    value: 26,
    qualifier: 'EXACT',
    disputed: true,
    citations: [{ source: { url: expect.stringContaining('ntv.co.ug') } }],
  });
});
