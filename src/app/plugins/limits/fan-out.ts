/**
 * Which relation list a GraphQL field is, and how many items it may return on the graph as it
 * is (core/db/fan-out.ts): the `listSize` of the cost model (./cost.ts). Entity.relations by
 * the types and direction asked, a registry relation field (Agency.memoranda is OUT PARTY_TO)
 * by its own; any other list is not a relation list (null: the cost model's assumption).
 */
import { isInterfaceType, isObjectType, valueFromASTUntyped, type FieldNode, type GraphQLCompositeType, type GraphQLField } from 'graphql';
import { maxFanOut, type FanOutStatistics } from '../../../core/db/fan-out';
import {
  entitySpec,
  entityTypeNames,
  isEntityTypeName,
  isRelationTypeName,
  type EntityTypeName,
  type RelationTypeName,
} from '../../../core/model/registry';
import type { ListSize } from './cost';

/** The entity types a parent type stands for: itself, or every one for the Entity and Node interfaces. */
function entityTypesOf(parent: GraphQLCompositeType): readonly EntityTypeName[] {
  if (isObjectType(parent) && isEntityTypeName(parent.name)) return [parent.name];
  if (isInterfaceType(parent) && (parent.name === 'Entity' || parent.name === 'Node')) return entityTypeNames;
  return [];
}

/** An argument's value as sent (a literal or a variable), else its declared default. */
function argumentValue(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
  variables: Readonly<Record<string, unknown>>,
): unknown {
  const given = node.arguments?.find((argument) => argument.name.value === name);
  if (given) return valueFromASTUntyped(given.value, variables);
  return definition.args.find((argument) => argument.name === name)?.defaultValue;
}

/** Entity.relations(types, direction): the types asked (null: all) and the direction. */
function relationsAsked(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): { direction: 'OUT' | 'IN' | 'BOTH'; relations: RelationTypeName[] | null } {
  const direction = argumentValue(definition, node, 'direction', variables);
  const types = argumentValue(definition, node, 'types', variables);
  return {
    direction: direction === 'OUT' || direction === 'IN' ? direction : 'BOTH',
    // An empty or absent list asks for every type; a value that is no relation type is refused by validation.
    relations:
      Array.isArray(types) && types.length > 0 ? types.filter((type): type is RelationTypeName => isRelationTypeName(String(type))) : null,
  };
}

/** The cost model's `listSize` on these statistics. */
export function fanOutListSize(statistics: FanOutStatistics): ListSize {
  return (parent, definition, node, variables) => {
    const types = entityTypesOf(parent);
    if (types.length === 0) return null;
    const field = definition.name;
    if (field === 'relations') {
      const { direction, relations } = relationsAsked(definition, node, variables);
      return maxFanOut(statistics, types, direction, relations);
    }
    if (types.length !== 1) return null;
    const spec = entitySpec(types[0]!).relationFields[field];
    if (!spec?.many) return null;
    return maxFanOut(statistics, types, spec.direction, spec.relations);
  };
}
