/**
 * A client's whole entity selection as one Cypher map projection: the selected properties of
 * the node, and for every selected relation field a COLLECT subquery over its typed relationship
 * pattern, projecting the far ends the same way, level by level. One statement answers the tree
 * that the loaders would answer in one statement per level, and ships only what was selected.
 *
 * The answer's shape (entity/prefetched.ts reads it):
 *   { id, type, <keys>..., _<i>: [<each far end, projected, in relation order>] }
 * where i is the relation field's place in `selection.relations`: a short key, since a page of
 * agencies repeats it for every memorandum and party it ships. A relation field of one type
 * among several possible ones is null on the others.
 */
import type { EntityTypeName, RelationFieldSpec } from '../model/registry';
import { relationOrder, relationshipTypes, typeLabel } from './fragments';

/** A relation field selected under an entity, with what is selected on its far ends (core/graphql/entity-selection.ts reads it from a request). */
export interface RelationSelection {
  /** The entity type the field is declared on (Agency for Agency.memoranda). */
  type: EntityTypeName;
  field: string;
  spec: RelationFieldSpec;
  selection: EntitySelection;
}

/** What a client selected at one place of an entity tree: the stored keys to ship and the relation fields below it. */
export interface EntitySelection {
  /** The entity types an answer at this place may have. */
  types: EntityTypeName[];
  /** Node properties to ship: the union over `types` (a type without one reads it as null). */
  keys: string[];
  relations: RelationSelection[];
}

/** A relation field's name for the answers kept with a record (type names and field names are identifiers). */
export const relationKey = (relation: Pick<RelationSelection, 'type' | 'field'>): string => `${relation.type}_${relation.field}`;

/** The map key the answer of the `index`th relation field of a selection is shipped under. */
export const shippedRelationKey = (index: number): string => `_${index}`;

/**
 * The projection of node variable `node` for `selection`; nested variables are numbered by level.
 * Where only one type can appear, its type is known and not shipped (entityFromProjection adds it).
 */
export function entityProjection(node: string, selection: EntitySelection, level = 1): string {
  const keys = selection.types.length === 1 ? selection.keys.filter((key) => key !== 'type') : selection.keys;
  const entries = [
    ...keys.map((key) => `.${key}`),
    ...selection.relations.map(
      (relation, index) => `${shippedRelationKey(index)}: ${relationProjection(node, relation, level, selection.types.length > 1)}`,
    ),
  ];
  return `${node} {${entries.join(', ')}}`;
}

/**
 * The far ends of a relation field in the loaders' order (compareRelations). An end reached by
 * several relations comes once per relation; entityFromProjection keeps its first place. (An
 * aggregation to de-duplicate here is refused by Neo4j 5.26 inside a nested projection.)
 */
function relationProjection(node: string, relation: RelationSelection, level: number, guarded: boolean): string {
  const [r, m] = [`r${level}`, `m${level}`];
  const types = relationshipTypes(relation.spec.relations);
  const pattern = relation.spec.direction === 'OUT' ? `(${node})-[${r}${types}]->(${m}:Entity)` : `(${node})<-[${r}${types}]-(${m}:Entity)`;
  const collect = `COLLECT { MATCH ${pattern} WITH ${r}, ${m} ORDER BY ${relationOrder(r, m)} RETURN ${entityProjection(m, relation.selection, level + 1)} }`;
  // A field of one type only: other types at this place skip the subquery entirely.
  return guarded ? `CASE WHEN ${node}${typeLabel(relation.type)} THEN ${collect} END` : collect;
}
