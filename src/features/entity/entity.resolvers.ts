/**
 * Resolvers every entity type gets from the model registry: entity(id) and node(id), its list query, the Entity
 * interface fields, each stored attribute shown as its value kind (partial dates with their
 * precision, quantities with their qualifier, a kind's default) and each relation field: its
 * ends as node(id) or the list page read them with the client's compiled selection, or else one
 * step through the loaders. Relations and citations resolve here too. Thin by rule: records,
 * selections and loaders only, no Cypher. A type's feature folder adds only fields the registry
 * cannot describe.
 */
import type {
  CitationResolvers,
  EntityResolvers,
  EntityType,
  NodeResolvers,
  RelationResolvers,
  RelationType,
} from '../../generated/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { dateArgument, languageArgument } from '../../core/graphql/arguments';
import { localizedName } from '../../core/model/names';
import type { RequestContext } from '../../core/graphql/context';
import type { EntityRecord } from '../../core/model/records';
import {
  entitySpec,
  entityTypeNames,
  isSourceId,
  lookupIdForm,
  lookupIdPattern,
  type AttributeSpec,
  type EntityTypeName,
  type RelationFieldSpec,
} from '../../core/model/registry';
import { partialDateOrNull, withClaims } from '../../core/model/values';
import { excerpt, InvalidArgumentError } from '../../core/errors/request-errors';
import { sourceLoader } from '../source/source.loaders';
import { entityLoader, entityRepository } from './entity.loaders';
import { prefetchedEnds, prefetchedRelationEnd } from './prefetched';
import { connectionNodeSelection, entitySelection } from '../../core/graphql/entity-selection';
import { entityConnection, type ListArgs } from './lists';
import { selectedFieldNames } from '../../core/graphql/selection';
import { entityAt, relatedEntities, relatedEntity, relationsOf, retractedRelationsOf, withRetractedCitations } from './related';
import { relationIdOf } from '../../core/model/relation-ids';
import { defaultReadOptions, type ReadOptions } from '../../core/graphql/read-options';

type FieldResolver = (entity: EntityRecord, args: never, context: RequestContext) => unknown;

/** Fields every Entity type resolves the same way. */
export const entityFields = {
  type: (entity: EntityRecord) => entitySpec(entity.type).enumValue as EntityType,
  name: (entity: EntityRecord, args: { lang?: string | null }) => localizedName(entity, languageArgument('lang', args.lang)),
  names: (entity: EntityRecord) => entity.names,
  citations: (entity: EntityRecord, args: { includeRetracted?: boolean | null }, context: RequestContext) =>
    args.includeRetracted ? withRetractedCitations(context, entity.id, entity.citations) : entity.citations,
  version: (entity: EntityRecord) => entity.version,
  relations: async (
    entity: EntityRecord,
    args: {
      types?: readonly RelationType[] | null;
      direction?: 'OUT' | 'IN' | 'BOTH' | null;
      asOf?: string | null;
      includeRetracted?: boolean | null;
    },
    context: RequestContext,
  ) => {
    const direction = args.direction ?? 'BOTH';
    const live = relationsOf(context, entity.id, direction, args.types ?? null, dateArgument('asOf', args.asOf));
    return args.includeRetracted
      ? [...(await live), ...(await retractedRelationsOf(context, entity.id, direction, args.types ?? null))]
      : live;
  },
};

function attributeResolver(type: EntityTypeName, name: string, spec: AttributeSpec): FieldResolver {
  const read = (entity: EntityRecord): unknown => {
    const value = (entity.attributes as Record<string, unknown>)[name];
    if (value !== undefined) return value;
    if (spec.required) throw new Error(`${type} ${entity.id} has no stored ${name}`);
    return spec.kind === 'texts' ? [] : spec.kind === 'kind' ? 'OTHER' : null;
  };
  // A stated date answers the entity's claims about the attribute: PartialDate.disputed reads them.
  if (spec.kind === 'partialDate') return (entity) => withClaims(partialDateOrNull(read(entity)), { subject: entity.id, property: name });
  return read;
}

