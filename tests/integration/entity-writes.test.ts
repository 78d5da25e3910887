/**
 * createEntity, updateEntity and addRelation over real HTTP on the real Neo4j: each writes what
 * it states with its citation, stored as an import stores it, in one transaction with its audit
 * record; bad input of every kind is refused naming its argument, with the graph unchanged (its
 * fingerprint); no token is 401 and a reader's token 403; a stale expectedVersion is CONFLICT;
 * an idempotency key replays the first answer; parallel writers to one entity lose no update.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle, testText } from '../support/bundles';
import { graphFingerprint } from '../support/graph-fingerprint';
import { defaultCuration } from '../../src/features/curation/curation.resolvers';
import { graphql, openTestDatabase, startTestServer, uniqueSlug } from '../support/harness';

let db: Database;
let server: RunningServer;
let editor: Record<string, string>;
let reader: Record<string, string>;
let editorSubject: string;

const slug = uniqueSlug('writes');
const imported = testBundle('writes');
const [agencyAz, , memorandum] = imported.entities.map((entity) => entity.id) as [string, string, string, string];
const source = imported.source.id;
/** A source known by its metadata only: cited without a quote. */
const bare = `source:${slug}-bare`;

async function apiKey(role: 'editor' | 'reader'): Promise<{ headers: Record<string, string>; subject: string }> {
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: `entity-writes ${role}`, role, hash: key.hash });
  return { headers: { authorization: `Bearer ${key.token}` }, subject: `apikey:${key.id}` };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  ({ headers: editor, subject: editorSubject } = await apiKey('editor'));
  ({ headers: reader } = await apiKey('reader'));
  await writeBundle(db, imported, 'entity-writes');
  await writeBundle(
    db,
    {
      format: 'coopgraph-bundle/1',
      source: { id: bare, title: 'A bare source', publisher: 'coopgraph tests', language: 'en' },
      entities: [],
      relations: [],
    },
    'bare',
  );
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const changeFields = 'change { id action by entities reason before after }';
const entityFields = `entity { id name aliases version description citations { source { id } quote note } ... on Memorandum { kind signed { iso disputed alternatives { value } } } ... on Agency { kind } ... on Training { count { value qualifier unit } topics } }`;

const createEntity = `mutation($id: ID!, $input: EntityInput!, $citation: CitationInput!, $reason: String, $key: String) {
  createEntity(id: $id, input: $input, citation: $citation, reason: $reason, idempotencyKey: $key) { version replayed ${changeFields} ${entityFields} }
}`;
const updateEntity = `mutation($id: ID!, $input: EntityInput!, $citation: CitationInput!, $expectedVersion: Int, $key: String) {
  updateEntity(id: $id, input: $input, citation: $citation, expectedVersion: $expectedVersion, idempotencyKey: $key) { version replayed ${changeFields} ${entityFields} }
}`;
const addRelation = `mutation($type: RelationType!, $from: ID!, $to: ID!, $role: String, $start: String, $end: String, $citation: CitationInput!, $key: String) {
  addRelation(type: $type, from: $from, to: $to, role: $role, start: $start, end: $end, citation: $citation, idempotencyKey: $key) {
    replayed ${changeFields} relation { type from { id } to { id } role start { iso } end { iso } citations { source { id } quote } }
  }
}`;

const quoted = (quote: string) => ({ source, quote });

