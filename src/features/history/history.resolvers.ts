/**
 * Retraction and merges (issue 12): the mutations, thin over writes.ts, and the fields that show
 * history on what is read: Relation.id, and `retracted` on relations and citations. Who may call
 * a mutation is decided before this runs (plugins/auth, @requiresRole); the graph upkeep
 * (partner ranks, disputes) comes from the app, which composes it from ingest.
 */
import type { CitationResolvers, MutationResolvers, RelationResolvers, Retraction } from '../../generated/graphql';
import type { RequestContext } from '../../core/graphql/context';
import { relationIdOf } from '../../core/model/relation-ids';
import type { EntityRecord, RetractionRecord } from '../../core/model/records';
import { mergeEntities, unmerge } from './merges';
import { reasonArgument, retractCitation, retractRelation, type Author, type GraphUpkeep } from './writes';

function authorOf(context: RequestContext, reason: string, field: string): Author {
  // The auth plugin lets no mutation through without a viewer; this only guards a misuse in-process.
  if (!context.viewer) throw new Error(`${field} ran without a viewer`);
  return { by: context.viewer.subject, reason: reasonArgument(reason), requestId: context.requestId ?? null };
}

const retractionView = (retracted: RetractionRecord | undefined): Retraction | null =>
  retracted ? { by: retracted.by, at: retracted.at, reason: retracted.reason, change: retracted.changeId } : null;

type HistoryMutations = Pick<MutationResolvers, 'retractRelation' | 'retractCitation' | 'mergeEntities' | 'unmerge'>;

/**
 * How the entity a citation was retracted from is read: passed in by the app (the entity
 * feature's loader), since the entity feature reads this feature's archive and importing it
 * back would make the two a cycle.
 */
export type EntityById = (context: RequestContext, id: string) => Promise<EntityRecord | null>;

export function historyResolvers(
  upkeep: GraphUpkeep,
  entityById: EntityById,
): {
  Mutation: HistoryMutations;
  Relation: Pick<RelationResolvers, 'id' | 'retracted'>;
  Citation: Pick<CitationResolvers, 'retracted'>;
} {
  return {
    Mutation: {
      retractRelation: (_, { id, reason }, context) =>
        retractRelation(context.db, upkeep, id, authorOf(context, reason, 'retractRelation')),
      retractCitation: async (_, { of, source, reason }, context) => {
        const outcome = await retractCitation(context.db, upkeep, of, source, authorOf(context, reason, 'retractCitation'));
        const entity = outcome.entityId ? await entityById(context, outcome.entityId) : null;
        return { citations: outcome.citations, relation: outcome.relation, entity, change: outcome.change };
      },
      mergeEntities: async (_, { keep, drop, reason }, context) => {
        const outcome = await mergeEntities(context.db, upkeep, keep, drop, authorOf(context, reason, 'mergeEntities'));
        return { entity: outcome.entity, dropped: drop, movedRelations: outcome.movedRelations, change: outcome.change };
      },
      unmerge: (_, { change, reason }, context) => unmerge(context.db, upkeep, change, authorOf(context, reason, 'unmerge')),
    },
    Relation: {
      id: (relation) => relationIdOf(relation),
      retracted: (relation) => retractionView(relation.retracted),
    },
    Citation: {
      retracted: (citation) => retractionView(citation.retracted),
    },
  };
}
