/**
 * Resolvers shared by every entity type (the Entity interface), relations and citations.
 * Thin by rule: they read records and ask loaders; no Cypher here.
 */
import type { EntityType, QueryResolvers, RelationResolvers, CitationResolvers, EntityResolvers } from '../generated/graphql';
import type { RequestContext } from '../context';
import type { EntityRecord } from './records';
import { dateArgument } from './filters';
import { relationsOf } from './related';
import { partialDateOrNull } from './values';

const entityTypeEnum: Record<EntityRecord['type'], EntityType> = {
  Country: 'COUNTRY',
  Agency: 'AGENCY',
  Person: 'PERSON',
  Memorandum: 'MEMORANDUM',
  ServiceCenter: 'SERVICE_CENTER',
  Training: 'TRAINING',
  Award: 'AWARD',
  Event: 'EVENT',
  Statistic: 'STATISTIC',
};

export const entityTypeNames = Object.fromEntries(Object.entries(entityTypeEnum).map(([name, value]) => [value, name])) as Record<EntityType, EntityRecord['type']>;

/** Fields every Entity type resolves the same way; spread into each type's resolvers. */
export const entityFields = {
  type: (entity: EntityRecord) => entityTypeEnum[entity.type],
  citations: (entity: EntityRecord) => entity.citations,
  relations: (
    entity: EntityRecord,
    args: { types?: readonly string[] | null; direction?: 'OUT' | 'IN' | 'BOTH' | null; asOf?: string | null },
    context: RequestContext,
  ) => relationsOf(context, entity.id, args.direction ?? 'BOTH', args.types ? [...args.types] : null, dateArgument('asOf', args.asOf)),
};

async function requiredEntity(context: RequestContext, id: string): Promise<EntityRecord> {
  const entity = await context.loaders.entity.load(id);
  // An edge always has two ends; a missing one means the graph changed under this request.
  if (!entity) throw new Error(`relation end ${id} disappeared`);
  return entity;
}

export const graphResolvers: {
  Query: Pick<QueryResolvers, 'node'>;
  Entity: EntityResolvers;
  Relation: RelationResolvers;
  Citation: CitationResolvers;
} = {
  Query: {
    node: (_, { id }, context) => context.loaders.entity.load(id),
  },
  Entity: {
    __resolveType: (entity) => entity.type,
  },
  Relation: {
    type: (relation) => relation.type as never,
    from: (relation, _, context) => requiredEntity(context, relation.fromId),
    to: (relation, _, context) => requiredEntity(context, relation.toId),
    start: (relation) => partialDateOrNull(relation.start),
    end: (relation) => partialDateOrNull(relation.end),
    citations: (relation) => relation.citations,
  },
  Citation: {
    source: async (citation, _, context) => {
      const source = await context.loaders.source.load(citation.sourceId);
      if (!source) throw new Error(`cited source ${citation.sourceId} is missing`);
      return source;
    },
  },
};
