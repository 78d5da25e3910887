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
  expect(withVisibleNul(queries)).toMatchSnapshot();
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
  expect(queries).toMatchSnapshot();
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
  expect(queries).toMatchSnapshot();
});
