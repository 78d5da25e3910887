/** Relation ids and what retraction and merging do to stored citations and entities (pure: no database). */
import { InvalidArgumentError } from '../../src/core/errors';
import { parseRelationId, relationId, relationIdOf } from '../../src/core/model/relation-ids';
import {
  citationArrays,
  mergedEntityProperties,
  mergedRelationProperties,
  splitBySource,
  unitedCitations,
} from '../../src/features/history/statements';

describe('relation ids', () => {
  const identity = { type: 'HOLDS_POSITION' as const, fromId: 'person:ulvi-mehdiyev', toId: 'agency:asan-xidmet', key: 'Chairman' };

  test('round-trip, and the same id from a record (key = role, "" without one)', () => {
    const id = relationId(identity);
    expect(id).toMatch(/^relation:[A-Za-z0-9_-]+$/);
    expect(parseRelationId('id', id)).toEqual(identity);
    expect(relationIdOf({ type: identity.type, fromId: identity.fromId, toId: identity.toId, role: 'Chairman' })).toBe(id);
    expect(relationIdOf({ type: 'BASED_IN', fromId: 'a', toId: 'b', role: null })).toBe(
      relationId({ type: 'BASED_IN', fromId: 'a', toId: 'b', key: '' }),
    );
  });

  test.each([
    ['an entity id', 'agency:asan-xidmet'],
    ['no payload', 'relation:'],
    ['not base64url', 'relation:a+b/c'],
    ['not JSON', `relation:${Buffer.from('nope').toString('base64url')}`],
    ['a short tuple', `relation:${Buffer.from('["BASED_IN","a"]').toString('base64url')}`],
    ['an unknown type', `relation:${Buffer.from('["LIKES","a","b",""]').toString('base64url')}`],
    ['an empty end', `relation:${Buffer.from('["BASED_IN","","b",""]').toString('base64url')}`],
    ['a non-canonical spelling', `relation:${Buffer.from('[ "BASED_IN","a","b",""]').toString('base64url')}`],
  ])('refuses %s, naming the argument', (_, id) => {
    expect(() => parseRelationId('of', id)).toThrow(InvalidArgumentError);
    expect(() => parseRelationId('of', id)).toThrow(/Argument "of" must be a relation id/);
  });
});

describe('citations', () => {
  const stored = { sourceIds: ['s1', 's2', 's1'], quotes: ['a', 'b', 'c'], notes: ['', 'n2', ''], quoteTranslations: ['{"en":"A"}'] };

  test('split by source keeps the arrays aligned (translations padded)', () => {
    const { removed, kept } = splitBySource(citationArrays(stored), 's1');
    expect(removed).toEqual({ sourceIds: ['s1', 's1'], quotes: ['a', 'c'], notes: ['', ''], quoteTranslations: ['{"en":"A"}', ''] });
    expect(kept).toEqual({ sourceIds: ['s2'], quotes: ['b'], notes: ['n2'], quoteTranslations: [''] });
  });

  test('united: the second statement adds only (source, quote) pairs the first lacks; absent arrays stay absent', () => {
    const into = citationArrays({ sourceIds: ['s1'], quotes: ['a'] });
    const from = citationArrays({ sourceIds: ['s1', 's3'], quotes: ['a', 'z'], notes: ['x', 'y'] });
    expect(unitedCitations(into, from)).toEqual({ sourceIds: ['s1', 's3'], quotes: ['a', 'z'], notes: ['', 'y'], quoteTranslations: null });
  });
});

describe('merged properties', () => {
  test('an entity keeps its name and values, gains the dropped name as an alias, empty attributes, names by language and citations, and search keys of all', () => {
    const kept = {
      id: 'agency:a',
      type: 'Agency',
      name: 'Alpha',
      aliases: ['A'],
      kind: 'MINISTRY',
      description: null,
      nameLanguages: ['en'],
      nameValues: ['Alpha'],
      sourceIds: ['s1'],
      quotes: [''],
    };
    const dropped = {
      id: 'agency:b',
      type: 'Agency',
      name: 'Альфа',
      aliases: ['A', 'Alfa'],
      kind: 'OTHER',
      description: 'An agency',
      nameLanguages: ['en', 'ru'],
      nameValues: ['Alfa', 'Альфа'],
      sourceIds: ['s2'],
      quotes: ['q'],
    };
    const merged = mergedEntityProperties(kept, dropped);
    expect(merged).toMatchObject({
      id: 'agency:a',
      name: 'Alpha',
      kind: 'MINISTRY',
      description: 'An agency',
      aliases: ['A', 'Альфа', 'Alfa'],
      nameLanguages: ['en', 'ru'],
      nameValues: ['Alpha', 'Альфа'],
      sourceIds: ['s1', 's2'],
      quotes: ['', 'q'],
      sortKey: 'alpha',
    });
    expect(merged.searchKeys).toEqual(expect.arrayContaining(['alpha', 'a', 'alfa']));
    expect(merged).not.toHaveProperty('notes');
  });

  test('a relationship keeps its own values and unites citations', () => {
    expect(
      mergedRelationProperties(
        { key: '', start: '2017', sourceIds: ['s1'], quotes: ['a'] },
        { key: '', start: '2016', end: '2020', sourceIds: ['s2'], quotes: ['b'] },
      ),
    ).toEqual({
      key: '',
      start: '2017',
      end: '2020',
      sourceIds: ['s1', 's2'],
      quotes: ['a', 'b'],
    });
  });
});
