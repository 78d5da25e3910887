/**
 * A NameMatcher over a list of named entities held in memory (a bundle's, the countries'), read
 * the way the search index reads a query: every word of the query, folded or transliterated,
 * begins a word of one of an entity's names. For drafts without a database (tests, an
 * evaluation over fixed names); the service matches through the search index itself.
 */
import type { KnownEntity, NameMatcher } from '../../core/model/drafts';
import { fold, transliterationKey } from '../../core/model/folding';
import type { EntityTypeName } from '../../core/model/registry';
import type { NamedEntity } from '../bundle';

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

interface Keyed {
  entity: KnownEntity;
  folded: string[][];
  translit: string[][];
}

export class GazetteerMatcher implements NameMatcher {
  private readonly keyed: Keyed[];

  constructor(entities: readonly NamedEntity[]) {
    this.keyed = entities.map((entity) => {
      const names = [entity.name, ...(entity.aliases ?? []), ...Object.values(entity.names ?? {})];
      return {
        entity: { id: entity.id, type: entity.type, name: entity.name, names },
        folded: names.map((name) => wordsOf(fold(name))),
        translit: names.map((name) => wordsOf(transliterationKey(name))),
      };
    });
  }

  async lookup(query: string, types: readonly EntityTypeName[]): Promise<KnownEntity[]> {
    const folded = wordsOf(fold(query));
    const translit = wordsOf(transliterationKey(query));
    if (folded.length === 0) return [];
    const every = (queryWords: string[], keys: string[][]) =>
      keys.some((key) => queryWords.every((word) => key.some((keyWord) => keyWord.startsWith(word))));
    return this.keyed
      .filter(({ entity }) => types.includes(entity.type))
      .filter(({ folded: keys, translit: translitKeys }) => every(folded, keys) || (translit.length > 0 && every(translit, translitKeys)))
      .slice(0, 8)
      .map(({ entity }) => entity);
  }
}
