/**
 * The draft extractor's name look-up over the search index: the query is read as search reads
 * it (folded and transliterated, each word also as a prefix), so a mention finds what a user
 * typing it would find. A few hits are enough: the extractor checks each one's names itself.
 */
import type { QueryRunner } from '../../core/db/database';
import type { KnownEntity, NameMatcher } from '../../core/model/drafts';
import type { EntityTypeName } from '../../core/model/registry';
import { ExtractRepository } from './extract.repository';

/** Hits read per look-up: the index's best few. */
const hitsPerLookup = 8;

export class SearchNameMatcher implements NameMatcher {
  private readonly repository: ExtractRepository;

  constructor(db: QueryRunner) {
    this.repository = new ExtractRepository(db);
  }

  lookup(query: string, types: readonly EntityTypeName[]): Promise<KnownEntity[]> {
    return this.repository.namesMatching(query, types, hitsPerLookup);
  }
}
