/**
 * A client's whole entity selection as one Cypher map projection: the selected properties of
 * the node, and for every selected relation field a COLLECT subquery over its typed relationship
 * pattern, projecting the far ends the same way, level by level. One statement answers the tree
 * that the loaders would answer in one statement per level, and ships only what was selected.
 *
 * The answer's shape (entity/prefetched.ts reads it):
 *   { id, type, <keys>..., <Type>_<field>: [<each far end, projected, in relation order>] }
 * A relation field of one type among several possible ones is null on the others.
 */
import type { EntitySelection, RelationSelection } from '../graphql/entity-selection';
import { relationOrder, relationshipTypes, typeLabel } from './fragments';

/** The map key a relation field's answer is shipped under (type names and field names are identifiers). */
export const relationKey = (relation: Pick<RelationSelection, 'type' | 'field'>): string => `${relation.type}_${relation.field}`;

/**
 * The projection of node variable `node` for `selection`; nested variables are numbered by level.
 * Where only one type can appear, its type is known and not shipped (entityFromProjection adds it).
 */
export function entityProjection(node: string, selection: EntitySelection, level = 1): string {
  const keys = selection.types.length === 1 ? selection.keys.filter((key) => key !== 'type') : selection.keys;
  const entries = [...keys.map((key) => `.${key}`), ...selection.relations.map((relation) => `${relationKey(relation)}: ${relationProjection(node, relation, level, selection.types.length > 1)}`)];
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
