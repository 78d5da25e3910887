/** The list queries every entity type shares: a filtered, ordered, keyset-paginated connection of one type. */
import { dateArgument, entityFilterArgument, type EntityFilterArgument } from '../../core/graphql/arguments';
import type { RequestContext } from '../../core/graphql/context';
import type { EntitySelection } from '../../core/graphql/entity-selection';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection, type Connection, type PageArgs } from '../../core/graphql/pagination';
import type { EntityRecord, EntityTypeName } from '../../core/model/records';
import { entitySpec } from '../../core/model/registry';
import { entityLoader, entityRepository } from './entity.loaders';
import type { ListOrderField, ListScope } from './entity.repository';

export interface ListArgs extends PageArgs {
  filter?: EntityFilterArgument | null;
  orderBy?: { field?: ListOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
  asOf?: string | null;
}

/** A list's connection: its page, and which items it lists (what its analytics fields count). */
export interface ListConnection extends Partial<Connection<EntityRecord>> {
  list: ListScope;
}

/** The fields of a list connection that need its page; the others (facets, groupBy, series) need only its items' scope. */
const pageFields = ['edges', 'pageInfo', 'totalCount'];

/**
 * One page of a type's list. With a `selection` (what the client asked for under edges.node),
 * the page ships just that, relation fields included, in the list's one statement; without one
 * it ships whole entities and primes them into the entity loader. When `selected` (the fields
 * asked for on the connection) names none of the page's fields, no page is read: a dashboard
 * asking only for facets runs only their statements.
 */
export async function entityConnection(
  context: RequestContext,
  type: EntityTypeName,
  args: ListArgs,
  selection: EntitySelection | null = null,
  selected: ReadonlySet<string> | null = null,
): Promise<ListConnection> {
  // A cursor belongs to this type's list with this filter, order and date.
  const scope = cursorScope(entitySpec(type).listField, { filter: args.filter, orderBy: args.orderBy, asOf: args.asOf });
  const request = pageRequest(args, scope);
  const asOf = dateArgument('asOf', args.asOf);
  // A list's kinds are its own type's (agencies have no SIGNING kind).
  const filter = entityFilterArgument(args.filter, 'filter', 0, new Set(entitySpec(type).kinds ?? []));
  const list: ListScope = { type, filter, asOf };
  if (selected && !pageFields.some((field) => selected.has(field))) return { list };
  const page = await entityRepository(context).listEntities(type, request, {
    filter,
    order: { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' },
    asOf,
    selection,
  });
  // Whole listed entities are loaded already: a deeper field naming one of them costs no query.
  if (!selection) for (const row of page.rows) entityLoader(context).prime(row.entity.id, row.entity);
  const connection = toConnection(page, scope, (row) => [row.sortValue, row.entity.id]);
  return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })), list };
}
