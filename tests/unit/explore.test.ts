import { luceneQuery, searchTerms, words } from '../../src/features/search/lucene';
import { pathExplanation } from '../../src/core/model/path-sentences';
import { sumQuantities } from '../../src/core/model/quantity-sums';
import { whenText } from '../../src/core/model/date-wording';
import { parsePartialDate } from '../../src/core/model/values';
import type { EntityRecord, RelationRecord } from '../../src/core/model/records';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { statsPartsFor } from '../../src/features/stats/stats.dashboard';
import { statsParts } from '../../src/features/stats/stats.repository';

describe('lucene query', () => {
  test('special characters never reach Lucene', () => {
    const query = searchTerms('a" OR *:* (z) name:asan~ +-&&||!{}[]^?\\/').lucene!;
    // Only the syntax luceneQuery writes itself: its two field names, lower-case words (never the AND/OR/NOT operators), ^ * ~ and brackets.
    const clauses = '(a^4) AND (or^4 OR or*^2) AND (z^4) AND (name^4 OR name*^2) AND (asan^4 OR asan*^2)';
    expect(query).toBe(`searchText:(${clauses}) OR translitText:(${clauses})`);
    expect(words('asan "xidmet"')).toEqual(['asan', 'xidmet']);
    expect(searchTerms('*** ??? ""').lucene).toBeNull();
  });

  test('every word is required; the transliterated reading is a second way to match, the only one within one edit', () => {
    expect(searchTerms('asan khedmat').lucene).toBe(
      'searchText:((asan^4 OR asan*^2) AND (khedmat^4 OR khedmat*^2)) OR translitText:((asan^4 OR asan*^2) AND (hedmat^4 OR hedmat*^2 OR hedmat~1))',
    );
    expect(searchTerms('АСАН хидмат').lucene).toBe(
      'searchText:((асан^4 OR асан*^2) AND (хидмат^4 OR хидмат*^2)) OR translitText:((asan^4 OR asan*^2) AND (hidmat^4 OR hidmat*^2 OR hidmat~1))',
    );
    expect(searchTerms('ъ').lucene).toBe('searchText:((ъ^4))');
  });

  test('short words are never fuzzy: "asan" is not one edit from "san" (San Marino)', () => {
    expect(searchTerms('ASAN').lucene).toBe('searchText:((asan^4 OR asan*^2)) OR translitText:((asan^4 OR asan*^2))');
    expect(luceneQuery('somali', 'somali')).toBe(
      'searchText:((somali^4 OR somali*^2)) OR translitText:((somali^4 OR somali*^2 OR somali~1))',
    );
  });

  test('terms for the ranking: folded, transliterated, first words', () => {
    expect(searchTerms('Мехдиев Ülvi')).toMatchObject({
      folded: 'мехдиев ulvi',
      translit: 'mehdiev ulvi',
      firstWord: 'мехдиев',
      translitFirstWord: 'mehdiev',
      translitWords: ['mehdiev', 'ulvi'],
    });
    expect(searchTerms('ъ')).toMatchObject({ translit: null, translitFirstWord: null, translitWords: [] });
  });
});

describe('quantity sums keep their qualifier', () => {
  test.each([
    [
      [
        { value: 100, qualifier: 'MORE_THAN' },
        { value: 20, qualifier: 'ABOUT' },
      ],
      120,
      'ABOUT',
    ],
    [
      [
        { value: 100, qualifier: 'EXACT' },
        { value: 20, qualifier: 'EXACT' },
      ],
      120,
      'EXACT',
    ],
    [
      [
        { value: 100, qualifier: 'MORE_THAN' },
        { value: 20, qualifier: 'EXACT' },
      ],
      120,
      'MORE_THAN',
    ],
    [
      [
        { value: 100, qualifier: 'MORE_THAN' },
        { value: 20, qualifier: 'AT_LEAST' },
      ],
      120,
      'MORE_THAN',
    ],
    [
      [
        { value: 100, qualifier: 'AT_MOST' },
        { value: 20, qualifier: 'AT_LEAST' },
      ],
      120,
      'ABOUT',
    ],
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
  const relation = (type: string, fromId: string, toId: string, role: string | null = null) =>
    ({ type, fromId, toId, role }) as RelationRecord;
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