/** A relation field: answered by what its entity's compiled statement brought along, else one loader step. */
function relationFieldResolver(type: EntityTypeName, name: string, field: RelationFieldSpec): FieldResolver {
  return (entity, _args, context) => {
    const ends = prefetchedEnds(entity, type, name);
    if (ends) return field.many ? ends : (ends[0] ?? null);
    return field.many
      ? relatedEntities(context, entity.id, field.direction, field.relations)
      : relatedEntity(context, entity.id, field.direction, field.relations);
  };
}

/** The resolvers of one entity type, derived from its registry entry. */
export function typeResolvers(type: EntityTypeName): Record<string, FieldResolver> {
  const spec = entitySpec(type);
  const fields: Record<string, FieldResolver> = { ...(entityFields as Record<string, FieldResolver>) };
  for (const [name, attribute] of Object.entries(spec.attributes)) fields[name] = attributeResolver(type, name, attribute);
  for (const [name, field] of Object.entries(spec.relationFields)) fields[name] = relationFieldResolver(type, name, field);
  return fields;
}

/** Every entity type's resolvers, list query and node(id), from the registry. */
export function registryResolvers(
  options: ReadOptions = defaultReadOptions,
): { Query: Record<string, unknown> } & Record<string, Record<string, unknown>> {
  const { compiledLevels } = options;
  const compiled = compiledLevels > 0;
  const entity = (id: string, context: RequestContext, info: GraphQLResolveInfo) =>
    compiled
      ? entityRepository(context).entityWithSelection(id, entitySelection(info, entityTypeNames, compiledLevels))
      : entityLoader(context).load(id);
  // A malformed id (a name typed for an id, a stray quote) is told its form; a well-formed unknown one is null.
  const checkedId = (id: string): string => {
    if (!lookupIdPattern.test(id)) throw new InvalidArgumentError('id', lookupIdForm, excerpt(id));
    return id;
  };
  const resolvers: { Query: Record<string, unknown> } & Record<string, Record<string, unknown>> = {
    Query: {
      entity: (_: unknown, { id }: { id: string }, context: RequestContext, info: GraphQLResolveInfo) =>
        entity(checkedId(id), context, info),
      // The id says which kind of node it names, so one lookup answers: a source's never reaches the entity statement.
      node: (_: unknown, { id }: { id: string }, context: RequestContext, info: GraphQLResolveInfo) =>
        isSourceId(checkedId(id)) ? sourceLoader(context).load(id) : entity(id, context, info),
    },
  };
  for (const type of entityTypeNames) {
    resolvers[type] = typeResolvers(type);
    resolvers.Query[entitySpec(type).listField] = (_: unknown, args: ListArgs, context: RequestContext, info: GraphQLResolveInfo) =>
      entityConnection(
        context,
        type,
        args,
        compiled ? connectionNodeSelection(info, type, compiledLevels) : null,
        selectedFieldNames(info),
      );
  }
  return resolvers;
}

export const entityResolvers: {
  Node: NodeResolvers;
  Entity: EntityResolvers;
  Relation: RelationResolvers;
  Citation: CitationResolvers;
} = {
  Node: {
    __resolveType: (node) => ('type' in node ? node.type : 'SourceDocument'),
  },
  Entity: {
    __resolveType: (entity) => entity.type,
  },
  Relation: {
    from: (relation, _, context, info) => prefetchedRelationEnd(relation, 'from') ?? entityAt(context, relation.fromId, info),
    to: (relation, _, context, info) => prefetchedRelationEnd(relation, 'to') ?? entityAt(context, relation.toId, info),
    start: (relation) => partialDateOrNull(relation.start),
    end: (relation) => partialDateOrNull(relation.end),
    citations: (relation, args, context) =>
      args.includeRetracted ? withRetractedCitations(context, relationIdOf(relation), relation.citations) : relation.citations,
  },
  Citation: {
    quoteTranslation: (citation, args) => {
      const language = languageArgument('lang', args.lang);
      return language ? (citation.quoteTranslations?.[language] ?? null) : null;
    },
    source: async (citation, _, context) => {
      const source = await sourceLoader(context).load(citation.sourceId);
      if (!source) throw new Error(`cited source ${citation.sourceId} is missing`);
      return source;
    },
  },
};
