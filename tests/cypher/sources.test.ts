/**
 * Source documents and conflicts: the paginated lists, and what one source supports (its
 * statements and entities, two loaders dispatched together).
 */
import { cursorScope, encodeCursor } from '../../src/core/cypher/keyset';

/** The scope the conflicts resolver binds its cursors to for the entity asked below. */
const conflictsScope = cursorScope('conflicts', { entity: 'memorandum:asan-af-2016' });
import { execute } from './execute';
import { source, sourceId } from './fixture';
import { answer } from './recording-runner';

/** `value` with every NUL character in its strings written as the text \u0000. */
function withVisibleNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\0/g, '\\u0000');
  if (Array.isArray(value)) return value.map(withVisibleNul);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withVisibleNul(inner)]));
  return value;
}

test('conflicts', async () => {
  const key = 'memorandum:asan-af-2016\u0000signed';
  const conflict = {
    key,
    subjectId: 'memorandum:asan-af-2016',
    property: 'signed',
    claims: [
      { value: '2016', sourceIds: [sourceId], quotes: ['2016-cı ildə'] },
      { value: '2017', sourceIds: [sourceId], quotes: [''] },
    ],
  };
  const { data, errors, queries } = await execute(
    `query($after: String) { conflicts(entity: "memorandum:asan-af-2016", first: 5, after: $after) {
        totalCount edges { cursor node { subject { id name } property claims { value citations { quote source { id } } } } } pageInfo { hasNextPage hasPreviousPage } } }`,
    [answer(/^MATCH \(c:Claim\)/, [{ totalCount: 1, rows: [conflict] }])],
    { after: encodeCursor('award:a\u0000year', 'award:a\u0000year', conflictsScope) },
  );
  expect(errors).toBeUndefined();
  expect(data.conflicts).toEqual({
    totalCount: 1,
    edges: [
      {
        cursor: encodeCursor(key, key, conflictsScope),
        node: {
          subject: { id: 'memorandum:asan-af-2016', name: 'ASAN–Afghanistan MoU' },
          property: 'signed',
          claims: [
            { value: '2016', citations: [{ quote: '2016-cı ildə', source: { id: sourceId } }] },
            { value: '2017', citations: [{ quote: null, source: { id: sourceId } }] },
          ],
        },
      },
    ],
    pageInfo: { hasNextPage: false, hasPreviousPage: true },
  });
  expect(queries[0]!.params).toEqual({ entity: 'memorandum:asan-af-2016', position: ['award:a\u0000year', 'award:a\u0000year'], fetch: 6 });
  // The cursor key holds a NUL; the snapshot shows it as the text \u0000 so the file stays text for git.
  expect(withVisibleNul(queries)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Claim)
WHERE c.disputed AND ($entity IS NULL OR c.subjectId = $entity)
WITH DISTINCT c.subjectId + '\\u0000' + c.property AS key
WITH count(key) AS totalCount
RETURN totalCount, COLLECT {
MATCH (c:Claim)
WHERE c.disputed AND ($entity IS NULL OR c.subjectId = $entity)
WITH c.subjectId + '\\u0000' + c.property AS key, c
ORDER BY c.value
WITH key, head(collect(c.subjectId)) AS subjectId, head(collect(c.property)) AS property, collect({value: c.value, disputed: c.disputed, sourceIds: c.sourceIds, quotes: c.quotes, notes: c.notes}) AS claims
WHERE $position IS NULL OR (false AND (key < $position[0] OR (key = $position[0] AND key < $position[1]))) OR (NOT false AND (key > $position[0] OR (key = $position[0] AND key > $position[1])))
RETURN {key: key, subjectId: subjectId, property: property, claims: claims} AS conflict
ORDER BY key
LIMIT toInteger($fetch) } AS rows",
    "mode": "READ",
    "params": {
      "entity": "memorandum:asan-af-2016",
      "fetch": 6,
      "position": [
        "award:a\\u0000year",
        "award:a\\u0000year",
      ],
    },
  },
  {
    "cypher": "MATCH (e:Entity)
WHERE e.id IN $ids
RETURN properties(e) AS e",
    "mode": "READ",
    "params": {
      "ids": [
        "memorandum:asan-af-2016",
      ],
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

test('sources', async () => {
  const { data, errors, queries } = await execute(
    '{ sources(last: 1) { totalCount edges { cursor node { id title published translations { language note } } } pageInfo { hasNextPage hasPreviousPage } } }',
    [
      answer(/^MATCH \(s:Source\) WITH count\(s\) AS totalCount/, [
        { totalCount: 3, rows: [source, { ...source, id: 'source:b', title: 'B' }] },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  // A `last` page walks backwards: the extra row says there is a previous page.
  expect(data.sources).toEqual({
    totalCount: 3,
    edges: [
      {
        cursor: encodeCursor(source.title as string, sourceId, cursorScope('sources', {})),
        node: { id: sourceId, title: source.title, published: '2021-02-24', translations: [{ language: 'en', note: 'unofficial' }] },
      },
    ],
    pageInfo: { hasNextPage: false, hasPreviousPage: true },
  });
  expect(queries[0]!.params).toEqual({ position: null, backwards: true, fetch: 2 });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (s:Source)
WITH count(s) AS totalCount
RETURN totalCount, COLLECT {
MATCH (s:Source)
WHERE $position IS NULL OR ($backwards AND (s.title < $position[0] OR (s.title = $position[0] AND s.id < $position[1]))) OR (NOT $backwards AND (s.title > $position[0] OR (s.title = $position[0] AND s.id > $position[1])))
WITH s
ORDER BY CASE WHEN $backwards THEN s.title END DESC, CASE WHEN $backwards THEN s.id END DESC, s.title, s.id
LIMIT toInteger($fetch)
RETURN properties(s) } AS rows",
    "mode": "READ",
    "params": {
      "backwards": true,
      "fetch": 2,
      "position": null,
    },
  },
]
`);
});

test('source statements and entities', async () => {
  const { data, errors, queries } = await execute(
    `{ source(id: "${sourceId}") { title statements { type from { id } to { id } } entities { id } } }`,
  );
  expect(errors).toBeUndefined();
  expect(data.source).toEqual({
    title: source.title,
    statements: [
      { type: 'BASED_IN', from: { id: 'agency:asan-xidmet' }, to: { id: 'country:AZ' } },
      { type: 'BASED_IN', from: { id: 'agency:abad' }, to: { id: 'country:AZ' } },
      { type: 'PART_OF', from: { id: 'agency:abad' }, to: { id: 'agency:asan-xidmet' } },
    ],
    entities: [{ id: 'agency:asan-xidmet' }, { id: 'country:AZ' }],
  });
  expect(queries).toMatchInlineSnapshot(`
[
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
    "cypher": "UNWIND $ids AS sourceId
MATCH (:Source {id: sourceId})<-[:MENTIONED_IN]-(a:Entity)-[r]->(b:Entity)
WHERE sourceId IN r.sourceIds
WITH sourceId, r, a, b
ORDER BY type(r), a.id, b.id
RETURN sourceId, collect({type: type(r), fromId: a.id, toId: b.id, props: properties(r)}) AS relations",
    "mode": "READ",
    "params": {
      "ids": [
        "source:asan-2021-02-24",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS sourceId
MATCH (:Source {id: sourceId})<-[:MENTIONED_IN]-(e:Entity)
WITH sourceId, e
ORDER BY e.type, e.sortKey, e.id
RETURN sourceId, collect(properties(e)) AS entities",
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