test('createEntity: a memorandum stored as an imported one is, version 1, with its citation and a CREATE_ENTITY change', async () => {
  const id = `memorandum:${slug}-created`;
  const input = { memorandum: { name: `Created memorandum ${slug}`, aliases: ['The created MoU'], kind: 'AGREEMENT', signed: '2017-04' } };
  const answer = await graphql(
    server,
    createEntity,
    {
      id,
      input,
      citation: { ...quoted('signed a memorandum'), note: 'the month is the publication month' },
      reason: 'from the press release',
    },
    editor,
  );
  expect(answer.errors).toBeUndefined();
  const written = answer.data.createEntity;
  expect(written).toMatchObject({
    version: 1,
    replayed: false,
    entity: {
      id,
      name: input.memorandum.name,
      aliases: ['The created MoU'],
      version: 1,
      kind: 'AGREEMENT',
      signed: { iso: '2017-04', disputed: false, alternatives: [] },
      citations: [{ source: { id: source }, quote: 'signed a memorandum', note: 'the month is the publication month' }],
    },
    change: {
      action: 'CREATE_ENTITY',
      by: editorSubject,
      entities: [id],
      reason: 'from the press release',
      before: null,
      after: { id, name: input.memorandum.name, version: 1 },
    },
  });
  expect(written.change.id).toMatch(/^change:/);

  // The same stored shape as the imported memorandum: the same properties, a MENTIONED_IN link, a claim for its date.
  const shapes = await db.read(
    `MATCH (n:Entity) WHERE n.id IN [$created, $imported]
     RETURN n.id AS id, labels(n) AS labels, keys(n) AS keys, COUNT { (n)-[:MENTIONED_IN]->(:Source {id: $source}) } AS mentions,
            COUNT { MATCH (c:Claim {subjectId: n.id, property: 'signed'}) } AS claims`,
    { created: id, imported: memorandum, source },
  );
  const byId = new Map(shapes.map((row) => [row.id, row]));
  expect({ ...byId.get(id), keys: (byId.get(id)!.keys as string[]).sort(), id: null }).toEqual({
    ...byId.get(memorandum),
    keys: (byId.get(memorandum)!.keys as string[]).sort(),
    id: null,
  });
  expect(byId.get(id)).toMatchObject({ mentions: 1, claims: 1 });

  const found = await graphql(server, 'query($q: String!) { search(query: $q) { edges { node { id } } } }', { q: 'created mou' });
  expect(found.data.search.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(id);
  const trail = await graphql(server, 'query($e: ID) { changes(entity: $e) { edges { node { id action } } } }', { e: id });
  expect(trail.data.changes.edges).toEqual([{ node: { id: written.change.id, action: 'CREATE_ENTITY' } }]);
});

test('createEntity cites a source without a text without a quote; a training with its quantities and topics', async () => {
  const id = `training:${slug}-bare`;
  const input = {
    training: { name: `Bare training ${slug}`, count: { value: 3, qualifier: 'MORE_THAN', unit: 'sessions' }, topics: ['e-services'] },
  };
  const answer = await graphql(server, createEntity, { id, input, citation: { source: bare } }, editor);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.createEntity.entity).toMatchObject({
    count: { value: 3, qualifier: 'MORE_THAN', unit: 'sessions' },
    topics: ['e-services'],
    citations: [{ source: { id: bare }, quote: null }],
  });
});

test('concurrent creates of one id: one creates it, the others are refused naming id and add nothing to it', async () => {
  const id = `agency:${slug}-contested`;
  const answers = await Promise.all(
    [1, 2, 3, 4, 5].map((n) =>
      graphql(server, createEntity, { id, input: { agency: { name: `Contested ${n}` } }, citation: quoted('The Example Agency') }, editor),
    ),
  );
  const created = answers.filter((answer) => answer.data?.createEntity);
  expect(created).toHaveLength(1);
  expect(answers.filter((answer) => answer.errors).map((answer) => answer.errors![0]!.extensions)).toEqual(
    Array(4).fill(expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'id' })),
  );
  const read = await graphql(server, 'query($id: ID!) { entity(id: $id) { name aliases version } changes(entity: $id) { totalCount } }', {
    id,
  });
  expect(read.data).toEqual({
    entity: { name: created[0]!.data.createEntity.entity.name, aliases: [], version: 1 },
    changes: { totalCount: 1 },
  });
});

