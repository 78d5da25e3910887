/**
 * What a client selected under an entity-valued field, read from the resolve info and the model
 * registry: the stored properties its fields need, and the registry relation fields below it,
 * each with its own selection. core/cypher/projection.ts compiles it into one Cypher map
 * projection, so a whole tree (agency → memoranda → parties → country) is one statement that
 * ships only what was asked for — the way @neo4j/graphql translates a selection.
 *
 * Fields this module does not know (a feature's own field such as Person.positions, or
 * `relations(types: ...)` with its arguments) need nothing stored beyond the id: they resolve
 * through the loaders as before.
 */
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { entitySpec, entityTypeNames, isEntityTypeName, type EntityTypeName } from '../model/registry';
import { nameKeys, storedKeys } from '../model/storage';
import type { EntitySelection, RelationSelection } from '../cypher/projection';

// The shape is core/cypher's (what it compiles); read here from the resolve info.
export type { EntitySelection, RelationSelection };

/** What the resolve info must provide: the request's fields, fragments, variables and schema. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldName' | 'fieldNodes' | 'fragments' | 'variableValues' | 'schema' | 'returnType'>;

/** Properties every compiled entity carries: what resolving its type and any loader-backed field needs. */
const alwaysKeys = ['id', 'type'];

/** The stored properties each Entity interface field reads (id and type are always shipped). */
const entityFieldKeys: Record<string, readonly string[]> = {
  id: [],
  type: [],
  __typename: [],
  name: ['name'],
  aliases: ['aliases'],
  description: ['description'],
  citations: ['sourceIds', 'quotes', 'notes'],
  names: nameKeys,
  version: ['version'],
};

/**
 * Keys a field needs beyond entityFieldKeys, by its arguments and sub-selection: `name(lang:)`
 * falls back through the names by language; a citation's quoteTranslation reads the aligned translations.
 */
function argumentKeys(info: SelectionInfo, field: string, nodes: readonly FieldNode[]): readonly string[] {
  if (field === 'name') return nodes.some((node) => node.arguments?.some((argument) => argument.name.value === 'lang')) ? nameKeys : [];
  if (field === 'citations') return fieldsOn(info, childSets(nodes), 'Citation').has('quoteTranslation') ? ['quoteTranslations'] : [];
  return [];
}

/**
 * The selection under the current field (node(id), a relation field), whose answers may be any
 * of `types`; `levels` relation levels below it are compiled, deeper ones are left to the loaders.
 */
export function entitySelection(info: SelectionInfo, types: readonly EntityTypeName[], levels: number): EntitySelection {
  return selectionOf(info, childSets(info.fieldNodes), types, levels);
}

/**
 * The selection under `edges { node }` of the current connection field (agencies(...)), whose
 * nodes are of `type`; fragments on the connection and edge types are followed too.
 */
export function connectionNodeSelection(info: SelectionInfo, type: EntityTypeName, levels: number): EntitySelection {
  return nestedEntitySelection(info, [['edges', 'node']], [type], levels);
}

/**
 * The selection under paths of object fields below the current field (network → center and
 * network → nodes, which hold the same entities), whose answers may be any of `types`; every
 * alias of each step is merged.
 */
export function nestedEntitySelection(
  info: SelectionInfo,
  paths: readonly (readonly string[])[],
  types: readonly EntityTypeName[],
  levels: number,
): EntitySelection {
  const own = childSets(info.fieldNodes);
  return selectionOf(
    info,
    paths.flatMap((path) => setsAt(info, own, path)),
    types,
    levels,
  );
}

/**
 * The stored relationship properties each Relation field reads. `role` is always shipped: it is
 * part of a relation's identity (Relation.id, the order of edges).
 */
const relationFieldKeys: Record<string, readonly string[]> = {
  start: ['start'],
  end: ['end'],
  disputed: ['disputed'],
  citations: ['sourceIds', 'quotes', 'notes', 'quoteTranslations'],
};

/**
 * The stored properties the Relation objects at `paths` below the current field need
 * (network → edges, paths → relations): a network's 1,000 edges then ship their ids and type,
 * not every citation, when the client asked for no more.
 */
