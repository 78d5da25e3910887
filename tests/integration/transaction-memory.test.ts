/**
 * Reads of many hits fit a small transaction memory (a timeline page, a search page). A write larger than Neo4j's transaction memory fails at once with TransactionMemoryError (the
 * driver does not retry it: it would need the same memory again) and writes nothing; through the
 * API it is TRANSACTION_MEMORY_EXCEEDED. On an embedded Neo4j of its own with 10 MiB (the least Neo4j takes) of
 * transaction memory, so the shared test database is never starved.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/app/config';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import type { RunningServer } from '../../src/app/server';
import { embeddedPassword, openDatabase, type OpenDatabase } from '../../src/core/db/connection';
import { TransactionMemoryError } from '../../src/core/db/database';
import { migrate } from '../../src/core/db/migrations';
import { silentLogger } from '../../src/core/logger';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { defaultCuration } from '../../src/features/curation/curation.resolvers';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { entityNodeProperties } from '../../src/core/model/storage';
import { graphql, startTestServer } from '../support/harness';

// NEO4J_FAULT_BOLT_PORT and +1 to +5 are the fault, auth, supervision and import-fault tests'; this test takes +6.
const port = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? 7698) + 6;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-tx-memory-'));
const base = loadConfig();
const config = {
  ...base,
  neo4j: { ...base.neo4j, uri: undefined, password: undefined },
  embedded: { ...base.embedded, boltPort: port, dataDir },
};

let opened: OpenDatabase;
let server: RunningServer;
let editor: Record<string, string>;

beforeAll(async () => {
  // The launcher reads its transaction memory from the environment it is started with.
  const saved = process.env.NEO4J_TX_MEMORY_MB;
  process.env.NEO4J_TX_MEMORY_MB = '10';
  try {
    opened = await openDatabase(config, silentLogger);
  } finally {
    if (saved === undefined) delete process.env.NEO4J_TX_MEMORY_MB;
    else process.env.NEO4J_TX_MEMORY_MB = saved;
  }
  await migrate(opened.db.withTimeout(base.importTimeoutMs), silentLogger);
  const key = issueKey();
  await new ApiKeyRepository(opened.db).create({ id: key.id, name: 'transaction memory tests', role: 'editor', hash: key.hash });
  editor = { authorization: `Bearer ${key.token}` };
  const limit = 64 * 1024 * 1024;
  server = await startTestServer(opened.db, { curation: { ...defaultCuration, maxBundleBytes: limit }, maxBodyBytes: limit });
}, 240000);

afterAll(async () => {
  await server?.stop();
  await opened?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm run import` on this test's Neo4j, with `env` added. */
function importCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('../support/register-ts'), path.join(__dirname, '../../src/app/import.ts'), ...args],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: embeddedPassword(dataDir),
        ...env,
      },
    },
  );
}

/** 5,000 agencies with 2 KB descriptions each: about 10 MB of properties in one transaction. */
function largeBundle(): Bundle {
  return validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: { id: 'source:too-large', title: 'Too large', publisher: 'coopgraph tests', language: 'en', url: null, text: null },
      entities: Array.from({ length: 5000 }, (_, i) => ({
        id: `agency:large-${i}`,
        type: 'Agency',
        name: `Large agency ${i}`,
        description: `${i} `.padEnd(2000, 'x'),
        quotes: [],
      })),
      relations: [],
    },
    'large',
  );
}

const stored = async () => (await opened.db.read('MATCH (n) WHERE n:Entity OR n:Source RETURN count(n) AS nodes'))[0]!.nodes;

test('the writer: TransactionMemoryError from the first attempt, not retried, nothing written', async () => {
  const sourceWrites: string[] = [];
  const stop = opened.db.onQuery((event) => {
    if (event.cypher.startsWith('MERGE (s:Source')) sourceWrites.push(event.cypher);
  });
  try {
    // Under the import timeout, as `npm run import` writes: on a busy machine the 10 s query timeout would end it first.
    await expect(writeBundle(opened.db.withTimeout(base.importTimeoutMs), largeBundle(), 'large')).rejects.toThrow(TransactionMemoryError);
  } finally {
    stop();
  }
  // One attempt: a retried transaction would have written its source again.
  expect(sourceWrites).toHaveLength(1);
  expect(await stored()).toBe(0);
}, 120000);

test('importBundle: TRANSACTION_MEMORY_EXCEEDED, saying what to do, no database message, nothing written', async () => {
  const answer = await graphql(server, 'mutation($b: JSON!) { importBundle(bundle: $b) { unchanged } }', { b: largeBundle() }, editor);
  expect(answer.errors![0]).toMatchObject({
    message: expect.stringContaining('send a smaller bundle'),
    extensions: { code: 'TRANSACTION_MEMORY_EXCEEDED' },
  });
  expect(JSON.stringify(answer.errors)).not.toContain('dbms.memory');
  expect(await stored()).toBe(0);
}, 120000);

