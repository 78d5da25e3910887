/**
 * What a request will cost, computed from its document before anything runs, in the spirit of
 * the IBM GraphQL cost specification (what Apollo's demand control implements): an object costs
 * 1, a scalar or enum 0, and a field that returns many things multiplies what is below it by how
 * many it may return:
 *
 * - a field with a slicing argument (`first`, `last`, `limit`) by that argument's value, or its
 *   default when the client gave none (a connection's page size, a network's node limit);
 * - a relation list (Entity.relations, Agency.memoranda...) by the largest fan-out Neo4j holds
 *   for it (`listSize`, from core/db/fan-out.ts through ./fan-out.ts): it has no argument that
 *   bounds it, and a hub's lists hold hundreds where a typical entity's hold a few, so the
 *   cost is the most the list can return, not a guess;
 * - any other list by `assumedListSize` (citations, quantities, facet buckets), and a relation
 *   list too while no fan-out is known (statistics not read yet);
 * - a list directly under a sliced field (a connection's `edges`) by 1: the slice already
 *   counted it;
 * - a list that an ancestor's `<list>First` argument bounds (`partners(linksFirst:)` bounds each
 *   Partnership's `links`) by that argument's value, or its default.
 *
 * Fragments are followed as graphql-js executes them: within one selection, a fragment spread
 * again adds nothing (its fields merge), so a fan-out of spreads costs what it runs, and
 * walking it stays linear. A cycle costs nothing more than its first visit (validation refuses
 * cycles anyway).
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostOptions {
  /** The multiplier of a list with no slicing argument. */
  assumedListSize: number;
  /** The size of a slice when its argument is not given, by argument name (a connection's default page). */
  defaultSlice: Readonly<Record<string, number>>;
  /** The most items a list field without a slicing argument may return, when known; null: `assumedListSize`. */
  listSize?: ListSize;
}

/** How many items a list field may return (a relation list's real fan-out), or null when unknown. */
export type ListSize = (
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
) => number | null;

/** Arguments that bound how many items a field returns. */
const slicingArguments = ['first', 'last', 'limit'];

/** What stays the same for a whole request while its selections are walked. */
interface CostWalk {
  schema: GraphQLSchema;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables: Readonly<Record<string, unknown>>;
  options: CostOptions;
  /** The `<list>First` bounds of the fields being walked, innermost last: list name to its bound. */
  bounds: Map<string, number>[];
}

/** An argument that bounds a list further down (`linksFirst` bounds `links`). */
const nestedSlice = /^([a-z][A-Za-z]*)First$/;

export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  options: CostOptions,
): number {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables, options, bounds: [] }, root, operation.selectionSet, false, new Set(), new Set());
}

/**
 * `underSlice`: the parent field had a slicing argument; `visiting`: the fragments spread on
 * this path; `spread`: the fragments already counted in this selection (shared with its inline
 * fragments and spreads, whose fields merge into it).
 */
function selectionCost(
  walk: CostWalk,
  parent: GraphQLCompositeType,
  set: SelectionSetNode,
  underSlice: boolean,
  visiting: ReadonlySet<string>,
  spread: Set<string>,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === 'Field') {
      const definition = fieldDefinition(parent, selection.name.value);
      if (definition) total += fieldCost(walk, parent, definition, selection, underSlice, visiting);
    } else if (selection.kind === 'InlineFragment') {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (isCompositeType(type)) total += selectionCost(walk, type, selection.selectionSet, underSlice, visiting, spread);
    } else {
      const fragment = walk.fragments[selection.name.value];
      const type = fragment ? walk.schema.getType(fragment.typeCondition.name.value) : undefined;
      if (!fragment || !isCompositeType(type) || visiting.has(fragment.name.value) || spread.has(fragment.name.value)) continue;
      spread.add(fragment.name.value);
      total += selectionCost(walk, type, fragment.selectionSet, underSlice, new Set([...visiting, fragment.name.value]), spread);
    }
  }
  return total;
}

function fieldCost(
  walk: CostWalk,
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  underSlice: boolean,
  visiting: ReadonlySet<string>,
): number {
  const named = getNamedType(definition.type);
  if (!isCompositeType(named) || !node.selectionSet) return 0;
  const slice = sliceSize(definition, node, walk.variables, walk.options);
  const isList = isListType(getNullableType(definition.type));
  // A slice of 0 still runs what is selected beside the page (totalCount, a list's facets and
  // group-by): it multiplies by 1, so `first: 0` cannot make an aggregate free.
  const times = slice !== null ? Math.max(slice, 1) : isList && !underSlice ? listTimes(walk, parent, definition, node) : 1;
  walk.bounds.push(nestedBounds(definition, node, walk.variables));
  const below = selectionCost(walk, named, node.selectionSet, slice !== null, visiting, new Set());
  walk.bounds.pop();
  return times * (1 + below);
}

/** The lists this field's `<list>First` arguments bound below it: the value given, else the argument's default. */
function nestedBounds(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): Map<string, number> {
  const bounds = new Map<string, number>();
  for (const arg of definition.args) {
    const list = nestedSlice.exec(arg.name)?.[1];
    if (list === undefined) continue;
    const given = node.arguments?.find((argument) => argument.name.value === arg.name);
    const value = given ? valueFromASTUntyped(given.value, variables) : arg.defaultValue;
    if (typeof value === 'number' && value >= 0) bounds.set(list, value);
  }
  return bounds;
}

/**
 * A list without a slicing argument: the bound an ancestor's `<list>First` gave it, else its real
 * fan-out when known (at least 1, as a slice), else the assumption.
 */
function listTimes(walk: CostWalk, parent: GraphQLCompositeType, definition: GraphQLField<unknown, unknown>, node: FieldNode): number {
  for (let i = walk.bounds.length - 1; i >= 0; i--) {
    const bound = walk.bounds[i]!.get(definition.name);
    if (bound !== undefined) return Math.max(bound, 1);
  }
  const known = walk.options.listSize?.(parent, definition, node, walk.variables) ?? null;
  return known === null ? walk.options.assumedListSize : Math.max(known, 1);
}

/**
 * How many items a field with a slicing argument may return: the largest one given, else the
 * default of its first one (a connection asked without first/last returns its default page);
 * null for a field without one.
 */
function sliceSize(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
  options: CostOptions,
): number | null {
  const declared = slicingArguments.filter((name) => definition.args.some((arg) => arg.name === name));
  if (declared.length === 0) return null;
  const given = declared.flatMap((name) => {
    const argument = node.arguments?.find((arg) => arg.name.value === name);
    const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    return typeof value === 'number' && value >= 0 ? [value] : [];
  });
  return given.length > 0 ? Math.max(...given) : (options.defaultSlice[declared[0]!] ?? options.assumedListSize);
}

function fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}
