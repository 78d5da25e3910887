import { InvalidArgumentError } from '../../src/core/errors';
import { decodeCursor, encodeCursor, pageFromRows, pageRequest } from '../../src/core/graphql/pagination';

describe('cursors', () => {
  test('round-trip the sort key and id', () => {
    expect(decodeCursor('after', encodeCursor('asan xidmet', 'agency:asan-xidmet'))).toEqual(['asan xidmet', 'agency:asan-xidmet']);
    expect(decodeCursor('after', encodeCursor(null, 'x:1'))).toEqual([null, 'x:1']);
  });

  test.each(['', 'not-a-cursor', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'a malformed cursor %p is a BAD_USER_INPUT naming the argument',
    (cursor) => {
      expect(() => decodeCursor('after', cursor)).toThrow(InvalidArgumentError);
      try {
        decodeCursor('before', cursor);
      } catch (error) {
        expect((error as InvalidArgumentError).argument).toBe('before');
      }
    },
  );
});

describe('page requests', () => {
  test('defaults to the first 20', () => expect(pageRequest({})).toEqual({ limit: 20, backwards: false, position: null }));
  test('last/before walks backwards', () => {
    const before = encodeCursor('b', 'id:b');
    expect(pageRequest({ last: 5, before })).toEqual({ limit: 5, backwards: true, position: ['b', 'id:b'] });
  });
  test.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 2.5 }, 'first'],
    [{ last: 1000 }, 'last'],
    [{ first: 1, last: 1 }, 'last'],
    [{ first: 1, before: encodeCursor('a', 'b') }, 'before'],
  ])('%p is rejected naming %p', (args, argument) => {
    expect(() => pageRequest(args)).toThrow(expect.objectContaining({ argument }));
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
