/**
 * entity(id) with nested relation fields, and node(id), Relay's lookup of any entity or source. Compiled (the default): the whole selection is one
 * statement projecting only the selected properties, relation fields as typed COLLECT
 * subqueries, a field of one type guarded by its label. Through the loaders (compiledLevels 0):
 * the entity batch, then one relations batch per tree level, then the cited sources.
 */
import { execute } from './execute';
import { node, sourceId } from './fixture';
import { answer } from './recording-runner';

const query = `{
  entity(id: "agency:asan-xidmet") {
    id name
    ... on Agency {
      kind
      country { code }
      memoranda { id ... on Memorandum { signed { iso precision } parties { id } } }
      staff { id }
    }
    citations { source { title } }
  } }`;

const expected = {
  id: 'agency:asan-xidmet',
  name: 'ASAN xidmət',
  kind: 'GOVERNMENT_AGENCY',
  country: { code: 'AZ' },
  memoranda: [
    {
      id: 'memorandum:asan-af-2016',
      signed: { iso: '2016', precision: 'YEAR' },
      parties: [{ id: 'agency:af-counterpart' }, { id: 'agency:asan-xidmet' }],
    },
  ],
  staff: [{ id: 'person:ulvi-mehdiyev' }],
  citations: [{ source: { title: 'ASAN xidmət: meeting with the Afghan ambassador' } }],
};

/** The compiled statement's answer for `query`, as Neo4j projects it from the fixture graph: ends distinct and in order; a place of one type ships no type; relation fields under their place in the selection (_0, _1, ...). */
const projected = {
  id: 'agency:asan-xidmet',
  type: 'Agency',
  name: 'ASAN xidmət',
  sourceIds: node('agency:asan-xidmet').sourceIds,
  quotes: node('agency:asan-xidmet').quotes,
  kind: 'GOVERNMENT_AGENCY',
  _0: [{ id: 'country:AZ', code: 'AZ' }],
  _1: [
    {
      id: 'memorandum:asan-af-2016',
      signed: '2016',
      _0: [
        { id: 'agency:af-counterpart', type: 'Agency' },
        { id: 'agency:asan-xidmet', type: 'Agency' },
      ],
    },
  ],
  _2: [{ id: 'person:ulvi-mehdiyev' }],
};

