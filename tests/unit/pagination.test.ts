import { InvalidArgumentError } from '../../src/core/errors';
import { configureCursors, cursorScope, decodeCursor, encodeCursor, pageFromRows, pageOfLoaded } from '../../src/core/cypher/keyset';
import { pageRequest } from '../../src/core/graphql/pagination';

const scope = cursorScope('agencies', { filter: { country: 'AF' }, orderBy: null });

describe('cursors', () => {
  test('round-trip the sort key and id within their scope', () => {
    expect(decodeCursor('after', encodeCursor('asan xidmet', 'agency:asan-xidmet', scope), scope)).toEqual([
      'asan xidmet',
      'agency:asan-xidmet',
    ]);
    expect(decodeCursor('after', encodeCursor(null, 'x:1', scope), scope)).toEqual([null, 'x:1']);
  });

  test('a scope is the list and its arguments but the page: key order and page arguments do not change it', () => {
    expect(cursorScope('agencies', { orderBy: null, filter: { country: 'AF' }, first: 5, after: 'x' })).toBe(scope);
    expect(cursorScope('agencies', { filter: { country: 'AZ' }, orderBy: null })).not.toBe(scope);
    expect(cursorScope('memoranda', { filter: { country: 'AF' }, orderBy: null })).not.toBe(scope);
  });

  const forged = [
    ['empty', ''],
    ['not a cursor', 'not-a-cursor'],
    ['unsigned, as cursors were before', Buffer.from('["asan","agency:asan-xidmet"]').toString('base64url')],
    ['a base64 of an id with a made-up signature', `${Buffer.from('["a","agency:x","s"]').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`],
    [
      'edited payload, old signature',
      (() => {
        const [, signed] = encodeCursor('a', 'agency:a', scope).split('.');
        return `${Buffer.from(JSON.stringify(['z', 'agency:z', scope])).toString('base64url')}.${signed}`;
      })(),
    ],
    ["another list's cursor", encodeCursor('a', 'agency:a', cursorScope('search', { query: 'asan' }))],
    ['three parts', `${encodeCursor('a', 'agency:a', scope)}.x`],
  ];
  test.each(forged)('abuse: %s is a BAD_USER_INPUT naming the argument', (_name, cursor) => {
    expect(() => decodeCursor('after', cursor!, scope)).toThrow(InvalidArgumentError);
    const refused = (() => {
      try {
        return decodeCursor('before', cursor!, scope);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect(refused).toMatchObject({
      argument: 'before',
      expected: expect.stringContaining('a cursor this API returned for this same list'),
    });
  });

  test('CURSOR_SECRET: cursors signed with one key are refused under another', () => {
    configureCursors('one secret');
    const cursor = encodeCursor('a', 'agency:a', scope);
    configureCursors('one secret');
    expect(decodeCursor('after', cursor, scope)).toEqual(['a', 'agency:a']);
    configureCursors('another secret');
    expect(() => decodeCursor('after', cursor, scope)).toThrow(InvalidArgumentError);
    configureCursors(null);
  });
});

describe('page requests', () => {
  test('defaults to the first 20', () => expect(pageRequest({}, scope)).toEqual({ limit: 20, backwards: false, position: null }));
  test('last/before walks backwards', () => {
    const before = encodeCursor('b', 'id:b', scope);
    expect(pageRequest({ last: 5, before }, scope)).toEqual({ limit: 5, backwards: true, position: ['b', 'id:b'] });
  });
  test.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 2.5 }, 'first'],
    [{ last: 1000 }, 'last'],
    [{ first: 1, last: 1 }, 'last'],
    [{ first: 1, before: encodeCursor('a', 'b', scope) }, 'before'],
  ])('%p is rejected naming %p', (args, argument) => {
    expect(() => pageRequest(args, scope)).toThrow(expect.objectContaining({ argument }));
  });
});
describe('pages from fetched rows', () => {
  test('the extra row only says there is a next page', () => {
    const page = pageFromRows({ limit: 2, backwards: false, position: null }, ['a', 'b', 'c'], 10);
    expect(page).toEqual({ rows: ['a', 'b'], totalCount: 10, hasNextPage: true, hasPreviousPage: false });
  });
  test('backwards pages come back in forward order', () => {
    const page = pageFromRows({ limit: 2, backwards: true, position: ['z', 'z'] }, ['d', 'c', 'b'], 10);
    expect(page).toEqual({ rows: ['c', 'd'], totalCount: 10, hasNextPage: true, hasPreviousPage: true });
  });
});

describe('pages of a list loaded whole', () => {
  const rows = [
    { key: '2019', id: 'c' },
    { key: '', id: 'a' },
    { key: '2016', id: 'b' },
    { key: '2016', id: 'a' },
  ];
  const keyOf = (row: { key: string; id: string }): [string, string] => [row.key, row.id];
  const walk = (request: Parameters<typeof pageOfLoaded>[1]) =>
    pageOfLoaded(rows, request, keyOf).rows.map((row) => `${row.key}/${row.id}`);

  test('sorted by key then id, in code-unit order; a page starts strictly after its position', () => {
    expect(walk({ limit: 10, backwards: false, position: null })).toEqual(['/a', '2016/a', '2016/b', '2019/c']);
    expect(walk({ limit: 2, backwards: false, position: ['2016', 'a'] })).toEqual(['2016/b', '2019/c']);
  });

  test('backwards pages end strictly before their position and come back in walking order', () => {
    expect(walk({ limit: 2, backwards: true, position: ['2019', 'c'] })).toEqual(['2016/a', '2016/b']);
    const page = pageOfLoaded(rows, { limit: 2, backwards: true, position: ['2016', 'b'] }, keyOf);
    expect(page).toMatchObject({ totalCount: 4, hasPreviousPage: false, hasNextPage: true });
  });

  test('abuse: a position between rows (a row removed since) still walks on; the input is not reordered', () => {
    const before = rows.map((row) => row.id);
    expect(walk({ limit: 10, backwards: false, position: ['2017', 'zzz'] })).toEqual(['2019/c']);
    expect(rows.map((row) => row.id)).toEqual(before);
  });
});
