/**
 * Retraction and merges (issue 12) over real HTTP on the real Neo4j: a retracted relation or
 * citation leaves default reads and shows with includeRetracted with who, when and why, and the
 * audit trail records it; a merge moves relations, citations, claims and names onto the kept
 * entity and leaves a redirect that entity(id), node(id) and search follow; unmerge restores the
 * graph exactly (its fingerprint, modulo the audit trail's Change nodes); bad input and missing
 * rights change nothing.
 */
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import { EntityRepository } from '../../src/features/entity/entity.repository';
import { relationId } from '../../src/core/model/relation-ids';
import type { Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { testText } from '../support/bundles';
import { graphFingerprint } from '../support/graph-fingerprint';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const tokens: Record<'editor' | 'reader', Record<string, string>> = { editor: {}, reader: {} };
let editorSubject: string;

beforeAll(async () => {
  for (const role of ['editor', 'reader'] as const) {
    const key = issueKey();
    await new ApiKeyRepository(db).create({ id: key.id, name: `history ${role}`, role, hash: key.hash });
    tokens[role] = { authorization: `Bearer ${key.token}` };
    if (role === 'editor') editorSubject = `apikey:${key.id}`;
  }
});

const asEditor = (query: string, variables: Record<string, unknown> = {}) => graphql(server, query, variables, tokens.editor);

/**
 * Two sources on one story: the first names the agency and its memorandum, the second names the
 * same agency again under another id (a duplicate), based in the same country, party to the same
 * memorandum and to a second one, with a claim about its founding date.
 */
function duplicateBundles(slug: string) {
  const ids = {
    keep: `agency:${slug}-keep`,
    drop: `agency:${slug}-drop`,
    partner: `agency:${slug}-partner`,
    memorandum: `memorandum:${slug}`,
    other: `memorandum:${slug}-other`,
    first: `source:${slug}-1`,
    second: `source:${slug}-2`,
  };
  const source = (id: string) => ({ id, title: `History ${id}`, publisher: 'coopgraph tests', language: 'en', url: null, text: testText });
  const agency = (id: string, name: string, quote: string) => ({
    id,
    type: 'Agency' as const,
    name,
    quotes: [quote],
    attributes: { kind: 'GOVERNMENT_AGENCY' },
  });
  const memorandum = (id: string) => ({
    id,
    type: 'Memorandum' as const,
    name: `Memorandum ${id}`,
    quotes: ['signed a memorandum'],
    attributes: { kind: 'MOU', signed: '2017' },
  });
  const first: Bundle = {
    format: 'coopgraph-bundle/1',
    source: source(ids.first),
    entities: [
      agency(ids.keep, `Example Agency ${slug}`, 'The Example Agency of Azerbaijan'),
      agency(ids.partner, `Example Office ${slug}`, 'the Example Office of Afghanistan'),
      memorandum(ids.memorandum),
    ],
    relations: [
      { type: 'BASED_IN', from: ids.keep, to: 'country:AZ', quotes: ['The Example Agency of Azerbaijan'] },
      { type: 'BASED_IN', from: ids.partner, to: 'country:AF', quotes: ['the Example Office of Afghanistan'] },
      { type: 'PARTY_TO', from: ids.keep, to: ids.memorandum, start: '2017', quotes: ['signed a memorandum'] },
      { type: 'PARTY_TO', from: ids.partner, to: ids.memorandum, start: '2017', quotes: ['signed a memorandum'] },
    ],
    claims: [{ subject: ids.keep, property: 'founded', value: '2012', quotes: ['The Example Agency of Azerbaijan'] }],
  };
  const second: Bundle = {
    format: 'coopgraph-bundle/1',
    source: source(ids.second),
    entities: [
      { ...agency(ids.drop, `Azerbaijan Example Agency ${slug}`, 'The Example Agency of Azerbaijan'), aliases: [`EAA ${slug}`] },
      memorandum(ids.memorandum),
      memorandum(ids.other),
    ],
    relations: [
      { type: 'BASED_IN', from: ids.drop, to: 'country:AZ', quotes: ['The Example Agency of Azerbaijan'] },
      {
        type: 'PARTY_TO',
        from: ids.drop,
        to: ids.memorandum,
        start: '2017',
        quotes: ['signed a memorandum with the Example Office of Afghanistan in 2017'],
      },
      { type: 'PARTY_TO', from: ids.drop, to: ids.other, quotes: ['signed a memorandum'] },
      { type: 'PARTY_TO', from: ids.partner, to: ids.other, quotes: ['signed a memorandum'] },
      // Between the two: a loop once merged, so dropped (and restored by unmerge).
      { type: 'PART_OF', from: ids.drop, to: ids.keep, quotes: ['The Example Agency of Azerbaijan'] },
    ],
    claims: [{ subject: ids.drop, property: 'founded', value: '2012', quotes: ['The Example Agency of Azerbaijan'] }],
  };
  return { first, second, ids, droppedName: `Azerbaijan Example Agency ${slug}` };
}

async function writeStory(prefix: string) {
  const story = duplicateBundles(uniqueSlug(prefix));
  await writeBundle(db, story.first, 'first');
  await writeBundle(db, story.second, 'second');
  return story;
}

const relationsQuery = `query($id: ID!, $all: Boolean) {
  entity(id: $id) {
    id
    relations(includeRetracted: $all) { id type from { id } to { id } citations(includeRetracted: $all) { source { id } quote retracted { by reason } } retracted { by at reason change } }
  }
}`;

type RelationView = {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
  retracted: { by: string; at: string; reason: string; change: string } | null;
};

const relationsOf = async (id: string, all = false): Promise<RelationView[]> =>
  (await graphql(server, relationsQuery, { id, all })).data.entity.relations;

const retractRelation = `mutation($id: ID!, $reason: String!) {
  retractRelation(id: $id, reason: $reason) { relation { id type retracted { by at reason change } } change { id at action by reason entities before after } }
}`;

const retractCitation = `mutation($of: ID!, $source: ID!, $reason: String!) {
  retractCitation(of: $of, source: $source, reason: $reason) {
    citations { source { id } quote retracted { by reason } } relation { id retracted { reason } } entity { id } change { id action }
  }
}`;

const mergeEntities = `mutation($keep: ID!, $drop: ID!, $reason: String!) {
  mergeEntities(keep: $keep, drop: $drop, reason: $reason) { entity { id name aliases version } dropped movedRelations change { id action entities reason } }
}`;

const unmerge = `mutation($change: ID!, $reason: String!) {
  unmerge(change: $change, reason: $reason) { kept { id aliases version } restored { id name version } change { id action } }
}`;

describe('retractRelation', () => {
  test('the relation leaves default reads, shows with includeRetracted with who, when and why, and the trail records it', async () => {
    const { ids } = await writeStory('retract');
    const id = relationId({ type: 'PARTY_TO', fromId: ids.keep, toId: ids.memorandum, key: '' });
    expect((await relationsOf(ids.keep)).map((relation) => relation.id)).toContain(id);

    const answer = await asEditor(retractRelation, { id, reason: 'the source misread the signatory' });
    expect(answer.errors).toBeUndefined();
    const { relation, change } = answer.data.retractRelation;
    expect(relation).toEqual({
      id,
      type: 'PARTY_TO',
      retracted: { by: editorSubject, at: change.at, reason: 'the source misread the signatory', change: change.id },
    });
    expect(change).toMatchObject({
      action: 'RETRACT_RELATION',
      by: editorSubject,
      reason: 'the source misread the signatory',
      entities: [ids.keep, ids.memorandum],
      after: null,
    });
    expect(change.before.relation).toMatchObject({
      id,
      type: 'PARTY_TO',
      fromId: ids.keep,
      toId: ids.memorandum,
      props: { start: '2017', sourceIds: [ids.first] },
    });

    expect((await relationsOf(ids.keep)).map((r) => r.id)).not.toContain(id);
    expect((await relationsOf(ids.memorandum)).map((r) => r.id)).not.toContain(id);
    const all = await relationsOf(ids.keep, true);
    const retracted = all.find((r) => r.id === id)!;
    expect(retracted.retracted).toEqual({
      by: editorSubject,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      reason: 'the source misread the signatory',
      change: change.id,
    });
    expect(all.filter((r) => r.retracted === null).length).toBe(all.length - 1);
    const memoranda = await graphql(server, 'query($id: ID!) { entity(id: $id) { ... on Agency { memoranda { id } } } }', { id: ids.keep });
    expect(memoranda.data.entity.memoranda).toEqual([]);

    const trail = await graphql(server, 'query($e: ID) { changes(entity: $e, first: 5) { edges { node { id action } } } }', {
      e: ids.memorandum,
    });
    expect(trail.data.changes.edges[0].node).toEqual({ id: change.id, action: 'RETRACT_RELATION' });
    // Retracted already: no longer a live relation.
    expect((await asEditor(retractRelation, { id, reason: 'again' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  test('partner ranks follow: the agencies of a retracted memorandum party are partners no more', async () => {
    const { ids } = await writeStory('ranks');
    const ranked = async () =>
      (await db.read('MATCH (p:PartnerRank {self: $self}) RETURN collect(p.partner) AS partners', { self: ids.keep }))[0]!
        .partners as string[];
    expect(await ranked()).toContain(ids.partner);
    const id = relationId({ type: 'PARTY_TO', fromId: ids.keep, toId: ids.memorandum, key: '' });
    expect((await asEditor(retractRelation, { id, reason: 'wrong party' })).errors).toBeUndefined();
    expect(await ranked()).not.toContain(ids.partner);
  });

  test('an unknown relation is NOT_FOUND, a malformed id BAD_USER_INPUT, an empty reason BAD_USER_INPUT: the graph unchanged', async () => {
    const { ids } = await writeStory('retract-bad');
    const before = await graphFingerprint(db);
    const unknown = relationId({ type: 'PARTY_TO', fromId: ids.keep, toId: ids.other, key: '' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ id: unknown, reason: 'x' }, 'NOT_FOUND', 'id'],
      [{ id: 'relation:not-base64!', reason: 'x' }, 'BAD_USER_INPUT', 'id'],
      [{ id: ids.keep, reason: 'x' }, 'BAD_USER_INPUT', 'id'],
      [{ id: `relation:${Buffer.from('["NOT_A_TYPE","a","b",""]').toString('base64url')}`, reason: 'x' }, 'BAD_USER_INPUT', 'id'],
      [{ id: relationId({ type: 'BASED_IN', fromId: ids.keep, toId: 'country:AZ', key: '' }), reason: '   ' }, 'BAD_USER_INPUT', 'reason'],
    ];
    for (const [variables, code, argument] of cases) {
      const answer = await asEditor(retractRelation, variables);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code, argument });
      expect(answer.errors?.[0]?.message).not.toMatch(/MATCH|stack/i);
    }
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

describe('retractCitation', () => {
  test("a relation's citation by one source leaves its citations and shows with includeRetracted; the last one retracts the relation", async () => {
    const { ids } = await writeStory('citation');
    // After the merge-free story, keep -> memorandum is cited by the first source only; the partner's BASED_IN likewise.
    const id = relationId({ type: 'BASED_IN', fromId: ids.partner, toId: 'country:AF', key: '' });
    const answer = await asEditor(retractCitation, { of: id, source: ids.first, reason: 'the quote says nothing of the country' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.retractCitation).toMatchObject({
      citations: [
        {
          source: { id: ids.first },
          quote: 'the Example Office of Afghanistan',
          retracted: { by: editorSubject, reason: 'the quote says nothing of the country' },
        },
      ],
      relation: { id, retracted: { reason: 'the quote says nothing of the country' } },
      entity: null,
      change: { action: 'RETRACT_CITATION' },
    });
    expect((await relationsOf(ids.partner)).map((r) => r.id)).not.toContain(id);
    const archived = (await relationsOf(ids.partner, true)).find((r) => r.id === id)!;
    expect(archived.retracted?.reason).toBe('the quote says nothing of the country');
  });

  test("an entity's citation by one source leaves it, readable with citations(includeRetracted); its last citation is refused", async () => {
    const { ids } = await writeStory('entity-citation');
    const citations = `query($id: ID!, $all: Boolean) { entity(id: $id) { citations(includeRetracted: $all) { source { id } retracted { by reason } } } }`;
    // The memorandum is cited by both sources.
    const answer = await asEditor(retractCitation, { of: ids.memorandum, source: ids.second, reason: 'duplicate citation' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.retractCitation).toMatchObject({
      relation: null,
      entity: { id: ids.memorandum },
      citations: [{ source: { id: ids.second } }],
    });
    expect((await graphql(server, citations, { id: ids.memorandum })).data.entity.citations).toEqual([
      { source: { id: ids.first }, retracted: null },
    ]);
    expect((await graphql(server, citations, { id: ids.memorandum, all: true })).data.entity.citations).toEqual([
      { source: { id: ids.first }, retracted: null },
      { source: { id: ids.second }, retracted: { by: editorSubject, reason: 'duplicate citation' } },
    ]);
    const before = await graphFingerprint(db);
    const last = await asEditor(retractCitation, { of: ids.memorandum, source: ids.first, reason: 'x' });
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'source' });
    const uncited = await asEditor(retractCitation, { of: ids.memorandum, source: ids.second, reason: 'x' });
    expect(uncited.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'source' });
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

describe('mergeEntities and unmerge', () => {
  test('a merge moves relations, citations, claims and names, leaves a redirect; unmerge restores the graph exactly', async () => {
    const { ids, droppedName } = await writeStory('merge');
    // Exactly but for the versions, which only grow (a version names one state of an entity).
    const before = await graphFingerprint(db, ['Change'], ['version']);
    const versionsBefore = await db.read('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.version AS version ORDER BY id', {
      ids: [ids.keep, ids.drop],
    });
    const versionBefore = (id: string) => versionsBefore.find((row) => row.id === id)!.version as number;
    const answer = await asEditor(mergeEntities, { keep: ids.keep, drop: ids.drop, reason: 'the same agency' });
    expect(answer.errors).toBeUndefined();
    const merged = answer.data.mergeEntities;
    expect(merged.entity.id).toBe(ids.keep);
    expect(merged.entity.aliases).toEqual(
      expect.arrayContaining([expect.stringContaining('Azerbaijan Example Agency'), expect.stringContaining('EAA')]),
    );
    expect(merged.dropped).toBe(ids.drop);
    expect(merged.movedRelations).toBe(3);
    expect(merged.change).toMatchObject({ action: 'MERGE_ENTITIES', entities: [ids.keep, ids.drop], reason: 'the same agency' });

    // The coinciding BASED_IN and PARTY_TO now carry both sources; the second memorandum moved over.
    const relations = await relationsOf(ids.keep);
    const cited = (type: string, to: string) =>
      (
        relations.find((r) => r.type === type && r.to.id === to) as unknown as { citations: { source: { id: string } }[] } | undefined
      )?.citations.map((c) => c.source.id);
    expect(cited('BASED_IN', 'country:AZ')).toEqual([ids.first, ids.second]);
    expect(cited('PARTY_TO', ids.memorandum)).toEqual([ids.first, ids.second]);
    expect(cited('PARTY_TO', ids.other)).toEqual([ids.second]);
    // Both claimed the same founding year: one claim, cited by both sources.
    const claims = await db.read(
      'MATCH (c:Claim) WHERE c.subjectId IN $ids RETURN c.subjectId AS subject, c.property AS property, c.sourceIds AS sourceIds',
      { ids: [ids.keep, ids.drop] },
    );
    expect(claims).toEqual([{ subject: ids.keep, property: 'founded', sourceIds: [ids.first, ids.second] }]);
    expect(relations.filter((r) => r.type === 'PART_OF')).toEqual([]);

    // The dropped id answers with the kept entity, through entity(id) (compiled and not) and node(id).
    const byDropped = await graphql(
      server,
      'query($id: ID!) { entity(id: $id) { id name } node(id: $id) { id ... on Agency { country { id } memoranda { id } } } }',
      { id: ids.drop },
    );
    expect(byDropped.data.entity.id).toBe(ids.keep);
    expect(byDropped.data.node.id).toBe(ids.keep);
    expect(byDropped.data.node.country.id).toBe('country:AZ');
    // The loaders' lookup too (relation ends, compiledLevels 0): a redirect only for the id that names no entity.
    expect(
      (await new EntityRepository(db).entitiesByIds([ids.drop, ids.partner, `${ids.drop}-nothing`])).map((entity) => entity?.id ?? null),
    ).toEqual([ids.keep, ids.partner, null]);
    const found = await graphql(server, 'query($q: String!) { search(query: $q, first: 5) { edges { node { id } } } }', { q: droppedName });
    expect(found.data.search.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([ids.keep]);

    const undone = await asEditor(unmerge, { change: merged.change.id, reason: 'not the same after all' });
    expect(undone.errors).toBeUndefined();
    expect(merged.entity.version).toBe(versionBefore(ids.keep) + 1);
    expect(undone.data.unmerge).toMatchObject({
      kept: { id: ids.keep, aliases: [], version: merged.entity.version + 1 },
      restored: { id: ids.drop, version: versionBefore(ids.drop) + 1 },
      change: { action: 'UNMERGE_ENTITIES' },
    });
    expect(await graphFingerprint(db, ['Change'], ['version'])).toEqual(before);
    expect((await graphql(server, 'query($id: ID!) { entity(id: $id) { id } }', { id: ids.drop })).data.entity.id).toBe(ids.drop);
    // Undone once: the redirect is gone, so again is a CONFLICT.
    expect((await asEditor(unmerge, { change: merged.change.id, reason: 'again' })).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      argument: 'change',
    });
  });

  test('merged again, the first dropped id follows to the last kept entity; undoing the later merge points it back', async () => {
    const { ids } = await writeStory('merge-chain');
    const first = (await asEditor(mergeEntities, { keep: ids.keep, drop: ids.drop, reason: 'same' })).data.mergeEntities;
    const second = await asEditor(mergeEntities, { keep: ids.partner, drop: ids.keep, reason: 'same again' });
    expect(second.errors).toBeUndefined();
    const lookup = async (id: string) => (await graphql(server, 'query($id: ID!) { entity(id: $id) { id } }', { id })).data.entity?.id;
    expect(await lookup(ids.drop)).toBe(ids.partner);
    expect(await lookup(ids.keep)).toBe(ids.partner);
    // The first merge's kept entity is gone: it cannot be undone before the second.
    expect((await asEditor(unmerge, { change: first.change.id, reason: 'x' })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await asEditor(unmerge, { change: second.data.mergeEntities.change.id, reason: 'undo the second' })).errors).toBeUndefined();
    expect(await lookup(ids.drop)).toBe(ids.keep);
    expect((await asEditor(unmerge, { change: first.change.id, reason: 'undo the first' })).errors).toBeUndefined();
    expect(await lookup(ids.drop)).toBe(ids.drop);
  });

  test('a write to an id merged away answers NOT_FOUND naming the kept entity (mergedInto), and changes nothing', async () => {
    const { ids } = await writeStory('merge-redirect');
    expect((await asEditor(mergeEntities, { keep: ids.keep, drop: ids.drop, reason: 'same' })).errors).toBeUndefined();
    const before = await graphFingerprint(db);
    const citation = { source: ids.first, quote: 'The Example Agency of Azerbaijan' };
    const writes: [string, Record<string, unknown>, string][] = [
      [
        'mutation($id: ID!, $citation: CitationInput!) { updateEntity(id: $id, input: { agency: { description: "x" } }, citation: $citation) { version } }',
        { id: ids.drop, citation },
        'id',
      ],
      [
        'mutation($from: ID!, $to: ID!, $citation: CitationInput!) { addRelation(type: PART_OF, from: $from, to: $to, citation: $citation) { replayed } }',
        { from: ids.partner, to: ids.drop, citation },
        'to',
      ],
      [mergeEntities, { keep: ids.partner, drop: ids.drop, reason: 'x' }, 'drop'],
    ];
    for (const [mutation, variables, argument] of writes) {
      expect((await asEditor(mutation, variables)).errors?.map((error) => error.extensions)).toEqual([
        { code: 'NOT_FOUND', argument, id: ids.drop, mergedInto: ids.keep, requestId: expect.any(String) },
      ]);
    }
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test('unmerge is refused when the kept entity changed after the merge, and changes nothing', async () => {
    const { ids } = await writeStory('merge-conflict');
    const merged = (await asEditor(mergeEntities, { keep: ids.keep, drop: ids.drop, reason: 'same' })).data.mergeEntities;
    const later = relationId({ type: 'PARTY_TO', fromId: ids.keep, toId: ids.other, key: '' });
    expect((await asEditor(retractRelation, { id: later, reason: 'later change' })).errors).toBeUndefined();
    const before = await graphFingerprint(db);
    const answer = await asEditor(unmerge, { change: merged.change.id, reason: 'undo' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'change' });
    expect(answer.errors?.[0]?.message).toContain(ids.keep);
    expect(await graphFingerprint(db)).toEqual(before);
  });

  test('bad merges are refused naming the argument, the graph unchanged', async () => {
    const { ids } = await writeStory('merge-bad');
    const before = await graphFingerprint(db);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ keep: ids.keep, drop: ids.keep, reason: 'x' }, 'BAD_USER_INPUT', 'drop'],
      [{ keep: ids.keep, drop: ids.memorandum, reason: 'x' }, 'BAD_USER_INPUT', 'drop'],
      [{ keep: `${ids.keep}-nothing`, drop: ids.drop, reason: 'x' }, 'NOT_FOUND', 'keep'],
      [{ keep: ids.keep, drop: `${ids.drop}-nothing`, reason: 'x' }, 'NOT_FOUND', 'drop'],
      [{ keep: ids.keep, drop: ids.drop, reason: '' }, 'BAD_USER_INPUT', 'reason'],
    ];
    for (const [variables, code, argument] of cases)
      expect((await asEditor(mergeEntities, variables)).errors?.[0]?.extensions).toMatchObject({ code, argument });
    const unknown = await asEditor(unmerge, { change: 'change:00000000-0000-0000-0000-000000000000', reason: 'x' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'change' });
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

describe('rights', () => {
  const mutations: [string, string, Record<string, unknown>][] = [
    [
      'retractRelation',
      retractRelation,
      { id: relationId({ type: 'BASED_IN', fromId: 'agency:asan-xidmet', toId: 'country:AZ', key: '' }), reason: 'x' },
    ],
    ['retractCitation', retractCitation, { of: 'agency:asan-xidmet', source: 'source:x', reason: 'x' }],
    ['mergeEntities', mergeEntities, { keep: 'agency:asan-xidmet', drop: 'agency:dost', reason: 'x' }],
    ['unmerge', unmerge, { change: 'change:x', reason: 'x' }],
  ];
  test.each(mutations)('%s: no token is 401, a reader token 403, nothing written', async (_, query, variables) => {
    const before = await graphFingerprint(db);
    const anonymous = await graphql(server, query, variables);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await graphql(server, query, variables, tokens.reader);
    expect(reader.status).toBe(403);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await graphFingerprint(db)).toEqual(before);
  });
});

test("a merge and updates of the kept entity at the same moment lose nothing: the merge takes both entities' locks before it reads", async () => {
  const { ids, droppedName } = await writeStory('race');
  const update = (n: number) =>
    asEditor(
      `mutation($id: ID!, $input: EntityInput!, $citation: CitationInput!) { updateEntity(id: $id, input: $input, citation: $citation) { version } }`,
      {
        id: ids.keep,
        input: { agency: { aliases: [`Raced alias ${n}`] } },
        citation: { source: ids.first, quote: 'The Example Agency of Azerbaijan' },
      },
    );
  const answers = await Promise.all([
    asEditor(mergeEntities, { keep: ids.keep, drop: ids.drop, reason: 'race' }),
    ...[1, 2, 3, 4, 5].map(update),
  ]);
  for (const answer of answers) expect(answer.errors).toBeUndefined();
  const { data } = await graphql(server, 'query($id: ID!) { entity(id: $id) { aliases } }', { id: ids.keep });
  expect(data.entity.aliases).toEqual(expect.arrayContaining([droppedName, ...[1, 2, 3, 4, 5].map((n) => `Raced alias ${n}`)]));
});