describe('updateEntity', () => {
  const id = `agency:${slug}-updated`;

  beforeAll(async () => {
    const answer = await graphql(
      server,
      createEntity,
      { id, input: { agency: { name: `Updated agency ${slug}`, kind: 'MINISTRY' } }, citation: quoted('The Example Agency of Azerbaijan') },
      editor,
    );
    expect(answer.errors).toBeUndefined();
  });

  test('sets the name (the old one stays an alias), the kind and the description, adds aliases: version + 1 and an UPDATE_ENTITY change with before and after', async () => {
    const input = { agency: { name: `Renamed agency ${slug}`, aliases: ['Renamed'], kind: 'GOVERNMENT_AGENCY', description: 'An agency' } };
    const answer = await graphql(server, updateEntity, { id, input, citation: quoted('The Example Agency'), expectedVersion: 1 }, editor);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.updateEntity).toMatchObject({
      version: 2,
      entity: {
        name: input.agency.name,
        aliases: [`Updated agency ${slug}`, 'Renamed'],
        kind: 'GOVERNMENT_AGENCY',
        description: 'An agency',
        version: 2,
      },
      change: {
        action: 'UPDATE_ENTITY',
        entities: [id],
        before: { name: `Updated agency ${slug}`, version: 1 },
        after: { name: input.agency.name, version: 2 },
      },
    });
    expect(answer.data.updateEntity.entity.citations.map((c: { quote: string }) => c.quote)).toEqual([
      'The Example Agency of Azerbaijan',
      'The Example Agency',
    ]);
    const sorted = await db.read('MATCH (n:Entity {id: $id}) RETURN n.sortKey AS sortKey, n.searchKeys AS keys', { id });
    expect(sorted[0]!.sortKey).toBe(`renamed agency ${slug}`);
    expect(sorted[0]!.keys).toEqual(expect.arrayContaining([`updated agency ${slug}`, `renamed agency ${slug}`, 'renamed']));
  });

  test('a name that was an alias stops being one', async () => {
    const answer = await graphql(
      server,
      updateEntity,
      { id, input: { agency: { name: 'Renamed' } }, citation: quoted('The Example Agency') },
      editor,
    );
    expect(answer.data.updateEntity.entity).toMatchObject({
      name: 'Renamed',
      aliases: [`Updated agency ${slug}`, `Renamed agency ${slug}`],
      version: 3,
    });
    const back = await graphql(
      server,
      updateEntity,
      { id, input: { agency: { name: `Renamed agency ${slug}` } }, citation: quoted('The Example Agency') },
      editor,
    );
    expect(back.data.updateEntity.entity).toMatchObject({
      name: `Renamed agency ${slug}`,
      aliases: [`Updated agency ${slug}`, 'Renamed'],
      version: 4,
    });
  });

  test('stating what is already there with the same citation changes nothing: no version, no change, the graph identical', async () => {
    const before = await graphFingerprint(db);
    const answer = await graphql(
      server,
      updateEntity,
      { id, input: { agency: { aliases: ['Renamed'] } }, citation: quoted('The Example Agency') },
      editor,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.updateEntity).toMatchObject({ version: 4, change: null, replayed: false });
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test('a stale expectedVersion is CONFLICT with the current version, and nothing is written', async () => {
    const before = await graphFingerprint(db);
    const answer = await graphql(
      server,
      updateEntity,
      { id, input: { agency: { aliases: ['Too late'] } }, citation: quoted('The Example Agency'), expectedVersion: 1 },
      editor,
    );
    expect(answer.data).toBeNull();
    expect(answer.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      argument: 'expectedVersion',
      id,
      expectedVersion: 1,
      currentVersion: 4,
    });
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test('a date that differs from the stored one is a competing claim from that source, not an overwrite; a finer form refines it', async () => {
    const competing = await graphql(
      server,
      updateEntity,
      { id: memorandum, input: { memorandum: { signed: '2018' } }, citation: { source: bare } },
      editor,
    );
    expect(competing.errors).toBeUndefined();
    expect(competing.data.updateEntity.entity.signed).toEqual({ iso: '2017', disputed: true, alternatives: [{ value: '2018' }] });
    const finer = await graphql(
      server,
      updateEntity,
      { id: memorandum, input: { memorandum: { signed: '2017-05-03' } }, citation: quoted('in 2017') },
      editor,
    );
    expect(finer.data.updateEntity.entity.signed).toMatchObject({ iso: '2017-05-03', disputed: true });
  });

  test('20 concurrent updates each adding an alias: all 20 kept, the version 20 higher, 20 changes', async () => {
    const target = `agency:${slug}-busy`;
    await graphql(
      server,
      createEntity,
      { id: target, input: { agency: { name: `Busy agency ${slug}` } }, citation: quoted('The Example Agency') },
      editor,
    );
    const aliases = Array.from({ length: 20 }, (_, i) => `Alias ${i}`);
    const answers = await Promise.all(
      aliases.map((alias) =>
        graphql(
          server,
          updateEntity,
          { id: target, input: { agency: { aliases: [alias] } }, citation: quoted('The Example Agency') },
          editor,
        ),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(answers.map((answer) => answer.data.updateEntity.version).sort((a: number, b: number) => a - b)).toEqual(
      aliases.map((_, i) => i + 2),
    );
    const read = await graphql(
      server,
      'query($id: ID!) { entity(id: $id) { aliases version } changes(entity: $id, first: 50) { totalCount } }',
      { id: target },
    );
    expect([...read.data.entity.aliases].sort()).toEqual([...aliases].sort());
    expect(read.data.entity.version).toBe(21);
    expect(read.data.changes.totalCount).toBe(21);
  });
});

describe('versions', () => {
  test('an import that changes an entity counts as a write (a stale expectedVersion is then CONFLICT); one that changes nothing does not', async () => {
    const bundle = testBundle('writes-versions');
    await writeBundle(db, bundle, 'versions');
    const id = bundle.entities[0]!.id;
    const version = async () =>
      (await graphql(server, 'query($id: ID!) { entity(id: $id) { version } }', { id })).data.entity.version as number;
    expect(await version()).toBe(1);
    await writeBundle(db, { ...bundle, source: { ...bundle.source, id: `${bundle.source.id}-again` } }, 'versions again');
    expect(await version()).toBe(2);
    // The same entity in a changed bundle of the same source, stated as before: nothing changes.
    await writeBundle(db, { ...bundle, relations: bundle.relations.slice(1) }, 'versions changed bundle');
    expect(await version()).toBe(2);
    const stale = await graphql(
      server,
      updateEntity,
      { id, input: { agency: { aliases: ['Late'] } }, citation: quoted('The Example Agency'), expectedVersion: 1 },
      editor,
    );
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  test("a renamed agency takes its new place among its partners' partners (ranks order them by name)", async () => {
    const bundle = testBundle('writes-rename');
    await writeBundle(db, bundle, 'rename');
    const [az, af] = [bundle.entities[0]!.id, bundle.entities[1]!.id];
    const rank = async () =>
      (await db.read('MATCH (p:PartnerRank {self: $self, partner: $partner}) RETURN p.rank AS rank', { self: af, partner: az }))[0]
        ?.rank as string;
    expect(await rank()).toMatch(/:example agency /);
    const renamed = await graphql(
      server,
      updateEntity,
      { id: az, input: { agency: { name: `Zz renamed ${slug}` } }, citation: quoted('The Example Agency of Azerbaijan') },
      editor,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await rank()).toMatch(new RegExp(`:zz renamed ${slug}$`));
  });
});

test('retracting a citation from an entity and merging into it are writes that change it: each adds one to its version', async () => {
  const [keep, drop] = [`agency:${slug}-keep`, `agency:${slug}-drop`];
  for (const id of [keep, drop])
    await graphql(server, createEntity, { id, input: { agency: { name: id } }, citation: quoted('The Example Agency') }, editor);
  await graphql(server, updateEntity, { id: keep, input: { agency: {} }, citation: { source: bare } }, editor);
  const version = async () =>
    (await graphql(server, 'query($id: ID!) { entity(id: $id) { version } }', { id: keep })).data.entity.version as number;
  expect(await version()).toBe(2);
  const retracted = await graphql(
    server,
    'mutation($of: ID!, $source: ID!) { retractCitation(of: $of, source: $source, reason: "test") { __typename } }',
    { of: keep, source: bare },
    editor,
  );
  expect(retracted.errors).toBeUndefined();
  expect(await version()).toBe(3);
  const merged = await graphql(
    server,
    'mutation($keep: ID!, $drop: ID!) { mergeEntities(keep: $keep, drop: $drop, reason: "test") { __typename } }',
    { keep, drop },
    editor,
  );
  expect(merged.errors).toBeUndefined();
  expect(await version()).toBe(4);
});

describe('idempotency keys', () => {
  /** Everything jest can fake but Date: the driver's and the server's timers stay real. */
  const realTimers: Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake'] = [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ];
  afterEach(() => jest.useRealTimers());

  test('the same key again returns the first answer and writes nothing; the same key for another request is refused', async () => {
    const id = `person:${slug}-once`;
    const variables = { id, input: { person: { name: `Once ${slug}` } }, citation: { source: bare }, key: `create-${slug}` };
    const first = await graphql(server, createEntity, variables, editor);
    expect(first.data.createEntity.replayed).toBe(false);
    const before = await graphFingerprint(db);
    const again = await graphql(server, createEntity, variables, editor);
    expect(again.errors).toBeUndefined();
    expect(again.data.createEntity).toEqual({ ...first.data.createEntity, replayed: true });
    expect(await graphFingerprint(db)).toEqual(before);

    const other = await graphql(server, createEntity, { ...variables, id: `person:${slug}-other` }, editor);
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idempotencyKey' });
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test('a key is kept per token subject, and only when its request committed', async () => {
    const key = `shared-${slug}`;
    const failed = await graphql(
      server,
      createEntity,
      { id: `person:${slug}-keyed`, input: { person: { name: '  ' } }, citation: { source: bare }, key },
      editor,
    );
    expect(failed.errors![0]!.extensions).toMatchObject({ argument: 'input.person.name' });
    const first = await graphql(
      server,
      createEntity,
      { id: `person:${slug}-keyed`, input: { person: { name: `Keyed ${slug}` } }, citation: { source: bare }, key },
      editor,
    );
    expect(first.data.createEntity.replayed).toBe(false);
    const { headers: other } = await apiKey('editor');
    const second = await graphql(
      server,
      createEntity,
      { id: `person:${slug}-keyed-2`, input: { person: { name: `Keyed 2 ${slug}` } }, citation: { source: bare }, key },
      other,
    );
    expect(second.data.createEntity).toMatchObject({ replayed: false, entity: { id: `person:${slug}-keyed-2` } });
  });

  test('a key past its lifetime is free again: the request runs as a new write, and expired keys are deleted', async () => {
    const brief = await startTestServer(db, { curation: { ...defaultCuration, idempotencyKeyTtlMs: 50 } });
    try {
      const update = (n: number) => ({
        id: agencyAz,
        input: { agency: { aliases: [`Expiring ${n} ${slug}`] } },
        citation: quoted('The Example Agency of Azerbaijan'),
        key: `expiring-${slug}`,
      });
      const first = await graphql(brief, updateEntity, update(1), editor);
      expect(first.data.updateEntity.replayed).toBe(false);
      // The key's age is read from Date.now in this process: a fake Date jumps it past its 50 ms
      // lifetime (the clock keeps ticking; timers stay real for the driver and the server).
      jest.useFakeTimers({ doNotFake: realTimers, advanceTimers: true });
      jest.setSystemTime(Date.now() + 100);
      // Another request under the same key: refused while the key lives, a new write once it expired.
      const later = await graphql(brief, updateEntity, update(2), editor);
      expect(later.errors).toBeUndefined();
      expect(later.data.updateEntity).toMatchObject({ replayed: false, version: first.data.updateEntity.version + 1 });
      const stored = await db.read('MATCH (k:IdempotencyKey {key: $key}) RETURN count(k) AS keys', { key: `expiring-${slug}` });
      expect(stored).toEqual([{ keys: 1 }]);
    } finally {
      await brief.stop();
    }
  });

  test('an update and a relation replay too', async () => {
    const update = {
      id: agencyAz,
      input: { agency: { aliases: [`Keyed ${slug}`] } },
      citation: quoted('The Example Agency of Azerbaijan'),
      key: `update-${slug}`,
    };
    const first = await graphql(server, updateEntity, update, editor);
    const before = await graphFingerprint(db);
    expect((await graphql(server, updateEntity, update, editor)).data.updateEntity).toEqual({ ...first.data.updateEntity, replayed: true });
    const relation = {
      type: 'PARTY_TO',
      from: agencyAz,
      to: `memorandum:${slug}-created`,
      citation: quoted('signed a memorandum'),
      key: `relation-${slug}`,
    };
    const added = await graphql(server, addRelation, relation, editor);
    expect(added.data.addRelation.change.action).toBe('ADD_RELATION');
    const afterAdd = await graphFingerprint(db);
    expect(afterAdd).not.toEqual(before);
    expect((await graphql(server, addRelation, relation, editor)).data.addRelation).toEqual({ ...added.data.addRelation, replayed: true });
    expect(await graphFingerprint(db)).toEqual(afterAdd);
  });
});

describe('addRelation', () => {
  test('adds a cited relation with its validity; the same again changes nothing; another citation is added to it', async () => {
    const from = `agency:${slug}-party`;
    await graphql(
      server,
      createEntity,
      { id: from, input: { agency: { name: `Party ${slug}` } }, citation: quoted('The Example Agency') },
      editor,
    );
    const variables = {
      type: 'PARTY_TO',
      from,
      to: memorandum,
      start: '2017',
      end: '2020-06',
      citation: quoted('signed a memorandum with the Example Office'),
    };
    const answer = await graphql(server, addRelation, variables, editor);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.addRelation).toMatchObject({
      replayed: false,
      relation: {
        type: 'PARTY_TO',
        from: { id: from },
        to: { id: memorandum },
        role: null,
        start: { iso: '2017' },
        end: { iso: '2020-06' },
        citations: [{ source: { id: source }, quote: variables.citation.quote }],
      },
      change: {
        action: 'ADD_RELATION',
        entities: [from, memorandum],
        before: null,
        after: { type: 'PARTY_TO', fromId: from, toId: memorandum },
      },
    });
    const parties = await graphql(server, 'query($id: ID!) { entity(id: $id) { ... on Memorandum { parties { id } } } }', {
      id: memorandum,
    });
    expect(parties.data.entity.parties.map((p: { id: string }) => p.id)).toContain(from);

    const before = await graphFingerprint(db);
    const again = await graphql(server, addRelation, variables, editor);
    expect(again.data.addRelation).toMatchObject({ change: null, replayed: false });
    expect(await graphFingerprint(db)).toEqual(before);

    const cited = await graphql(server, addRelation, { ...variables, citation: { source: bare } }, editor);
    expect(cited.data.addRelation.relation.citations).toHaveLength(2);
    expect(cited.data.addRelation.change.before.citations).toHaveLength(1);
  });
});

describe('bad input: refused naming the argument, nothing written', () => {
  const memo = (fields: Record<string, unknown>) => ({ memorandum: { name: `Bad ${slug}`, ...fields } });
  const create = (overrides: Record<string, unknown>) =>
    [createEntity, { id: `memorandum:${slug}-bad`, input: memo({}), citation: quoted('signed a memorandum'), ...overrides }] as const;
  const update = (overrides: Record<string, unknown>) =>
    [updateEntity, { id: memorandum, input: memo({}), citation: quoted('signed a memorandum'), ...overrides }] as const;
  const relate = (overrides: Record<string, unknown>) =>
    [addRelation, { type: 'PARTY_TO', from: agencyAz, to: memorandum, citation: quoted('signed a memorandum'), ...overrides }] as const;

  const cases: [string, readonly [string, Record<string, unknown>], string, string][] = [
    ['no type in input', create({ input: {} }), 'BAD_USER_INPUT', 'input'],
    ['two types in input', create({ input: { ...memo({}), agency: { name: 'x' } } }), 'BAD_USER_INPUT', 'input'],
    ['no name for a new entity', create({ input: { memorandum: { kind: 'MOU' } } }), 'BAD_USER_INPUT', 'input.memorandum.name'],
    ['a blank name', create({ input: memo({ name: '  ' }) }), 'BAD_USER_INPUT', 'input.memorandum.name'],
    [
      'a statistic without its metric',
      create({ id: `statistic:${slug}-bad`, input: { statistic: { name: 'x', value: { value: 1 } } } }),
      'BAD_USER_INPUT',
      'input.statistic.metric',
    ],
    ['2021-02-30', create({ input: memo({ signed: '2021-02-30' }) }), 'BAD_USER_INPUT', 'input.memorandum.signed'],
    ['a date that is no date', create({ input: memo({ signed: 'last year' }) }), 'BAD_USER_INPUT', 'input.memorandum.signed'],
    ['another type’s kind', create({ input: memo({ kind: 'MINISTRY' }) }), 'BAD_USER_INPUT', 'input.memorandum.kind'],
    [
      'a negative quantity',
      create({ id: `training:${slug}-bad`, input: { training: { name: 'x', participants: { value: -5 } } } }),
      'BAD_USER_INPUT',
      'input.training.participants.value',
    ],
    [
      'a blank topic',
      create({ id: `training:${slug}-bad`, input: { training: { name: 'x', topics: ['ok', ''] } } }),
      'BAD_USER_INPUT',
      'input.training.topics[1]',
    ],
    ['an id with odd characters', create({ id: 'memorandum:bad id/../x' }), 'BAD_USER_INPUT', 'id'],
    ['an id of another type', create({ id: `agency:${slug}-bad` }), 'BAD_USER_INPUT', 'id'],
    ['an id already taken', create({ id: memorandum }), 'BAD_USER_INPUT', 'id'],
    ['a source that does not exist', create({ citation: { source: `source:${slug}-none` } }), 'NOT_FOUND', 'citation.source'],
    ['a citation of an entity, not a source', create({ citation: { source: agencyAz } }), 'BAD_USER_INPUT', 'citation.source'],
    [
      'a quote not in the source text',
      create({ citation: quoted('a sentence the source never says') }),
      'BAD_USER_INPUT',
      'citation.quote',
    ],
    ['no quote from a source with a text', create({ citation: { source } }), 'BAD_USER_INPUT', 'citation.quote'],
    ['an update of nothing', update({ id: `memorandum:${slug}-none` }), 'NOT_FOUND', 'id'],
    ['an update with another type’s input', update({ input: { agency: { name: 'x' } } }), 'BAD_USER_INPUT', 'input'],
    ['an update of a country (a fixed list)', update({ id: 'country:AZ', input: { agency: { name: 'x' } } }), 'BAD_USER_INPUT', 'id'],
    ['an expectedVersion below 1', update({ expectedVersion: 0 }), 'BAD_USER_INPUT', 'expectedVersion'],
    ['a relation its types do not allow', relate({ type: 'BASED_IN', from: memorandum, to: 'country:AZ' }), 'BAD_USER_INPUT', 'from'],
    ['a relation to a type it cannot end at', relate({ type: 'BASED_IN', to: memorandum }), 'BAD_USER_INPUT', 'to'],
    ['a relation to nothing', relate({ to: `memorandum:${slug}-none` }), 'NOT_FOUND', 'to'],
    ['a relation end before its start', relate({ start: '2020', end: '2019-12' }), 'BAD_USER_INPUT', 'end'],
    ['a relation start 2021-02-30', relate({ start: '2021-02-30' }), 'BAD_USER_INPUT', 'start'],
    ['an empty idempotency key', relate({ key: '' }), 'BAD_USER_INPUT', 'idempotencyKey'],
  ];

  test.each(cases)('%s', async (_, [query, variables], code, argument) => {
    const before = await graphFingerprint(db);
    const answer = await graphql(server, query, variables, editor);
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions).toMatchObject({ code, argument });
    expect(answer.errors![0]!.message).toContain(argument);
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test.each([
    ['an unknown field', create({ input: memo({ colour: 'red' }) }), 'colour'],
    ['a value of the wrong type', create({ input: memo({ signed: 2017 }) }), 'signed'],
    ['a kind that is no Kind', create({ input: memo({ kind: 'TREATY' }) }), 'kind'],
    ['a relation type that does not exist', relate({ type: 'FRIEND_OF' }), 'type'],
  ] as const)('%s: refused by GraphQL before any resolver runs', async (_, [query, variables], named) => {
    const before = await graphFingerprint(db);
    const answer = await graphql(server, query, variables, editor);
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toContain(named);
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

describe.each([
  ['createEntity', createEntity, { id: `agency:${slug}-auth`, input: { agency: { name: 'x' } }, citation: { source: bare } }],
  ['updateEntity', updateEntity, { id: agencyAz, input: { agency: { aliases: ['x'] } }, citation: { source: bare } }],
  ['addRelation', addRelation, { type: 'PARTY_TO', from: agencyAz, to: memorandum, role: 'x', citation: { source: bare } }],
])('%s needs an editor', (_, query, variables) => {
  test('no token: 401 UNAUTHENTICATED; a reader: 403 FORBIDDEN; nothing written', async () => {
    const before = await graphFingerprint(db);
    const anonymous = await graphql(server, query, variables);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const read = await graphql(server, query, variables, reader);
    expect(read.status).toBe(403);
    expect(read.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', required: 'editor', role: 'reader' });
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

test('the test text the citations quote', () => {
  expect(testText).toContain('signed a memorandum with the Example Office');
});