test('npm run import: the file too large for one transaction is named, nothing of it written, the next file imported; exit 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-tx-memory-cli-'));
  const small: Bundle = {
    format: 'coopgraph-bundle/1',
    source: { id: 'source:small', title: 'Small', publisher: 'coopgraph tests', language: 'en', url: null, text: null },
    entities: [{ id: 'agency:small', type: 'Agency', name: 'Small agency', quotes: [] }],
    relations: [],
  };
  fs.writeFileSync(path.join(dir, 'a-large.json'), JSON.stringify(largeBundle()));
  fs.writeFileSync(path.join(dir, 'b-small.json'), JSON.stringify(small));
  const run = importCli([dir]);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${path.join(dir, 'a-large.json')}: too large for one transaction`);
  expect(run.stderr).toContain('Lower IMPORT_TRANSACTION_ROWS (or IMPORT_BATCH_SIZE), or raise NEO4J_TX_MEMORY_MB');
  expect(run.stdout).toContain('b-small.json: imported 1 entities and 0 relations from source:small');
  expect(run.stdout).toContain('2 file(s), 1 imported, 1 invalid');
}, 180000);

// 100 rows of 2 KB a batch: one entity statement holds several copies of its rows, and 10 MiB is all the Neo4j has.
test('npm run import: the same file, over IMPORT_TRANSACTION_ROWS, is written as an import run of small transactions, in full; exit 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-tx-memory-run-'));
  const file = path.join(dir, 'large.json');
  fs.writeFileSync(file, JSON.stringify(largeBundle()));
  const run = importCli([file], { IMPORT_TRANSACTION_ROWS: '1000', IMPORT_BATCH_SIZE: '100' });
  expect(run.status).toBe(0);
  // Its progress line (on stderr) counts the batches.
  expect(run.stderr).toContain('large.json: entities [########################] 100% 5,000/5,000');
  expect(run.stdout).toContain('large.json: imported 5000 entities and 0 relations from source:too-large');
  const [written] = await opened.db.read("MATCH (e:Agency) WHERE e.id STARTS WITH 'agency:large-' RETURN count(e) AS agencies");
  expect(written!.agencies).toBe(5000);
  const [left] = await opened.db.read('OPTIONAL MATCH (r:ImportRun) OPTIONAL MATCH (u:ImportUndo) RETURN count(r) + count(u) AS left');
  expect(left!.left).toBe(0);
}, 180000);

test('reads fit too: a timeline page and a search page over many hits', async () => {
  // 1,500 memoranda of Tuvalu (the countries are this database's own), dated, and all named alike: the timeline and the search each
  // hold every hit while they count them and keep the page. (When each page kept a copy of the
  // whole list, one page of 100 of these needed about 50 MB.)
  for (let batch = 0; batch < 15; batch++) {
    const rows = Array.from({ length: 100 }, (_, i) =>
      entityNodeProperties(
        {
          id: `memorandum:txmem-${batch * 100 + i}`,
          type: 'Memorandum',
          name: `Memoria accord ${batch * 100 + i}`,
          attributes: { signed: `2016-0${1 + (i % 9)}` },
        },
        'source:tx-memory',
      ),
    );
    await opened.db.write(
      "MATCH (c:Country {code: 'TV'}) UNWIND $rows AS props CREATE (c)-[:PARTY_TO {sourceIds: [], quotes: []}]->(m:Entity:Memorandum) SET m = props",
      { rows },
    );
  }
  const query =
    '{ timeline(country: "TV", first: 100) { totalCount edges { node { entity { id } } } } search(query: "memoria accord", first: 20) { totalCount edges { node { id } } } }';
  const { data, errors } = await graphql(server, query);
  expect(errors).toBeUndefined();
  expect(data.timeline.totalCount).toBe(1500);
  expect(data.timeline.edges).toHaveLength(100);
  expect(data.search.totalCount).toBe(1000); // the search's hit cap
  expect(data.search.edges).toHaveLength(20);
}, 120000);

test('many at once: a request that fits alone but not beside the others is SERVICE_OVERLOADED (retry), never TRANSACTION_MEMORY_EXCEEDED (narrow it)', async () => {
  // The memoranda of the test above: 16 requests of two statements of about a megabyte each
  // cannot all hold their memory at once in 10 MiB.
  const query = '{ timeline(country: "TV", first: 100) { totalCount } search(query: "memoria accord", first: 20) { totalCount } }';
  const answers = await Promise.all(Array.from({ length: 16 }, () => graphql(server, query)));
  const codes = answers.flatMap((answer) => (answer.errors ?? []).map((error) => error.extensions?.code));
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set(['SERVICE_OVERLOADED']));
  const refused = answers.flatMap((answer) => answer.errors ?? []);
  expect(refused[0]!.extensions).toMatchObject({ code: 'SERVICE_OVERLOADED', limit: 'transactionMemory' });
  expect(refused[0]!.message).toContain('retry');
  // Alone, it answers.
  const alone = await graphql(server, query);
  expect(alone.errors).toBeUndefined();
  expect(alone.data.timeline.totalCount).toBe(1500);
}, 120000);