test('entity(id) with nested relation fields, compiled: one statement for the entity and every level below it', async () => {
  const { data, errors, queries } = await execute(query, [answer(/^MATCH \(n:Entity \{id: \$id\}\) RETURN n \{/, [{ e: projected }])]);
  expect(errors).toBeUndefined();
  expect(data.entity).toEqual(expected);
  // The entity with its three levels, then the cited sources: nothing through the relation loaders.
  expect(queries.map((q) => q.cypher.split('\n')[0])).toEqual(['MATCH (n:Entity {id: $id})', 'MATCH (s:Source)']);
  expect(queries.every((q) => q.mode === 'READ')).toBe(true);
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity {id: $id})
RETURN n {.id, .type, .name, .sourceIds, .quotes, .notes, .kind, _0: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:BASED_IN]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .code} } END, _1: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:PARTY_TO]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .signed, _0: COLLECT {
MATCH (m1)<-[r2:PARTY_TO]-(m2:Entity)
WITH r2, m2
ORDER BY type(r2), coalesce(r2.start, ''), m2.id
RETURN m2 {.id, .type} }} } END, _2: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)<-[r1:HOLDS_POSITION]-(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id} } END} AS e",
    "mode": "READ",
    "params": {
      "id": "agency:asan-xidmet",
    },
  },
  {
    "cypher": "MATCH (s:Source)
WHERE s.id IN $ids
RETURN properties(s) AS s",
    "mode": "READ",
    "params": {
      "ids": [
        "source:asan-2021-02-24",
      ],
    },
  },
]
`);
});

test('entity(id) with nested relation fields, through the loaders', async () => {
  const { data, errors, queries } = await execute(query, [], {}, { compiledLevels: 0 });
  expect(errors).toBeUndefined();
  expect(data.entity).toEqual(expected);
  expect(queries.every((query) => query.mode === 'READ')).toBe(true);
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (e:Entity)
WHERE e.id IN $ids
RETURN properties(e) AS e",
    "mode": "READ",
    "params": {
      "ids": [
        "agency:asan-xidmet",
      ],
    },
  },
  {
    "cypher": "UNWIND range(0, size($keys) - 1) AS index
WITH index, $keys[index] AS key
MATCH (n:Entity {id: key.id})
CALL (n, key) {
MATCH (n)-[r:BASED_IN|PARTY_TO|HOLDS_POSITION]->(m:Entity)
WHERE key.direction <> 'IN' AND (key.types IS NULL OR type(r) IN key.types) AND (key.asOf IS NULL OR ((r.start IS NULL OR left(r.start, size(key.asOf)) <= left(key.asOf, size(r.start))) AND (r.end IS NULL OR left(key.asOf, size(r.end)) <= left(r.end, size(key.asOf))))) AND (key.asOf IS NULL OR coalesce(m.signed, m.opened, m.date, m.asOf) IS NULL OR left(coalesce(m.signed, m.opened, m.date, m.asOf), size(key.asOf)) <= left(key.asOf, size(coalesce(m.signed, m.opened, m.date, m.asOf))))
RETURN r, n.id AS fromId, m AS other
UNION ALL
MATCH (n)<-[r:BASED_IN|PARTY_TO|HOLDS_POSITION]-(m:Entity)
WHERE key.direction <> 'OUT' AND (key.types IS NULL OR type(r) IN key.types) AND (key.asOf IS NULL OR ((r.start IS NULL OR left(r.start, size(key.asOf)) <= left(key.asOf, size(r.start))) AND (r.end IS NULL OR left(key.asOf, size(r.end)) <= left(r.end, size(key.asOf))))) AND (key.asOf IS NULL OR coalesce(m.signed, m.opened, m.date, m.asOf) IS NULL OR left(coalesce(m.signed, m.opened, m.date, m.asOf), size(key.asOf)) <= left(key.asOf, size(coalesce(m.signed, m.opened, m.date, m.asOf))))
RETURN r, m.id AS fromId, m AS other }
RETURN index, collect({type: type(r), fromId: fromId, toId: CASE WHEN fromId = n.id THEN other.id ELSE n.id END, props: CASE WHEN $withEnds THEN {start: r.start} ELSE properties(r) END, end: CASE WHEN $withEnds THEN properties(other) END}) AS relations",
    "mode": "READ",
    "params": {
      "keys": [
        {
          "asOf": null,
          "direction": "OUT",
          "id": "agency:asan-xidmet",
          "types": [
            "BASED_IN",
          ],
        },
        {
          "asOf": null,
          "direction": "OUT",
          "id": "agency:asan-xidmet",
          "types": [
            "PARTY_TO",
          ],
        },
        {
          "asOf": null,
          "direction": "IN",
          "id": "agency:asan-xidmet",
          "types": [
            "HOLDS_POSITION",
          ],
        },
      ],
      "withEnds": true,
    },
  },
  {
    "cypher": "MATCH (s:Source)
WHERE s.id IN $ids
RETURN properties(s) AS s",
    "mode": "READ",
    "params": {
      "ids": [
        "source:asan-2021-02-24",
      ],
    },
  },
  {
    "cypher": "UNWIND range(0, size($keys) - 1) AS index
WITH index, $keys[index] AS key
MATCH (n:Entity {id: key.id})
CALL (n, key) {
MATCH (n)-[r:PARTY_TO]->(m:Entity)
WHERE key.direction <> 'IN' AND (key.types IS NULL OR type(r) IN key.types) AND (key.asOf IS NULL OR ((r.start IS NULL OR left(r.start, size(key.asOf)) <= left(key.asOf, size(r.start))) AND (r.end IS NULL OR left(key.asOf, size(r.end)) <= left(r.end, size(key.asOf))))) AND (key.asOf IS NULL OR coalesce(m.signed, m.opened, m.date, m.asOf) IS NULL OR left(coalesce(m.signed, m.opened, m.date, m.asOf), size(key.asOf)) <= left(key.asOf, size(coalesce(m.signed, m.opened, m.date, m.asOf))))
RETURN r, n.id AS fromId, m AS other
UNION ALL
MATCH (n)<-[r:PARTY_TO]-(m:Entity)
WHERE key.direction <> 'OUT' AND (key.types IS NULL OR type(r) IN key.types) AND (key.asOf IS NULL OR ((r.start IS NULL OR left(r.start, size(key.asOf)) <= left(key.asOf, size(r.start))) AND (r.end IS NULL OR left(key.asOf, size(r.end)) <= left(r.end, size(key.asOf))))) AND (key.asOf IS NULL OR coalesce(m.signed, m.opened, m.date, m.asOf) IS NULL OR left(coalesce(m.signed, m.opened, m.date, m.asOf), size(key.asOf)) <= left(key.asOf, size(coalesce(m.signed, m.opened, m.date, m.asOf))))
RETURN r, m.id AS fromId, m AS other }
RETURN index, collect({type: type(r), fromId: fromId, toId: CASE WHEN fromId = n.id THEN other.id ELSE n.id END, props: CASE WHEN $withEnds THEN {start: r.start} ELSE properties(r) END, end: CASE WHEN $withEnds THEN properties(other) END}) AS relations",
    "mode": "READ",
    "params": {
      "keys": [
        {
          "asOf": null,
          "direction": "IN",
          "id": "memorandum:asan-af-2016",
          "types": [
            "PARTY_TO",
          ],
        },
      ],
      "withEnds": true,
    },
  },
]
`);
});

