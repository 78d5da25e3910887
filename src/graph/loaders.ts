/**
 * Per-request DataLoaders. Each batch function is one repository call, i.e. one Cypher query,
 * so every level of a GraphQL tree costs one round trip per loader however wide it is.
 * Loaders live for one request only: their cache must never serve another caller's data.
 */
import DataLoader from 'dataloader';
import type { ConflictRepository } from '../conflicts/repository';
import type { CountryRepository } from '../country/repository';
import type { ExploreRepository, PartnershipRecord } from '../explore/repository';
import type { SourceRepository } from '../source/repository';
import type { EntityRecord, RelationRecord, SourceRecord } from './records';
import type { GraphRepository, RelationKey } from './repository';

export interface Repositories {
  graph: GraphRepository;
  sources: SourceRepository;
  countries: CountryRepository;
  /** Search, network, paths, partners, stats (src/explore). */
  explore: ExploreRepository;
  /** Where sources disagree (src/conflicts). */
  conflicts: ConflictRepository;
}

export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  relations: DataLoader<RelationKey, RelationRecord[], string>;
  countryByCode: DataLoader<string, EntityRecord | null>;
  source: DataLoader<string, SourceRecord | null>;
  sourceStatements: DataLoader<string, RelationRecord[]>;
  sourceEntities: DataLoader<string, EntityRecord[]>;
  /** Partners of a country or agency, optionally as of a date. */
  partners: DataLoader<{ id: string; asOf: string | null }, PartnershipRecord[], string>;
}

/** Keys that ask for the same relations share a cache entry whatever order their types came in. */
export function relationKeyCacheKey(key: RelationKey): string {
  return `${key.id}|${key.direction}|${key.types ? [...key.types].sort().join(',') : '*'}|${key.asOf ?? ''}`;
}

export function createLoaders(repositories: Repositories): Loaders {
  return {
    entity: new DataLoader((ids) => repositories.graph.entitiesByIds(ids)),
    relations: new DataLoader((keys) => repositories.graph.relationsByKeys(keys), { cacheKeyFn: relationKeyCacheKey }),
    countryByCode: new DataLoader((codes) => repositories.countries.countriesByCodes(codes), { cacheKeyFn: (code) => code.toUpperCase() }),
    source: new DataLoader((ids) => repositories.sources.sourcesByIds(ids)),
    sourceStatements: new DataLoader((ids) => repositories.sources.statementsBySourceIds(ids)),
    sourceEntities: new DataLoader((ids) => repositories.sources.entitiesBySourceIds(ids)),
    partners: new DataLoader((keys) => repositories.explore.partnersByIds(keys), { cacheKeyFn: (key) => `${key.id}|${key.asOf ?? ''}` }),
  };
}
