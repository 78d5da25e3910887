/**
 * The dataset counter (core/db/dataset-counter.ts) on the real Neo4j: the migration made its
 * node and constraint; every kind of write raises it (each curation mutation, importBundle, the
 * CLI's import in one transaction and as an import run, API keys, a migration's record), in the
 * same transaction; reads and refused writes leave it; concurrent writers never commit the same
 * number; Query.datasetVersion answers it. The bump's cost is printed, not asserted.
 */
import os from 'node:os';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import type { RunningServer } from '../../src/app/server';
import { bumpDatasetCounter, counterOf, readDatasetCounter } from '../../src/core/db/dataset-counter';
import type { Database } from '../../src/core/db/database';
import { migrate } from '../../src/core/db/migrations';
import { silentLogger } from '../../src/core/logger';
import { relationId } from '../../src/core/model/relation-ids';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { writeBundleInRun } from '../../src/ingest/import-run';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

let editor: Record<string, string>;
let reader: Record<string, string>;

beforeAll(async () => {
  for (const role of ['editor', 'reader'] as const) {
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: `dataset-counter ${role}`, role, hash: key.hash });
    if (role === 'editor') editor = { authorization: `Bearer ${key.token}` };
    else reader = { authorization: `Bearer ${key.token}` };
  }
});

const counter = async () => counterOf(await db.read(readDatasetCounter));

