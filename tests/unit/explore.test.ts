import { luceneQuery, variants, words } from '../../src/features/explore/lucene';
import { pathExplanation, sumQuantities, whenText } from '../../src/features/explore/values';
import { fold } from '../../src/core/model/folding';
import { parsePartialDate } from '../../src/core/model/values';
import type { EntityRecord, RelationRecord } from '../../src/core/model/records';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { statsPartsFor } from '../../src/features/explore/stats';
import { statsParts } from '../../src/features/explore/repository';

describe('lucene query', () => {
  test('special characters never reach Lucene', () => {
    const query = luceneQuery(fold('a" OR *:* (x) name:asan~ +-&&||!{}[]^?\\/'))!;
    // Only the syntax luceneQuery writes itself: lower-case words (never the AND/OR/NOT operators), ^ * ~ and brackets.
    expect(query).toBe('(a^4) AND (or^4 OR or*^2) AND (x^4) AND (name^4 OR name*^2 OR name~1) AND (asan^4 OR asan*^2 OR asan~1)');
    expect(words(fold('ASAN "xidmət"'))).toEqual(['asan', 'xidmet']);
    expect(luceneQuery(fold('*** ??? ""'))).toBeNull();
  });

  test('every word is required, with prefix, fuzzy and transliteration options', () => {
    expect(luceneQuery('asan khedmat')).toBe('(asan^4 OR asan*^2 OR asan~1) AND (khedmat^4 OR khedmat*^2 OR khedmat~1 OR xedmat~1)');
    expect(variants('jayhoon')).toEqual(expect.arrayContaining(['cayhoon', 'jayhun']));
  });
});

describe('quantity sums keep their qualifier', () => {
  test.each([
    [[{ value: 100, qualifier: 'MORE_THAN' }, { value: 20, qualifier: 'ABOUT' }], 120, 'ABOUT'],
    [[{ value: 100, qualifier: 'EXACT' }, { value: 20, qualifier: 'EXACT' }], 120, 'EXACT'],
    [[{ value: 100, qualifier: 'MORE_THAN' }, { value: 20, qualifier: 'EXACT' }], 120, 'MORE_THAN'],
    [[{ value: 100, qualifier: 'MORE_THAN' }, { value: 20, qualifier: 'AT_LEAST' }], 120, 'MORE_THAN'],
    [[{ value: 100, qualifier: 'AT_MOST' }, { value: 20, qualifier: 'AT_LEAST' }], 120, 'ABOUT'],
    [[], 0, 'EXACT'],
  ] as const)('%j -> %d %s', (parts, value, qualifier) => {
    const sum = sumQuantities(parts.map((p) => ({ ...p, unit: 'people' })));
    expect(sum).toMatchObject({ value, qualifier, stated: parts.length });
  });

  test('text reads like the sources', () => {
    expect(sumQuantities([{ value: 100, qualifier: 'MORE_THAN', unit: 'representatives' }]).text).toBe('more than 100 representatives');
  });
});

test('dates say how precise they are', () => {
  expect(whenText(parsePartialDate('2016')!)).toBe('in 2016 (year only)');
  expect(whenText(parsePartialDate('2019-06')!)).toBe('in June 2019 (month only)');
  expect(whenText(parsePartialDate('2021-02-24')!)).toBe('on 2021-02-24');
});

test('a path explanation reads each step in its own direction', () => {
  const entity = (id: string, name: string) => ({ id, name }) as EntityRecord;
  const relation = (type: string, fromId: string, toId: string, role: string | null = null) => ({ type, fromId, toId, role }) as RelationRecord;
  expect(
    pathExplanation(
      [entity('p', 'Ülvi Mehdiyev'), entity('a', 'ASAN xidmət'), entity('c', 'Kabul centre')],
      [relation('HOLDS_POSITION', 'p', 'a', 'Chairman'), relation('MODELLED_ON', 'c', 'a')],
    ),
  ).toBe('Ülvi Mehdiyev is Chairman at ASAN xidmət; Kabul centre is modelled on ASAN xidmət.');
});

test('every Stats field names the aggregates it is computed from, and together they are all of them', () => {
  const stats = buildSchema(loadTypeDefs()).getType('Stats') as GraphQLObjectType;
  const fields = Object.keys(stats.getFields());
  for (const field of fields) expect(statsPartsFor(new Set([field])).size).toBeGreaterThan(0);
  expect([...statsPartsFor(new Set(fields))].sort()).toEqual([...statsParts].sort());
  expect(statsPartsFor(new Set(['entitiesByType', '__typename']))).toEqual(new Set(['entitiesByType']));
});
