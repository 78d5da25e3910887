/**
 * The response cache's parts without a database: the byte-bounded LRU, the request key and entity
 * tags, If-None-Match matching, @uncached detection through fragments, and the cache dropping
 * every answer once a newer dataset counter is seen.
 */
import { buildSchema, parse } from 'graphql';
import { Registry } from 'prom-client';
import { loadTypeDefs } from '../../src/app/schema';
import { ResponseCache } from '../../src/app/plugins/response-cache';
import { entityTag, noneMatch, requestKey, selectsUncachedField } from '../../src/app/plugins/response-cache/keys';
import { ByteBoundedLru } from '../../src/app/plugins/response-cache/lru';

describe('ByteBoundedLru', () => {
  test('evicts the least recently used until a new entry fits; a read makes an entry recent', () => {
    const lru = new ByteBoundedLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 4);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.bytes).toBe(8);
  });

  test('an entry larger than the bound is not kept and evicts nothing; replacing a key reweighs it', () => {
    const lru = new ByteBoundedLru<string>(10);
    lru.set('a', 'A', 6);
    expect(lru.set('huge', 'H', 11)).toBe(false);
    expect([lru.get('a'), lru.size, lru.bytes]).toEqual(['A', 1, 6]);
    lru.set('a', 'A2', 2);
    expect([lru.get('a'), lru.bytes]).toEqual(['A2', 2]);
    lru.clear();
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });
});

describe('keys', () => {
  const parts = { query: 'q', operationName: null, variables: { b: 1, a: [1, 2] }, role: 'anonymous' };

  test('the key reads variables canonically and tells every part apart', () => {
    expect(requestKey({ ...parts, variables: { a: [1, 2], b: 1 } })).toBe(requestKey(parts));
    const others = [
      { ...parts, query: 'q2' },
      { ...parts, operationName: 'Q' },
      { ...parts, variables: { b: 2, a: [1, 2] } },
      { ...parts, role: 'reader' },
      // Length prefixes: moving text from one part to the next is another key.
      { ...parts, query: 'q1', operationName: '' },
    ];
    const keys = new Set([parts, ...others].map(requestKey));
    expect(keys.size).toBe(others.length + 1);
  });

  test('entity tags are weak and carry the counter; If-None-Match compares weakly, lists and * included', () => {
    const key = requestKey(parts);
    const tag = entityTag(42, key);
    expect(tag).toMatch(/^W\/"42-[0-9a-f]{32}"$/);
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(tag.slice(2), tag)).toBe(true);
    expect(noneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch(entityTag(43, key), tag)).toBe(false);
    expect(noneMatch(undefined, tag)).toBe(false);
  });

  test('@uncached is found anywhere in the document, fragments included', () => {
    const schema = buildSchema(loadTypeDefs());
    expect(selectsUncachedField(schema, parse('{ viewer { subject } }'))).toBe(true);
    expect(selectsUncachedField(schema, parse('query { ...Who } fragment Who on Query { viewer { role } }'))).toBe(true);
    expect(selectsUncachedField(schema, parse('{ entity(id: "country:AZ") { id } datasetVersion { counter } }'))).toBe(false);
  });
});

describe('ResponseCache', () => {
  test('answers under the newest counter only: a newer one empties the cache, an older one neither finds nor keeps', () => {
    const cache = new ResponseCache(1024, new Registry());
    expect(cache.find(5, 'k')).toBeUndefined();
    cache.keep(5, 'k', { answer: 1 });
    expect(cache.find(5, 'k')).toEqual({ answer: 1 });
    expect(cache.find(6, 'other')).toBeUndefined();
    expect(cache.find(6, 'k')).toBeUndefined();
    cache.keep(5, 'k', { answer: 'from before the write' });
    expect(cache.find(5, 'k')).toBeUndefined();
    expect(cache.find(6, 'k')).toBeUndefined();
  });
});