/** Runs a GraphQL write as the editor and returns its data, failing on any error. */
async function asEditor(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await graphql(server, query, variables, editor);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

test('migration 15 made the one counter node, unique by id', async () => {
  const nodes = await db.read('MATCH (v:DatasetVersion) RETURN v.id AS id, v.n AS n');
  expect(nodes).toEqual([{ id: 'dataset', n: expect.any(Number) }]);
  const constraints = await db.read("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties WHERE name = 'dataset_version_id' RETURN *");
  expect(constraints).toEqual([{ name: 'dataset_version_id', labelsOrTypes: ['DatasetVersion'], properties: ['id'] }]);
});

test('every kind of write raises the counter; reads and refused writes do not', async () => {
  const slug = uniqueSlug('counter');
  const base = testBundle('counter');
  const [agencyAz, agencyAf] = base.entities.map((entity) => entity.id) as [string, string];
  const created = `agency:${slug}-new`;
  const citation = { source: base.source.id, quote: 'The Example Agency of Azerbaijan' };
  const basedIn = relationId({ type: 'BASED_IN', fromId: created, toId: 'country:AZ', key: '' });
  let mergeChange = '';
  const key = issueKey();
  const writes: [string, () => Promise<unknown>][] = [
    ['CLI import, one transaction (writeBundle)', () => writeBundle(db, base, 'counter')],
    [
      'createEntity',
      () =>
        asEditor(
          'mutation($id: ID!, $c: CitationInput!) { createEntity(id: $id, input: { agency: { name: "Counter Agency" } }, citation: $c) { version } }',
          { id: created, c: citation },
        ),
    ],
    [
      'updateEntity',
      () =>
        asEditor(
          'mutation($id: ID!, $c: CitationInput!) { updateEntity(id: $id, input: { agency: { description: "counted" } }, citation: $c) { version } }',
          { id: created, c: citation },
        ),
    ],
    [
      'addRelation',
      () =>
        asEditor(
          'mutation($from: ID!, $c: CitationInput!) { addRelation(type: BASED_IN, from: $from, to: "country:AZ", citation: $c) { replayed } }',
          { from: created, c: citation },
        ),
    ],
    [
      'retractRelation',
      () => asEditor('mutation($id: ID!) { retractRelation(id: $id, reason: "counter test") { change { id } } }', { id: basedIn }),
    ],
    [
      'retractCitation',
      () =>
        asEditor(
          'mutation($of: ID!, $source: ID!) { retractCitation(of: $of, source: $source, reason: "counter test") { change { id } } }',
          {
            of: relationId({ type: 'BASED_IN', fromId: agencyAf, toId: 'country:AF', key: '' }),
            source: base.source.id,
          },
        ),
    ],
    [
      'mergeEntities',
      async () => {
        const data = await asEditor(
          'mutation($keep: ID!, $drop: ID!) { mergeEntities(keep: $keep, drop: $drop, reason: "counter test") { change { id } } }',
          { keep: agencyAz, drop: created },
        );
        mergeChange = (data as { mergeEntities: { change: { id: string } } }).mergeEntities.change.id;
      },
    ],
    [
      'unmerge',
      () =>
        asEditor('mutation($change: ID!) { unmerge(change: $change, reason: "counter test") { change { id } } }', { change: mergeChange }),
    ],
    [
      'importBundle',
      () => asEditor('mutation($bundle: JSON!) { importBundle(bundle: $bundle) { sourceId } }', { bundle: testBundle('counter-http') }),
    ],
    [
      'CLI import, an import run (writeBundleInRun)',
      () => writeBundleInRun(db, testBundle('counter-run'), 'counter-run', { batchSize: 2 }),
    ],
    ['API key created', () => new ApiKeyRepository(db).create({ id: key.id, name: 'counter', role: 'reader', hash: key.hash })],
    ['API key revoked', () => new ApiKeyRepository(db).revoke(key.id)],
    [
      'a migration (its record)',
      () =>
        migrate(db, silentLogger, [
          { version: 900000 + Math.floor(Math.random() * 99999), description: 'counter test', statements: ['RETURN 1'] },
        ]),
    ],
  ];
  for (const [kind, write] of writes) {
    const before = await counter();
    await write();
    expect({ kind, raised: (await counter()) > before }).toEqual({ kind, raised: true });
  }

  const unchanged: [string, () => Promise<unknown>][] = [
    ['a read', () => graphql(server, '{ entity(id: "country:AZ") { id name } stats { entitiesByType { key count } } }')],
    [
      'a mutation refused to a reader',
      async () => {
        const answer = await graphql(
          server,
          'mutation { createEntity(id: "agency:never", input: { agency: { name: "Never" } }, citation: { source: "source:x" }) { version } }',
          {},
          reader,
        );
        expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      },
    ],
    [
      'a write transaction that fails',
      () => expect(db.writeTransaction((tx) => tx.run('CREATE (:CounterProbe) WITH 1 AS one RETURN 1 / 0'))).rejects.toThrow(),
    ],
  ];
  for (const [kind, action] of unchanged) {
    const before = await counter();
    await action();
    expect({ kind, counter: await counter() }).toEqual({ kind, counter: before });
  }
});

test('concurrent writers never commit the same number: 24 at once raise it by 24', async () => {
  const before = await counter();
  const seen = await Promise.all(
    Array.from({ length: 24 }, () => db.writeTransaction(async (tx) => (await tx.run('RETURN 1 AS one')).length)),
  );
  expect(seen).toHaveLength(24);
  expect(await counter()).toBe(before + 24);
});

test('Query.datasetVersion answers the counter at once, and the content hash when asked', async () => {
  const answer = await graphql(server, '{ datasetVersion { counter } }');
  expect(answer.errors).toBeUndefined();
  expect(answer.data.datasetVersion.counter).toBe(String(await counter()));
  const both = await graphql(server, '{ datasetVersion { counter hash label } }');
  expect(both.data.datasetVersion).toEqual({
    counter: String(await counter()),
    hash: expect.stringMatching(/^[0-9a-f]{16}$/),
    label: expect.any(String),
  });
});

test('the bump costs one index seek and a property write (printed: milliseconds, not asserted)', async () => {
  const bumps: number[] = [];
  const transactions: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = process.hrtime.bigint();
    await db.writeTransaction(async (tx) => {
      const bumped = process.hrtime.bigint();
      // The same statement Database.writeTransaction ends each write with, timed on its own.
      await tx.run(bumpDatasetCounter);
      bumps.push(Number(process.hrtime.bigint() - bumped) / 1e6);
    });
    transactions.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!.toFixed(2);
  console.log(
    `dataset counter bump (40 write transactions, load average ${os.loadavg()[0]!.toFixed(1)}): ` +
      `the bump statement p50 ${quantile(bumps, 0.5)} ms, p95 ${quantile(bumps, 0.95)} ms; ` +
      `a whole write transaction that only bumps (twice) p50 ${quantile(transactions, 0.5)} ms`,
  );
  expect(bumps).toHaveLength(40);
});
