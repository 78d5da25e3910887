/**
 * Two replicas of the API (child processes, each with its own response cache) on one Neo4j: a
 * write through one invalidates the other's kept answers, since each request reads the dataset
 * counter from Neo4j at its start. Read through A (kept), write through B, read through A: the
 * new answer, and A's old ETag is no longer current. Then the other way round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import type { Database } from '../../src/core/db/database';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { get, post } from '../support/cache-client';
import { openTestDatabase } from '../support/harness';

interface Replica {
  child: ChildProcess;
  url: string;
}

/** The real server in a child process (tests/support/server-child.ts) with the response cache on. */
function startReplica(): Promise<Replica> {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('../support/register-ts'), path.join(__dirname, '../support/server-child.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, RESPONSE_CACHE_BYTES: String(8 * 1024 * 1024) },
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a replica exited early with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('url ')) resolve({ child, url: line.slice(4) });
    });
  });
}

function stopReplica(replica: Replica | undefined): Promise<void> {
  if (!replica || replica.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    replica.child.removeAllListeners('exit');
    replica.child.once('exit', () => resolve());
    replica.child.stdin!.end();
  });
}

let db: Database;
let a: Replica;
let b: Replica;
let editor: Record<string, string>;
const bundle = testBundle('replicas');
const [agency] = bundle.entities.map((entity) => entity.id) as [string];
const citation = { source: bundle.source.id, quote: 'The Example Agency of Azerbaijan' };
const query = 'query($id: ID!) { entity(id: $id) { id name description } }';
const redescribe =
  'mutation($id: ID!, $text: String!, $c: CitationInput!) { updateEntity(id: $id, input: { agency: { description: $text } }, citation: $c) { version } }';

beforeAll(async () => {
  db = await openTestDatabase();
  [a, b] = await Promise.all([startReplica(), startReplica()]);
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: 'replicas editor', role: 'editor', hash: key.hash });
  editor = { authorization: `Bearer ${key.token}` };
  await writeBundle(db, bundle, 'cache-replicas');
}, 180_000);

afterAll(async () => {
  await Promise.all([stopReplica(a), stopReplica(b)]);
  await db?.close();
});

test.each([
  ['A', 'B', 'written through B'],
  ['B', 'A', 'written through A'],
] as const)(
  'read through %s, write through %s, read through the first again: the new answer, and its old ETag is stale',
  async (readerName, writerName, text) => {
    const replicas = { A: a, B: b };
    const [reader, writer] = [replicas[readerName], replicas[writerName]];
    const first = await get(reader.url, query, { id: agency });
    const again = await get(reader.url, query, { id: agency });
    expect([first.cache, again.cache]).toEqual(['MISS', 'HIT']);
    expect((await get(reader.url, query, { id: agency }, { 'if-none-match': first.etag! })).status).toBe(304);

    const written = await post(writer.url, redescribe, { id: agency, text, c: citation }, editor);
    expect(written.errors).toBeUndefined();

    const after = await post(reader.url, query, { id: agency });
    expect(after).toMatchObject({ cache: 'MISS', data: { entity: { id: agency, description: text } } });
    const revalidated = await get(reader.url, query, { id: agency }, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(200);
    expect(revalidated.etag).not.toBe(first.etag);
    expect(revalidated.data.entity.description).toBe(text);
  },
);
