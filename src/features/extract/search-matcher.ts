/**
 * The draft extractor's name look-up over the search index: the query is read as search reads
 * it (folded and transliterated, each word also as a prefix), so a mention finds what a user
 * typing it would find. A few hits are enough: the extractor checks each one's names itself.
 */
import type { QueryRunner } from '../../core/db/database';
import type { EntitySelection } from '../../core/cypher/projection';
import type { KnownEntity, NameMatcher } from '../../core/model/drafts';
import type { EntityTypeName } from '../../core/model/registry';
import { nameKeys } from '../../core/model/storage';
import { SearchRepository } from '../search/search.repository';

/** Hits read per look-up: the best few by search's own ranking. */
const hitsPerLookup = 8;

export class SearchNameMatcher implements NameMatcher {
  private readonly search: SearchRepository;

  constructor(db: QueryRunner) {
    this.search = new SearchRepository(db);
  }

  async lookup(query: string, types: readonly EntityTypeName[]): Promise<KnownEntity[]> {
    const selection: EntitySelection = { types: [...types], keys: ['id', 'type', 'name', 'aliases', ...nameKeys], relations: [] };
    const page = await this.search.search(query, [...types], { limit: hitsPerLookup, backwards: false, position: null }, selection);
    return page.rows.map(({ entity }) => ({
      id: entity.id,
      type: entity.type,
      name: entity.name,
      names: [entity.name, ...entity.aliases, ...entity.names.map((named) => named.name)],
    }));
  }
}