test('node(id) of an entity, its fields through fragments on Entity and Agency: the same one statement as entity(id)', async () => {
  const rules = [answer(/^MATCH \(n:Entity \{id: \$id\}\) RETURN n \{/, [{ e: projected }])];
  const viaEntity = await execute(query, rules);
  const viaNode = await execute(
    `{ node(id: "agency:asan-xidmet") {
        id
        ... on Entity { name citations { source { title } } }
        ... on Agency { kind country { code } memoranda { id ... on Memorandum { signed { iso precision } parties { id } } } staff { id } }
      } }`,
    rules,
  );
  expect(viaNode.errors).toBeUndefined();
  expect(viaNode.data.node).toEqual(expected);
  expect(viaNode.queries).toEqual(viaEntity.queries);
});

test('node(id) of a source document: the source batch only, never the entity statement', async () => {
  const { data, errors, queries } = await execute(
    `{ node(id: "${sourceId}") { __typename id ... on SourceDocument { title } ... on Entity { name } } }`,
  );
  expect(errors).toBeUndefined();
  expect(data.node).toEqual({ __typename: 'SourceDocument', id: sourceId, title: 'ASAN xidmət: meeting with the Afghan ambassador' });
  expect(queries.map((q) => q.cypher.replace(/\s+/g, ' '))).toEqual(['MATCH (s:Source) WHERE s.id IN $ids RETURN properties(s) AS s']);
  expect(queries[0]!.params).toEqual({ ids: [sourceId] });
});

test('node(id) of an id that names nothing is null, and entity(id) of a source id is null', async () => {
  const { data, errors } = await execute(
    `{ a: node(id: "agency:none") { id } b: node(id: "source:none") { id } c: entity(id: "${sourceId}") { id } }`,
  );
  expect(errors).toBeUndefined();
  expect(data).toEqual({ a: null, b: null, c: null });
});

test('entity(id) of a merged-away id follows its redirect: a second statement, only because the lookup found nothing (compiled and through the loaders)', async () => {
  const merged = query.replace('agency:asan-xidmet', 'agency:asan-merged');
  const compiled = await execute(merged, [
    answer(/^MATCH \(n:Entity \{id: \$id\}\) RETURN n \{/, []),
    answer(/^MATCH \(r:Redirect \{from: \$id\}\)/, [{ e: projected }]),
  ]);
  expect(compiled.errors).toBeUndefined();
  expect(compiled.data.entity).toEqual(expected);
  expect(compiled.queries.map((q) => q.cypher.split('\n')[0])).toEqual([
    'MATCH (n:Entity {id: $id})',
    'MATCH (r:Redirect {from: $id})',
    'MATCH (s:Source)',
  ]);
  expect(compiled.queries.slice(0, 2)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity {id: $id})
RETURN n {.id, .type, .name, .sourceIds, .quotes, .notes, .kind, _0: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:BASED_IN]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .code} } END, _1: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:PARTY_TO]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .signed, _0: COLLECT {
MATCH (m1)<-[r2:PARTY_TO]-(m2:Entity)
WITH r2, m2
ORDER BY type(r2), coalesce(r2.start, ''), m2.id
RETURN m2 {.id, .type} }} } END, _2: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)<-[r1:HOLDS_POSITION]-(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id} } END} AS e",
    "mode": "READ",
    "params": {
      "id": "agency:asan-merged",
    },
  },
  {
    "cypher": "MATCH (r:Redirect {from: $id})
MATCH (n:Entity {id: r.to})
RETURN n {.id, .type, .name, .sourceIds, .quotes, .notes, .kind, _0: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:BASED_IN]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .code} } END, _1: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)-[r1:PARTY_TO]->(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id, .signed, _0: COLLECT {
MATCH (m1)<-[r2:PARTY_TO]-(m2:Entity)
WITH r2, m2
ORDER BY type(r2), coalesce(r2.start, ''), m2.id
RETURN m2 {.id, .type} }} } END, _2: CASE WHEN n:Agency THEN COLLECT {
MATCH (n)<-[r1:HOLDS_POSITION]-(m1:Entity)
WITH r1, m1
ORDER BY type(r1), coalesce(r1.start, ''), m1.id
RETURN m1 {.id} } END} AS e",
    "mode": "READ",
    "params": {
      "id": "agency:asan-merged",
    },
  },
]
`);

  const loaded = await execute(
    merged,
    [answer(/^MATCH \(r:Redirect\) WHERE r\.from IN \$ids/, [{ from: 'agency:asan-merged', e: node('agency:asan-xidmet') }])],
    {},
    { compiledLevels: 0 },
  );
  expect(loaded.errors).toBeUndefined();
  expect(loaded.data.entity).toEqual(expected);
  expect(loaded.queries.slice(0, 2).map((q) => q.cypher.replace(/\s+/g, ' '))).toEqual([
    'MATCH (e:Entity) WHERE e.id IN $ids RETURN properties(e) AS e',
    'MATCH (r:Redirect) WHERE r.from IN $ids MATCH (e:Entity {id: r.to}) RETURN r.from AS from, properties(e) AS e',
  ]);
});
