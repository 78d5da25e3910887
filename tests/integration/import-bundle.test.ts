/**
 * importBundle over real HTTP on the real Neo4j: a valid bundle is written and reported per
 * type, a dry run reports the same and writes nothing, the same bundle again changes nothing,
 * a bundle citing known entities updates them, an invalid one lists every problem with its JSON
 * path and leaves the whole graph as it was (its fingerprint), an oversized one is refused
 * before it is read, and the request limits bound mutations too.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import type { Bundle } from '../../src/ingest/bundle';
import { testBundle } from '../support/bundles';
import { graphFingerprint } from '../support/graph-fingerprint';
import { defaultLimits } from '../../src/app/plugins/limits';
import { defaultCuration } from '../../src/features/curation/curation.resolvers';
import { graphql, openTestDatabase, startTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
let small: RunningServer;
let editor: Record<string, string>;
let editorSubject: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  small = await startTestServer(db, { curation: { ...defaultCuration, maxBundleBytes: 2048 }, maxBodyBytes: 4096 });
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: 'import-bundle tests', role: 'editor', hash: key.hash });
  editor = { authorization: `Bearer ${key.token}` };
  editorSubject = `apikey:${key.id}`;
});

afterAll(async () => {
  await server?.stop();
  await small?.stop();
  await db?.close();
});

const importBundle = `mutation($bundle: JSON!, $dryRun: Boolean) {
  importBundle(bundle: $bundle, dryRun: $dryRun) {
    dryRun sourceId source unchanged
    entities { type created updated unchanged }
    relations { type created updated unchanged }
  }
}`;

const send = (bundle: unknown, dryRun = false, target = server) => graphql(target, importBundle, { bundle, dryRun }, editor);

/** What testBundle creates: two agencies, a memorandum and a training; two BASED_IN, two PARTY_TO and one UNDER. */
const createdAll = {
  entities: [
    { type: 'Agency', created: 2, updated: 0, unchanged: 0 },
    { type: 'Memorandum', created: 1, updated: 0, unchanged: 0 },
    { type: 'Training', created: 1, updated: 0, unchanged: 0 },
  ],
  relations: [
    { type: 'BASED_IN', created: 2, updated: 0, unchanged: 0 },
    { type: 'PARTY_TO', created: 2, updated: 0, unchanged: 0 },
    { type: 'UNDER', created: 1, updated: 0, unchanged: 0 },
  ],
};

test('a valid bundle is written in full and reported per type; who imported it is kept on its source', async () => {
  const bundle = testBundle('api-import');
  const answer = await send(bundle);
  expect(answer.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.data.importBundle).toEqual({
    dryRun: false,
    sourceId: bundle.source.id,
    source: 'CREATED',
    unchanged: false,
    ...createdAll,
  });
  const read = await graphql(server, 'query($id: ID!) { entity(id: $id) { name ... on Memorandum { parties { id } } } }', {
    id: bundle.entities[2]!.id,
  });
  expect(read.data.entity.name).toBe(bundle.entities[2]!.name);
  expect(read.data.entity.parties.map((p: { id: string }) => p.id).sort()).toEqual([bundle.entities[0]!.id, bundle.entities[1]!.id].sort());
  const source = await db.read('MATCH (s:Source {id: $id}) RETURN s.importedBy AS importedBy', { id: bundle.source.id });
  expect(source).toEqual([{ importedBy: editorSubject }]);
});

test('an import that changes something is in the audit trail: who, the source, the counts, every entity it states or links; a dry run and an unchanged re-send are not', async () => {
  const bundle = testBundle('api-audit');
  const fields = 'change { id by action entities reason before after }';
  const mutation = `mutation($bundle: JSON!, $dryRun: Boolean) { importBundle(bundle: $bundle, dryRun: $dryRun) { ${fields} } }`;
  const dry = await graphql(server, mutation, { bundle, dryRun: true }, editor);
  expect(dry.data.importBundle.change).toBeNull();
  const real = await graphql(server, mutation, { bundle }, editor);
  const change = real.data.importBundle.change;
  expect(change).toMatchObject({
    by: editorSubject,
    action: 'IMPORT_BUNDLE',
    reason: null,
    before: null,
    after: { sourceId: bundle.source.id, changes: { source: 'CREATED', ...createdAll } },
  });
  // Its entities and the ends of its relations (the countries its agencies are based in).
  const stated = new Set([
    ...bundle.entities.map((entity) => entity.id),
    ...bundle.relations.flatMap((relation) => [relation.from, relation.to]),
  ]);
  expect([...change.entities].sort()).toEqual([...stated].sort());
  const again = await graphql(server, mutation, { bundle }, editor);
  expect(again.data.importBundle.change).toBeNull();
  const trail = await graphql(server, 'query($e: ID) { changes(entity: $e) { totalCount edges { node { id } } } }', {
    e: bundle.entities[0]!.id,
  });
  expect(trail.data.changes).toEqual({ totalCount: 1, edges: [{ node: { id: change.id } }] });
});

