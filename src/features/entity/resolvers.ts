/**
 * Resolvers every entity type gets from the model registry: its list query, the Entity
 * interface fields, each stored attribute shown as its value kind (partial dates with their
 * precision, quantities with their qualifier, a kind's default) and each relation field as one
 * step through the loaders. Relations and citations resolve here too. Thin by rule: records and
 * loaders only, no Cypher. A type's feature folder adds only fields the registry cannot describe.
 */
import type { CitationResolvers, EntityResolvers, EntityType, QueryResolvers, RelationResolvers, RelationType } from '../../generated/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { dateArgument } from '../../core/graphql/arguments';
import { selectsOnly } from '../../core/graphql/selection';
import type { RequestContext } from '../../core/graphql/context';
import type { EntityRecord } from '../../core/model/records';
import { entitySpec, entityTypeNames, typeOfId, type AttributeSpec, type EntityTypeName, type RelationFieldSpec } from '../../core/model/registry';
import { partialDateOrNull } from '../../core/model/values';
import { sourceLoader } from '../source/loaders';
import { entityLoader } from './loaders';
import { entityConnection, type ListArgs } from './lists';
import { relatedEntities, relatedEntity, relationsOf, requiredEntity } from './related';

type FieldResolver = (entity: EntityRecord, args: never, context: RequestContext) => unknown;

/** Fields every Entity type resolves the same way. */
export const entityFields = {
  type: (entity: EntityRecord) => entitySpec(entity.type).enumValue as EntityType,
  citations: (entity: EntityRecord) => entity.citations,
  relations: (
    entity: EntityRecord,
    args: { types?: readonly RelationType[] | null; direction?: 'OUT' | 'IN' | 'BOTH' | null; asOf?: string | null },
    context: RequestContext,
  ) => relationsOf(context, entity.id, args.direction ?? 'BOTH', args.types ?? null, dateArgument('asOf', args.asOf)),
};

function attributeResolver(type: EntityTypeName, name: string, spec: AttributeSpec): FieldResolver {
  const read = (entity: EntityRecord): unknown => {
    const value = (entity.attributes as Record<string, unknown>)[name];
    if (value !== undefined) return value;
    if (spec.required) throw new Error(`${type} ${entity.id} has no stored ${name}`);
    return spec.kind === 'texts' ? [] : spec.kind === 'kind' ? 'OTHER' : null;
  };
  if (spec.kind === 'partialDate') return (entity) => partialDateOrNull(read(entity));
  return read;
}

function relationFieldResolver(field: RelationFieldSpec): FieldResolver {
  return field.many
    ? (entity, _args, context) => relatedEntities(context, entity.id, field.direction, field.relations)
    : (entity, _args, context) => relatedEntity(context, entity.id, field.direction, field.relations);
}

/** The resolvers of one entity type, derived from its registry entry. */
export function typeResolvers(type: EntityTypeName): Record<string, FieldResolver> {
  const spec = entitySpec(type);
  const fields: Record<string, FieldResolver> = { ...(entityFields as Record<string, FieldResolver>) };
  for (const [name, attribute] of Object.entries(spec.attributes)) fields[name] = attributeResolver(type, name, attribute);
  for (const [name, field] of Object.entries(spec.relationFields)) fields[name] = relationFieldResolver(field);
  return fields;
}

/** Every entity type's resolvers and list query, from the registry. */
export function registryResolvers(): { Query: Record<string, unknown> } & Record<string, Record<string, unknown>> {
  const resolvers: { Query: Record<string, unknown> } & Record<string, Record<string, unknown>> = { Query: {} };
  for (const type of entityTypeNames) {
    resolvers[type] = typeResolvers(type);
    resolvers.Query[entitySpec(type).listField] = (_: unknown, args: ListArgs, context: RequestContext) => entityConnection(context, type, args);
  }
  return resolvers;
}

/** Fields of an entity that its id alone answers: the type is the id's prefix. */
const idOnlyFields = ['id', 'type', '__typename'];

/**
 * The entity at one end of a relation. The relation already holds its id, so when the client
 * asked for nothing more than the id and type, no entity is loaded (no query for the level).
 */
function relationEnd(context: RequestContext, id: string, info: GraphQLResolveInfo): EntityRecord | Promise<EntityRecord> {
  const type = typeOfId(id);
  if (type !== null && selectsOnly(info, idOnlyFields)) return { id, type, name: id, sortKey: id, aliases: [], description: null, attributes: {}, citations: [] };
  return requiredEntity(context, id);
}

export const entityResolvers: {
  Query: Pick<QueryResolvers, 'node'>;
  Entity: EntityResolvers;
  Relation: RelationResolvers;
  Citation: CitationResolvers;
} = {
  Query: {
    node: (_, { id }, context) => entityLoader(context).load(id),
  },
  Entity: {
    __resolveType: (entity) => entity.type,
  },
  Relation: {
    from: (relation, _, context, info) => relationEnd(context, relation.fromId, info),
    to: (relation, _, context, info) => relationEnd(context, relation.toId, info),
    start: (relation) => partialDateOrNull(relation.start),
    end: (relation) => partialDateOrNull(relation.end),
    citations: (relation) => relation.citations,
  },
  Citation: {
    source: async (citation, _, context) => {
      const source = await sourceLoader(context).load(citation.sourceId);
      if (!source) throw new Error(`cited source ${citation.sourceId} is missing`);
      return source;
    },
  },
};