export function relationKeysAt(info: SelectionInfo, paths: readonly (readonly string[])[]): string[] {
  const own = childSets(info.fieldNodes);
  const keys = new Set(['role']);
  for (const path of paths)
    for (const field of fieldsOn(info, setsAt(info, own, path), 'Relation').keys())
      relationFieldKeys[field]?.forEach((key) => keys.add(key));
  return [...keys];
}

function setsAt(info: SelectionInfo, own: SelectionSetNode[], path: readonly string[]): SelectionSetNode[] {
  let sets = own;
  let parent = getNamedType(info.returnType);
  for (const step of path) {
    const field = isObjectType(parent) ? parent.getFields()[step] : undefined;
    if (!isObjectType(parent) || !field) throw new Error(`${info.fieldName} has no ${path.join('.')} to select entities under`);
    sets = childSets(fieldsOn(info, sets, parent.name).get(step));
    parent = getNamedType(field.type);
  }
  return sets;
}

function selectionOf(
  info: SelectionInfo,
  sets: readonly SelectionSetNode[],
  types: readonly EntityTypeName[],
  levels: number,
): EntitySelection {
  const keys = new Set(alwaysKeys);
  const relations: RelationSelection[] = [];
  for (const type of types) {
    const spec = entitySpec(type);
    for (const [name, nodes] of fieldsOn(info, sets, type)) {
      const attribute = spec.attributes[name];
      const relation = spec.relationFields[name];
      if (entityFieldKeys[name]) [...entityFieldKeys[name], ...argumentKeys(info, name, nodes)].forEach((key) => keys.add(key));
      else if (attribute) storedKeys(name, attribute).forEach((key) => keys.add(key));
      else if (relation && levels > 0) {
        const selection = selectionOf(info, childSets(nodes), fieldTypes(info, type, name), levels - 1);
        relations.push({ type, field: name, spec: relation, selection });
      }
    }
  }
  return { types: [...types], keys: [...keys], relations };
}

/** The entity types a field of `type` may return: one object type, or every entity type implementing an interface. */
function fieldTypes(info: SelectionInfo, type: EntityTypeName, field: string): EntityTypeName[] {
  const objectType = info.schema.getType(type);
  const returned = isObjectType(objectType) ? getNamedType(objectType.getFields()[field]?.type) : undefined;
  if (!returned) throw new Error(`${type}.${field} is not in the schema`);
  const names = isAbstractType(returned) ? info.schema.getPossibleTypes(returned).map((t) => t.name) : [returned.name];
  return names.filter(isEntityTypeName).sort((a, b) => entityTypeNames.indexOf(a) - entityTypeNames.indexOf(b));
}

function childSets(nodes: readonly FieldNode[] | undefined): SelectionSetNode[] {
  return (nodes ?? []).flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/**
 * The fields selected on an object of type `typeName`, by field name (aliases of one field are
 * merged: a relation field takes no arguments, so they share one answer), through inline
 * fragments and fragment spreads whose condition the type meets, minus @skip / @include.
 */
function fieldsOn(info: SelectionInfo, sets: readonly SelectionSetNode[], typeName: string): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  // Each fragment once, as graphql-js collects fields: repeated spreads add nothing, and
  // expanding them again would make nested fan-outs exponential.
  const expanded = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (!included(info, selection)) continue;
      if (selection.kind === 'Field') {
        const named = fields.get(selection.name.value);
        if (named) named.push(selection);
        else fields.set(selection.name.value, [selection]);
      } else if (selection.kind === 'InlineFragment') {
        if (!selection.typeCondition || applies(info, selection.typeCondition.name.value, typeName)) visit(selection.selectionSet);
      } else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(info, fragment.typeCondition.name.value, typeName)) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

function included(info: SelectionInfo, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** Does a fragment on `condition` apply to an object of type `typeName`? */
function applies(info: SelectionInfo, condition: string, typeName: string): boolean {
  if (condition === typeName) return true;
  const abstract = info.schema.getType(condition);
  const object = info.schema.getType(typeName);
  return isAbstractType(abstract) && isObjectType(object) && info.schema.isSubType(abstract, object);
}