test('the same bundle sent again changes nothing: reported unchanged, the graph identical', async () => {
  const bundle = testBundle('api-twice');
  expect((await send(bundle)).data.importBundle.unchanged).toBe(false);
  const before = await graphFingerprint(db);
  const again = await send(bundle);
  expect(again.data.importBundle).toEqual({
    dryRun: false,
    sourceId: bundle.source.id,
    source: 'UNCHANGED',
    unchanged: true,
    entities: createdAll.entities.map(({ type, created }) => ({ type, created: 0, updated: 0, unchanged: created })),
    relations: createdAll.relations.map(({ type, created }) => ({ type, created: 0, updated: 0, unchanged: created })),
  });
  expect(await graphFingerprint(db)).toEqual(before);
});

test('a dry run reports what the import would do and writes nothing; the real import then does exactly that', async () => {
  const bundle = testBundle('api-dry');
  const before = await graphFingerprint(db);
  const dry = await send(bundle, true);
  expect(dry.errors).toBeUndefined();
  expect(dry.data.importBundle).toEqual({ dryRun: true, sourceId: bundle.source.id, source: 'CREATED', unchanged: false, ...createdAll });
  expect(await graphFingerprint(db)).toEqual(before);
  expect((await send(bundle)).data.importBundle).toEqual({ ...dry.data.importBundle, dryRun: false });
});

test('a second source citing entities already there updates them (a new citation) and creates only what is new', async () => {
  const first = testBundle('api-update');
  await send(first);
  const second: Bundle = structuredClone(first);
  second.source = { ...first.source, id: `${first.source.id}-second`, title: `${first.source.title} (second)` };
  const answer = await send(second);
  expect(answer.data.importBundle).toMatchObject({
    source: 'CREATED',
    entities: createdAll.entities.map(({ type, created }) => ({ type, created: 0, updated: created, unchanged: 0 })),
    relations: createdAll.relations.map(({ type, created }) => ({ type, created: 0, updated: created, unchanged: 0 })),
  });
});

test('an invalid bundle: BAD_USER_INPUT listing every problem with its JSON path; nothing in the graph changes', async () => {
  const bundle = testBundle('api-invalid') as unknown as {
    entities: Record<string, unknown>[];
    relations: Record<string, unknown>[];
    extra?: boolean;
  };
  bundle.entities[0]!.id = 'memorandum:wrong-prefix';
  bundle.entities[2]!.attributes = { kind: 'MOU', signed: '2021-02-30' };
  bundle.entities[3]!.quotes = ['a sentence the source never says'];
  bundle.relations[0]!.start = '2020-13';
  const before = await graphFingerprint(db);
  const answer = await send(bundle);
  expect(answer.status).toBe(200);
  // importBundle is non-null, so its error makes data null.
  expect(answer.data).toBeNull();
  const error = answer.errors![0]!;
  expect(error).toMatchObject({ path: ['importBundle'], extensions: { code: 'BAD_USER_INPUT', argument: 'bundle' } });
  expect(error.message).toBe('The bundle has 4 problem(s), each listed in extensions.problems with its JSON path; nothing was written.');
  expect(error.extensions!.problems).toEqual([
    { path: '/entities/0/id', message: 'id of a Agency must start with "agency:", got "memorandum:wrong-prefix"' },
    { path: '/entities/2/attributes/signed', message: 'bad date "2021-02-30": expected a real date as YYYY, YYYY-MM or YYYY-MM-DD' },
    { path: '/entities/3/quotes/0', message: 'quote not found in the source text: "a sentence the source never says"' },
    { path: '/relations/0/start', message: 'bad date "2020-13": expected a real date as YYYY, YYYY-MM or YYYY-MM-DD' },
  ]);
  expect(await graphFingerprint(db)).toEqual(before);
});

test('a bundle of the wrong shape: the JSON Schema problems, each with its path; nothing changes', async () => {
  const before = await graphFingerprint(db);
  const answer = await send({ format: 'coopgraph-bundle/1', source: { id: 'source:x' }, entities: 'none', relations: [], secret: 1 });
  const paths = (answer.errors![0]!.extensions!.problems as { path: string }[]).map((problem) => problem.path);
  expect(paths).toEqual(expect.arrayContaining(['', '/source', '/entities']));
  expect(await graphFingerprint(db)).toEqual(before);
});

