/**
 * GET /export/...: every format read back by a real parser of that format (networkx for GraphML
 * and GEXF, csv-parse, jsonld.js, citation-js's BibTeX parser and its citeproc-js rendering of
 * CSL-JSON), compared with what Cypher counts and GraphQL answers on the same database; filters
 * against the list queries; bad parameters; auth; the dataset version; a client that leaves
 * mid-stream ending the Neo4j read; exports queued for a slot, one a client; and a client that
 * stops reading losing its export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net, { type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { defaultLimits } from '../../src/app/plugins/limits';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { relationTypeNames } from '../../src/core/model/registry';
import { entityNodeProperties } from '../../src/core/model/storage';
import { recordChange } from '../../src/features/audit/audit.repository';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { buildRoutes } from '../../src/app/routes';
import { silentLogger } from '../../src/core/logger';
import { DatasetVersions } from '../../src/features/export/version';
import { bundleHash, writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { citationJs } from '../support/citation-js';
import { graphql, startTestServer, uniqueSlug, useTestServer } from '../support/harness';
import { ask, describe as describeTraining } from '../../examples/afghan-trainings';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const base = () => server.url.replace(/\/graphql$/, '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-exports-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function download(
  file: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(`${base()}/export/${file}${query}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const relationPattern = relationTypeNames.join('|');

async function graphCounts(): Promise<{ nodes: number; edges: number }> {
  const rows = await db.read(
    `RETURN COUNT { MATCH (e:Entity) } AS nodes, COUNT { MATCH (:Entity)-[r:${relationPattern}]->(:Entity) } AS edges`,
  );
  return { nodes: rows[0]!.nodes as number, edges: rows[0]!.edges as number };
}

/** Reads a graph file with networkx (python3), as Gephi users' scripts would. */
function networkx(
  file: string,
  reader: 'read_graphml' | 'read_gexf',
): { nodes: number; edges: number; graph: Record<string, unknown>; yearSpans: [string, string, string][] } {
  const script = `
import json, sys, networkx as nx
g = nx.${reader}(sys.argv[1])
spans = [(d.get('when'), d.get('start'), d.get('end')) for _, d in g.nodes(data=True) if d.get('when_precision') == 'YEAR' and d.get('type') in ('Event', 'Training', 'Award', 'Statistic')]
print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'graph': {k: v for k, v in g.graph.items() if isinstance(v, str)}, 'yearSpans': spans}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as ReturnType<typeof networkx>;
}

describe('graph formats read by networkx', () => {
  test('GraphML: as many nodes and edges as Cypher counts, the dataset version as graph data and header', async () => {
    const response = await download('graph.graphml');
    expect(response.status).toBe(200);
    const version = response.headers.get('x-dataset-version')!;
    expect(version).toMatch(/^[0-9a-f]{16}(@\d{4}-\d\d-\d\dT[\d:.]+Z)?$/);
    fs.writeFileSync(path.join(tmp, 'graph.graphml'), response.body);
    const read = networkx(path.join(tmp, 'graph.graphml'), 'read_graphml');
    expect({ nodes: read.nodes, edges: read.edges }).toEqual(await graphCounts());
    expect(read.graph.datasetVersion).toBe(version);
  });

  test('GEXF: the same counts; a year-dated event spans its whole year, not 1 January', async () => {
    const response = await download('graph.gexf');
    expect(response.status).toBe(200);
    fs.writeFileSync(path.join(tmp, 'graph.gexf'), response.body);
    const read = networkx(path.join(tmp, 'graph.gexf'), 'read_gexf');
    expect({ nodes: read.nodes, edges: read.edges }).toEqual(await graphCounts());
    expect(response.body).toContain(`dataset version ${response.headers.get('x-dataset-version')}`);
    expect(read.yearSpans.length).toBeGreaterThan(0);
    for (const [when, start, end] of read.yearSpans) expect([start, end]).toEqual([`${when}-01-01`, `${when}-12-31`]);
  });
});

interface GraphQLRelation {
  type: string;
  role: string | null;
  from: { id: string };
  to: { id: string };
  start: { iso: string; precision: string } | null;
  disputed: boolean;
  citations: { source: { id: string }; quote: string | null; quoteTranslation: string | null }[];
}

describe('CSV', () => {
  test('nodes.csv: UTF-8 with a BOM, one row per entity, names in any script intact', async () => {
    const response = await fetch(`${base()}/export/nodes.csv`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength((await graphCounts()).nodes);
    const ambassador = rows.find((row) => row.Id === 'person:amanullah-ceyhun');
    expect(ambassador?.aliases).toContain('Джейхун');
    expect(new Set(rows.map((row) => row.dataset_version))).toEqual(new Set([response.headers.get('x-dataset-version')]));
  });

  test('relations.csv: one row per relation, no citation columns; citations.csv: its citations, one row each; both what GraphQL says', async () => {
    const response = await fetch(`${base()}/export/relations.csv`);
    const rows = parseCsv(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength((await graphCounts()).edges);
    expect(Object.keys(rows[0]!).filter((column) => column.startsWith('citation'))).toEqual([]);
    const citations = parseCsv(Buffer.from(await (await fetch(`${base()}/export/citations.csv`)).arrayBuffer()), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const answer = await graphql<{ entity: { relations: (GraphQLRelation & { id: string })[] } }>(
      server,
      `
        {
          entity(id: "agency:asan-xidmet") {
            relations(direction: OUT) {
              id
              type
              role
              from {
                id
              }
              to {
                id
              }
              start {
                iso
                precision
              }
              disputed
              citations {
                source {
                  id
                }
                quote
                quoteTranslation(lang: "en")
              }
            }
          }
        }
      `,
    );
    const relations = answer.data!.entity.relations;
    expect(relations.length).toBeGreaterThan(3);
    for (const relation of relations) {
      const row = rows.find((r) => r.Id === relation.id)!;
      expect([row.Source, row.Target, row.Label, row.role]).toEqual([relation.from.id, relation.to.id, relation.type, relation.role ?? '']);
      expect(row.start).toBe(relation.start?.iso ?? '');
      expect(row.start_precision).toBe(relation.start?.precision ?? '');
      expect(row.disputed).toBe(String(relation.disputed));
      const cited = citations
        .filter((citation) => citation.statement_id === relation.id)
        .map((citation) => ({ source: citation.source, quote: citation.quote || null, quoteTranslation: citation.quote_en || null }));
      expect(cited).toEqual(relation.citations.map((c) => ({ source: c.source.id, quote: c.quote, quoteTranslation: c.quoteTranslation })));
    }
  });
});

test('JSON-LD expands with jsonld.js: every entity, every relation as a statement with its dates typed at their precision', async () => {
  const response = await download('graph.jsonld');
  const expanded = (await jsonld.expand(JSON.parse(response.body))) as Record<string, unknown>[];
  const graph = expanded[0]!['@graph'] as Record<string, unknown>[];
  const counts = await graphCounts();
  const typed = (type: string) => graph.filter((item) => ((item['@type'] as string[] | undefined) ?? []).includes(type));
  expect(
    graph.filter((item) =>
      ((item['@type'] as string[] | undefined) ?? []).some(
        (t) => t.startsWith('urn:coopgraph:vocab:') && t !== 'urn:coopgraph:vocab:Relation',
      ),
    ),
  ).toHaveLength(counts.nodes);
  const statements = typed('http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement');
  expect(statements).toHaveLength(counts.edges);
  expect(expanded[0]!['https://schema.org/version']).toEqual([{ '@value': response.headers.get('x-dataset-version') }]);
  const dated = statements.flatMap((s) => (s['https://schema.org/startDate'] as { '@value': string; '@type': string }[] | undefined) ?? []);
  expect(dated.length).toBeGreaterThan(0);
  for (const date of dated)
    expect(date['@type']).toBe(
      date['@value'].length === 4
        ? 'http://www.w3.org/2001/XMLSchema#gYear'
        : date['@value'].length === 7
          ? 'http://www.w3.org/2001/XMLSchema#gYearMonth'
          : 'http://www.w3.org/2001/XMLSchema#date',
    );
});

describe('sources', () => {
  async function storedSources(): Promise<Map<string, { title: string; published: string | null }>> {
    const rows = await db.read('MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.published AS published');
    return new Map(
      rows.map((row) => [row.id as string, { title: row.title as string, published: (row.published as string | null) ?? null }]),
    );
  }

  test('sources.bib parses with a BibTeX parser: every source, its title and date as stored', async () => {
    const response = await download('sources.bib');
    expect(response.body.startsWith(`@comment{coopgraph sources, dataset version ${response.headers.get('x-dataset-version')}}`)).toBe(
      true,
    );
    const entries = citationJs('bibtex', response.body) as Record<string, unknown>[];
    const stored = await storedSources();
    expect(entries).toHaveLength(stored.size);
    for (const entry of entries) {
      const source = stored.get(entry['citation-key'] as string)!;
      expect(entry.title).toBe(source.title.replace(/\s+/g, ' ').trim());
      const parts = (entry.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0];
      // An undated source has no issued date.
      expect(parts?.[0]).toBe(source.published ? Number(source.published.slice(0, 4)) : undefined);
    }
  });

  test('sources.csl.json renders with citeproc-js; dates are date-parts at their precision', async () => {
    const response = await download('sources.csl.json');
    const items = JSON.parse(response.body) as { id: string; issued?: { 'date-parts': number[][] } }[];
    const stored = await storedSources();
    expect(items.map((item) => item.id).sort()).toEqual([...stored.keys()].sort());
    for (const item of items) {
      const published = stored.get(item.id)!.published;
      const precise = published ? published.slice(0, 10).split('-').length : 0;
      expect(item.issued?.['date-parts'][0]?.length ?? 0).toBe(precise);
    }
    const rendered = citationJs('render', JSON.stringify(items)) as string;
    expect(rendered.split('\n').filter((line) => line.trim() !== '')).toHaveLength(items.length);
  });
});

describe('filters', () => {
  async function listed(field: string, filter: string): Promise<string[]> {
    const answer = await graphql<{ list: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      server,
      `{ list: ${field}(filter: ${filter}, first: 100) { edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    expect(answer.data!.list.pageInfo.hasNextPage).toBe(false);
    return answer.data!.list.edges.map((edge) => edge.node.id).sort();
  }

  async function exportedIds(query: string): Promise<string[]> {
    const response = await download('nodes.csv', query);
    expect(response.status).toBe(200);
    return (parseCsv(response.body, { bom: true, columns: true }) as { Id: string }[]).map((row) => row.Id).sort();
  }

  test("type and country as parameters: exactly the list query's entities", async () => {
    const ids = await exportedIds('?type=Agency&country=AF');
    expect(ids.length).toBeGreaterThan(2);
    expect(ids).toEqual(await listed('agencies', '{country: "AF"}'));
  });

  test("a JSON filter with a relation condition: exactly the list query's entities, and only relations between them", async () => {
    const filter = { related: [{ types: ['PROVIDED_BY'], direction: 'OUT', where: { country: 'AZ' } }] };
    const ids = await exportedIds(`?type=TRAINING&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(await listed('trainings', '{related: [{types: [PROVIDED_BY], direction: OUT, where: {country: "AZ"}}]}'));
    const relations = await download('relations.csv', '?type=Agency&country=AZ');
    const agencies = new Set(await exportedIds('?type=Agency&country=AZ'));
    const rows = parseCsv(relations.body, { bom: true, columns: true }) as { Source: string; Target: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([agencies.has(row.Source), agencies.has(row.Target)]).toEqual([true, true]);
  });

  test('filtered source exports hold the sources the selected entities are mentioned in', async () => {
    const rows = await db.read(
      "MATCH (e:Agency)-[:BASED_IN|LOCATED_IN]->(:Country {code: 'AF'}) MATCH (e)-[:MENTIONED_IN]->(s:Source) RETURN collect(DISTINCT s.id) AS ids",
    );
    const expected = (rows[0]!.ids as string[]).sort();
    expect(expected.length).toBeGreaterThan(0);
    const csl = JSON.parse((await download('sources.csl.json', '?type=Agency&country=AF')).body) as { id: string }[];
    expect(csl.map((item) => item.id)).toEqual(expected);
    const bib = citationJs('bibtex', (await download('sources.bib', '?type=Agency&country=AF')).body) as { 'citation-key': string }[];
    expect(bib.map((entry) => entry['citation-key'])).toEqual(expected);
  });

  test.each([
    ['?typo=1', 'typo'],
    ['?type=Agent', 'type'],
    ['?country=Afghanistan', 'country'],
    ['?type=Agency&kind=MOU', 'kind[0]'],
    ['?from=2021-13', 'from'],
    ['?country=AF&country=AZ', 'country'],
    ['?filter={"country":"AF","bogus":1}', 'filter'],
    ['?filter={"related":[{"types":["NOPE"]}]}', 'filter.related[0].types[0]'],
    ['?filter={"country":"AF"}&text=x', 'text'],
    ['?lang=english', 'lang'],
  ])('%s: 400 BAD_USER_INPUT naming %s, nothing streamed', async (query, argument) => {
    const response = await download('graph.graphml', query.replace(/[{}"[\]]/g, encodeURIComponent));
    expect(response.status).toBe(400);
    expect(response.headers.get('x-dataset-version')).toBeNull();
    const body = JSON.parse(response.body) as { errors: { extensions: { code: string; argument: string; expected: string } }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(body.errors[0]!.extensions.expected.length).toBeGreaterThan(5);
  });

  test('an unknown export is 404, a POST 405', async () => {
    expect((await download('graph.xlsx')).status).toBe(404);
    expect((await fetch(`${base()}/export/nodes.csv`, { method: 'POST' })).status).toBe(405);
  });
});

describe('dataset version', () => {
  test('Query.datasetVersion is what exports name; a write moves the hash, undoing it restores it', async () => {
    const before = await graphql<{ datasetVersion: { hash: string; label: string } }>(
      server,
      '{ datasetVersion { hash lastChange label } }',
    );
    expect((await download('sources.bib')).headers.get('x-dataset-version')).toBe(before.data!.datasetVersion.label);
    const id = `agency:${uniqueSlug('export-version')}`;
    await db.write('CREATE (e:Entity:Agency) SET e = $props', {
      props: entityNodeProperties({ id, type: 'Agency', name: 'Export version probe' }, 'source:none'),
    });
    const during = await graphql<{ datasetVersion: { hash: string } }>(server, '{ datasetVersion { hash } }');
    expect(during.data!.datasetVersion.hash).not.toBe(before.data!.datasetVersion.hash);
    await db.write('MATCH (e:Entity {id: $id}) DELETE e', { id });
    const after = await graphql<{ datasetVersion: { hash: string } }>(server, '{ datasetVersion { hash } }');
    expect(after.data!.datasetVersion.hash).toBe(before.data!.datasetVersion.hash);
  });

  test('an import with no audit record (the ingest library, no audit hook) moves lastChange to its time; the same bundle imported again leaves the hash as it was', async () => {
    const bundle = testBundle('export-last-change');
    await writeBundle(db, bundle, 'bundle.json');
    const [source] = await db.read('MATCH (s:Source {id: $id}) RETURN s.importedAt AS at', { id: bundle.source.id });
    const after = await graphql<{ datasetVersion: { hash: string; lastChange: string } }>(server, '{ datasetVersion { hash lastChange } }');
    expect(after.data!.datasetVersion.lastChange >= (source!.at as string)).toBe(true);
    // Written again with a new content hash and import time, the same content: the dataset hash is the same.
    await db.write('MATCH (s:Source {id: $id}) SET s.contentHash = null', { id: bundle.source.id });
    await writeBundle(db, bundle, 'bundle.json');
    await db.write('MATCH (s:Source {id: $id}) SET s.contentHash = $hash', { id: bundle.source.id, hash: bundleHash(bundle) });
    const [again] = await db.read('MATCH (s:Source {id: $id}) RETURN s.importedAt AS at', { id: bundle.source.id });
    expect((again!.at as string) > (source!.at as string)).toBe(true);
    const reimported = await graphql<{ datasetVersion: { hash: string; lastChange: string } }>(
      server,
      '{ datasetVersion { hash lastChange } }',
    );
    expect(reimported.data!.datasetVersion).toEqual({ hash: after.data!.datasetVersion.hash, lastChange: expect.any(String) });
    expect(reimported.data!.datasetVersion.lastChange >= (again!.at as string)).toBe(true);
  });

  test('changes.jsonl: the version first, then each recorded change as Query.changes returns it', async () => {
    const entity = `agency:${uniqueSlug('export-audit')}`;
    await db.writeTransaction((tx) =>
      recordChange(tx, {
        by: 'apikey:export-test',
        action: 'UPDATE_ENTITY',
        entityIds: [entity],
        reason: 'export test',
        before: { name: 'A' },
        after: { name: 'Б' },
        requestId: null,
      }),
    );
    const response = await download('changes.jsonl', `?entity=${encodeURIComponent(entity)}`);
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ datasetVersion: response.headers.get('x-dataset-version') });
    const answer = await graphql<{ changes: { edges: { node: Record<string, unknown> }[] } }>(
      server,
      `{ changes(entity: "${entity}") { edges { node { id at by action entities reason before after requestId } } } }`,
    );
    expect(lines.slice(1)).toEqual(answer.data!.changes.edges.map((edge) => edge.node));
    expect(lines).toHaveLength(2);
    expect((await download('changes.jsonl', '?type=Agency')).status).toBe(400);
  });
});

test('with AUTH_READS=token an export needs a token, as a query does', async () => {
  const closed = await startTestServer(db, {
    auth: {
      reads: 'token',
      jwt: { secret: null, jwksUrl: null, issuer: null, audience: null, roleClaim: 'role', clockToleranceSeconds: 5 },
    },
  });
  try {
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: `exports ${uniqueSlug('reader')}`, role: 'reader', hash: key.hash });
    const url = `${closed.url.replace(/\/graphql$/, '')}/export/nodes.csv`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="coopgraph"');
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(
      (await fetch(url, { headers: { authorization: 'Bearer cg_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status,
    ).toBe(401);
    const allowed = await fetch(`${url.replace('nodes.csv', 'changes.jsonl')}`, { headers: { authorization: `Bearer ${key.token}` } });
    expect(allowed.status).toBe(200);
    await allowed.text();
  } finally {
    await closed.stop();
  }
});

describe('a client that leaves', () => {
  const prefix = `${uniqueSlug('export-leave')}`;
  const count = 3000;

  beforeAll(async () => {
    // About 12 MB of nodes.csv: more than the socket buffers between server and client hold.
    const description = 'Ş'.repeat(2000);
    const rows = Array.from({ length: count }, (_, i) =>
      entityNodeProperties({ id: `agency:${prefix}-${i}`, type: 'Agency', name: `Leaving ${i}`, description }, 'source:none'),
    );
    await db.write('UNWIND $rows AS row CREATE (e:Entity:Agency) SET e = row', { rows });
  });
  afterAll(async () => {
    await db.write('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: `agency:${prefix}` });
  });

  async function exportTransactions(requestId: string): Promise<number> {
    const rows = await db.read('SHOW TRANSACTIONS YIELD metaData WHERE metaData.requestId = $requestId RETURN count(*) AS n', {
      requestId,
    });
    return rows[0]!.n as number;
  }

  /** The request's open transactions once they are gone, or after 10 s: polled, as Neo4j announces no transaction's end. */
  async function transactionsEnd(requestId: string): Promise<number> {
    const deadline = Date.now() + 10_000;
    while ((await exportTransactions(requestId)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return exportTransactions(requestId);
  }

  /** True once `socket` has received nothing for `quietMs`; false if it still receives after `timeoutMs`. */
  async function stalled(socket: Socket, quietMs: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let before = -1; Date.now() < deadline;) {
      if (socket.bytesRead === before) return true;
      before = socket.bytesRead;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    return false;
  }

  /** Starts a download and stops reading after its first chunk, holding the export open. */
  async function pausedDownload(url: URL, requestId: string): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
    const request = http.get(url, { headers: { 'x-request-id': requestId } });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
    await new Promise<void>((resolve) => response.once('data', () => resolve()));
    response.pause();
    return { request, response };
  }

  /** A reader API key: its exports count against its subject, not the test's IP address. */
  async function readerToken(): Promise<string> {
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: `exports ${uniqueSlug('queue')}`, role: 'reader', hash: key.hash });
    return key.token;
  }

  /** Polls until the request has a transaction open in Neo4j, for 15 s at most. */
  async function transactionStarts(requestId: string): Promise<number> {
    const deadline = Date.now() + 15_000;
    while ((await exportTransactions(requestId)) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return exportTransactions(requestId);
  }

  test("a client's second export waits for its first; past EXPORT_QUEUE_WAIT_MS it is refused with 503 and Retry-After", async () => {
    const narrow = await startTestServer(db, { exports: { timeoutMs: 60_000, maxInFlight: 2, queueWaitMs: 500 } });
    const url = new URL(`${narrow.url.replace(/\/graphql$/, '')}/export/nodes.csv?idPrefix=agency:${prefix}`);
    try {
      const first = await pausedDownload(url, uniqueSlug('export-first'));
      const started = Date.now();
      const second = await fetch(url);
      // A slot is free: the wait is for this client's own first export.
      expect(second.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(second.headers.get('retry-after')).toBe('5');
      expect(((await second.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({
        code: 'SERVICE_OVERLOADED',
        limit: 'maxExportsPerClient',
        maximum: 1,
      });
      first.request.destroy();
    } finally {
      await narrow.stop();
    }
  });

  test('past EXPORTS_IN_FLIGHT another client waits for a slot, and is refused with 503 only once the queue is full', async () => {
    const narrow = await startTestServer(db, { exports: { timeoutMs: 60_000, maxInFlight: 1, queueSize: 1, queueWaitMs: 60_000 } });
    const url = new URL(`${narrow.url.replace(/\/graphql$/, '')}/export/nodes.csv?idPrefix=agency:${prefix}`);
    const token = await readerToken();
    try {
      const first = await pausedDownload(url, uniqueSlug('export-first'));
      // Two other clients (two subjects) ask at once: the queue holds one, the other finds it full.
      const others = [token, await readerToken()].map((bearer) => fetch(url, { headers: { authorization: `Bearer ${bearer}` } }));
      const refused = await Promise.race(others);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({
        code: 'SERVICE_OVERLOADED',
        limit: 'maxExportsInFlight',
        maximum: 1,
      });
      // /metrics shows the one streaming and the one waiting.
      const metrics = await (await fetch(narrow.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(metrics.match(/^coopgraph_exports_(in_flight|queued) \d+$/gm)?.sort()).toEqual([
        'coopgraph_exports_in_flight 1',
        'coopgraph_exports_queued 1',
      ]);
      // The one that waited is served once the first export's client leaves.
      first.request.destroy();
      const answers = await Promise.all(others);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 503]);
      const served = answers.find((answer) => answer.status === 200)!;
      expect((await served.text()).trim().split('\n')).toHaveLength(count + 1);
    } finally {
      await narrow.stop();
    }
  });

  test('a client that reads nothing for EXPORT_STALL_MS loses its export: socket destroyed, slot and transaction freed, the next client served', async () => {
    const narrow = await startTestServer(db, { exports: { timeoutMs: 600_000, maxInFlight: 1, stallMs: 1000, queueWaitMs: 60_000 } });
    const requestId = uniqueSlug('export-stalled');
    const path = `/export/nodes.csv?idPrefix=agency:${prefix}`;
    // A raw socket that sends its request and never reads: the server's writes fill every buffer and wait.
    const stalled = net.connect(narrow.port, '127.0.0.1');
    stalled.pause();
    stalled.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
    stalled.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${requestId}\r\n\r\n`);
    try {
      expect(await transactionStarts(requestId)).toBe(1);
      // Another client (a token's subject) finds the only slot held, and waits for it.
      const token = await readerToken();
      const otherId = uniqueSlug('export-after-stall');
      const other = fetch(`${narrow.url.replace(/\/graphql$/, '')}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': otherId },
      });
      // The stalled export's transaction ends (the server gave up on its client), well before EXPORT_TIMEOUT_MS.
      expect(await transactionsEnd(requestId)).toBe(0);
      const served = await other;
      expect(served.status).toBe(200);
      expect((await served.text()).trim().split('\n')).toHaveLength(count + 1);
      // Its socket was destroyed: reading it again finds the connection closed, the export cut short.
      let received = 0;
      stalled.on('data', (chunk: Buffer) => (received += chunk.length));
      stalled.resume();
      await closed;
      expect(received).toBeLessThan(count * 2000);
    } finally {
      stalled.destroy();
      await narrow.stop();
    }
  });

  test('an export that outlives EXPORT_TIMEOUT_MS is ended by Neo4j and its response cut off', async () => {
    // The export's timeout only: the dataset version is hashed under a timeout of its own here.
    const routes = buildRoutes({
      db,
      log: silentLogger,
      exports: { timeoutMs: 1000, maxInFlight: 2 },
      versions: new DatasetVersions(db.withTimeout(60_000)),
    });
    const short = await startTestServer(db, { routes });
    const requestId = uniqueSlug('export-timeout');
    try {
      const { response } = await pausedDownload(
        new URL(`${short.url.replace(/\/graphql$/, '')}/export/nodes.csv?idPrefix=agency:${prefix}`),
        requestId,
      );
      // Held past its timeout: the service cuts the response off and the transaction ends (Neo4j
      // checks timeouts every couple of seconds, and the export's wait for its client ends too).
      const ending = new Promise<string>((resolve) => {
        response.on('end', () => resolve('complete'));
        response.on('aborted', () => resolve('cut off'));
        response.on('error', () => resolve('cut off'));
        response.on('close', () => resolve(response.complete ? 'complete' : 'cut off'));
      });
      // Awaited: its transaction ending (a paused socket would not notice the server closing it).
      expect(await transactionsEnd(requestId)).toBe(0);
      response.resume();
      expect(await ending).toBe('cut off');
    } finally {
      await short.stop();
    }
  });

  test('Query.datasetVersion stops waiting at the request deadline; the hashing goes on and answers later', async () => {
    // A server of its own has an empty version cache: its first ask hashes the graph, some 12 MB more here.
    const hasty = await startTestServer(db, { limits: { ...defaultLimits, requestDeadlineMs: 50 } });
    try {
      const late = await graphql(hasty, '{ datasetVersion { hash } }');
      expect(late.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      const expected = await graphql<{ datasetVersion: { hash: string } }>(server, '{ datasetVersion { hash } }');
      const deadline = Date.now() + 30_000;
      let answered = late;
      // Polled with a deadline: the hashing goes on inside the service, which tells no client when it ends.
      while (!answered.data && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answered = await graphql(hasty, '{ datasetVersion { hash } }');
      }
      expect(answered.data).toEqual(expected.data);
    } finally {
      await hasty.stop();
    }
  });

  test('stops the Neo4j read: the paused export holds its transaction, and it ends once the client disconnects', async () => {
    const requestId = uniqueSlug('export-leave-request');
    const url = new URL(`${base()}/export/nodes.csv?idPrefix=agency:${prefix}`);
    let received = 0;
    const request = http.get(url, { headers: { 'x-request-id': requestId } });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
    expect(response.statusCode).toBe(200);
    await new Promise<void>((resolve) => response.once('data', (chunk: Buffer) => ((received += chunk.length), resolve())));
    response.pause();
    // Backpressure: the server stopped reading where the client stopped; its transaction is still open.
    // Asked once the bytes stop coming (every buffer between them full): no event says so, so the
    // socket is sampled until it has received nothing new for 200 ms, for 10 s at most.
    expect(await stalled(response.socket, 200, 10_000)).toBe(true);
    expect(await exportTransactions(requestId)).toBe(1);
    request.destroy();
    expect(await transactionsEnd(requestId)).toBe(0);
    expect(received).toBeLessThan(count * 2000);
  });
});

test('the typed client example answers its question from the seeded graph', async () => {
  const answer = await ask(server.url, { provider: 'agency:asan-xidmet', country: 'AF' });
  expect(answer.trainings.totalCount).toBeGreaterThan(0);
  const trained = answer.trainings.edges.flatMap((edge) => edge.node.relations.filter((relation) => relation.type === 'TRAINED'));
  expect(trained.length).toBeGreaterThan(0);
  expect(trained.every((relation) => relation.citations.length > 0)).toBe(true);
  expect(describeTraining(answer.trainings.edges[0]!.node).join('\n')).toMatch(/trained .+\n {4}says /);
});
