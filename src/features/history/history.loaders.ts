/** Archived statements by what they belonged to, batched per request: read only when a client asks for includeRetracted. */
import DataLoader from 'dataloader';
import { perRequest } from '../../core/graphql/context';
import { HistoryRepository } from './history.repository';

/** By entity id: the retracted relations that touched it. */
export const retractedRelationsLoader = perRequest(
  (db) => new DataLoader((ids: readonly string[]) => new HistoryRepository(db).retractedRelationsOf(ids)),
);

/** By relation or entity id: the citations retracted from it. */
export const retractedCitationsLoader = perRequest(
  (db) => new DataLoader((ids: readonly string[]) => new HistoryRepository(db).retractedCitationsOf(ids)),
);