test('a reference to an entity neither in the bundle nor in the graph is found inside the transaction, which writes nothing', async () => {
  const bundle = testBundle('api-dangling');
  bundle.relations.push({
    type: 'MEMBER_OF',
    from: bundle.entities[0]!.id,
    to: 'agency:no-such-association',
    quotes: ['The Example Agency of Azerbaijan'],
  });
  const before = await graphFingerprint(db);
  for (const dryRun of [true, false]) {
    const answer = await send(bundle, dryRun);
    expect(answer.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          path: '/relations/5/to',
          message: 'unknown entity reference "agency:no-such-association": not defined in the bundle nor in the graph',
        },
      ],
    });
  }
  expect(await graphFingerprint(db)).toEqual(before);
});

test('a bundle over IMPORT_MAX_BUNDLE_BYTES is refused before it is read; a body over the token body limit gets 413', async () => {
  const before = await graphFingerprint(db);
  const bundle = testBundle('api-big');
  bundle.source.text = `${bundle.source.text} ${'x'.repeat(2000)}`;
  const answer = await send(bundle, false, small);
  expect(answer.errors![0]).toMatchObject({
    message: expect.stringMatching(/^Argument "bundle" must be at most 2048 bytes of JSON \(IMPORT_MAX_BUNDLE_BYTES\); got "\d+ bytes"$/),
    extensions: { code: 'BAD_USER_INPUT', argument: 'bundle' },
  });
  // 4 KiB is the body limit without a token; with one it is the bundle limit plus 64 KiB.
  bundle.source.text = `${bundle.source.text} ${'x'.repeat(8000)}`;
  expect((await send(bundle, false, small)).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  const withoutToken = await graphql(small, importBundle, { bundle, dryRun: false });
  expect({ status: withoutToken.status, code: withoutToken.errors?.[0]?.extensions?.code }).toEqual({
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  });
  // Any Authorization header is not enough for the larger body: it must hold one bearer token.
  const notBearer = await graphql(small, importBundle, { bundle, dryRun: false }, { authorization: 'Basic dXNlcjpwYXNz' });
  expect({ status: notBearer.status, code: notBearer.errors?.[0]?.extensions?.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  // Nor is a bearer token that does not verify: the limit rises only once the token is checked.
  for (const authorization of ['Bearer x', `Bearer cg_000000000000_${'a'.repeat(43)}`]) {
    const unverified = await graphql(small, importBundle, { bundle, dryRun: false }, { authorization });
    expect({ status: unverified.status, code: unverified.errors?.[0]?.extensions?.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  }
  bundle.source.text = 'x'.repeat(70 * 1024);
  const tooLarge = await send(bundle, false, small);
  expect({ status: tooLarge.status, code: tooLarge.errors?.[0]?.extensions?.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  expect(await graphFingerprint(db)).toEqual(before);
});

test('the request limits bound mutations: a cost in every answer, eleven imports in one request refused before any runs', async () => {
  const bundle = testBundle('api-limits');
  const answer = await send(bundle, true);
  expect(answer.extensions?.cost).toEqual({ requested: 21, maximum: expect.any(Number) });
  const before = await graphFingerprint(db);
  const eleven = `mutation($b: JSON!) { ${Array.from({ length: 11 }, (_, i) => `i${i}: importBundle(bundle: $b) { dryRun }`).join(' ')} }`;
  const refused = await graphql(server, eleven, { b: testBundle('api-eleven') }, editor);
  expect({ status: refused.status, code: refused.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'TOO_MANY_ROOT_FIELDS' });
  expect(await graphFingerprint(db)).toEqual(before);
});

test("a writer's mutation runs under the mutation deadline, not a query's: an import slower than a query may be still completes", async () => {
  // A query may take 1 ms here; an import takes longer (its validation alone does).
  const tight = await startTestServer(db, { limits: { ...defaultLimits, requestDeadlineMs: 1, mutationDeadlineMs: 120000 } });
  try {
    const imported = await send(testBundle('api-deadline'), false, tight);
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importBundle.unchanged).toBe(false);
    const query = await graphql(tight, '{ agencies(first: 1) { totalCount } }', {}, editor);
    expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', limit: 'requestDeadlineMs', maximum: 1 });
  } finally {
    await tight.stop();
  }
  // Its own deadline passed: QUERY_TIMEOUT naming it, and nothing written.
  const short = await startTestServer(db, { limits: { ...defaultLimits, mutationDeadlineMs: 1 } });
  try {
    const before = await graphFingerprint(db);
    const refused = await send(testBundle('api-late'), false, short);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', limit: 'mutationDeadlineMs', maximum: 1 });
    expect(await graphFingerprint(db)).toEqual(before);
  } finally {
    await short.stop();
  }
});
