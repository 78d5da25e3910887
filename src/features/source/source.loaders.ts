/** Loaders of the source feature: documents by id, and what each one supports. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { SourceRepository } from './source.repository';

export const sourceRepository = perRequest((db) => new SourceRepository(db));
export const sourceLoader = perRequest((db) => new DataLoader((ids: readonly string[]) => new SourceRepository(db).sourcesByIds(ids)));
export const sourceStatementsLoader = perRequest(
  (db) => new DataLoader((ids: readonly string[]) => new SourceRepository(db).statementsBySourceIds(ids)),
);
export const sourceEntitiesLoader = perRequest(
  (db) => new DataLoader((ids: readonly string[]) => new SourceRepository(db).entitiesBySourceIds(ids)),
);
