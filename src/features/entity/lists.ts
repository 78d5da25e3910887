/** The list queries every entity type shares: a filtered, ordered, keyset-paginated connection of one type. */
import { dateArgument, entityFilterArgument, type EntityFilterArgument } from '../../core/graphql/arguments';
import type { RequestContext } from '../../core/graphql/context';
import type { EntitySelection } from '../../core/graphql/entity-selection';
import { cursorScope, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../core/graphql/pagination';
import type { EntityRecord, EntityTypeName } from '../../core/model/records';
import { entitySpec } from '../../core/model/registry';
import { entityLoader, entityRepository } from './loaders';
import type { ListOrderField } from './repository';

export interface ListArgs extends PageArgs {
  filter?: EntityFilterArgument | null;
  orderBy?: { field?: ListOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
  asOf?: string | null;
}

/**
 * One page of a type's list. With a `selection` (what the client asked for under edges.node),
 * the page ships just that, relation fields included, in the list's one statement; without one
 * it ships whole entities and primes them into the entity loader.
 */
export async function entityConnection(context: RequestContext, type: EntityTypeName, args: ListArgs, selection: EntitySelection | null = null): Promise<Connection<EntityRecord>> {
  // A cursor belongs to this type's list with this filter, order and date.
  const scope = cursorScope(entitySpec(type).listField, { filter: args.filter, orderBy: args.orderBy, asOf: args.asOf });
  const request = pageRequest(args, scope);
  const asOf = dateArgument('asOf', args.asOf);
  // A list's kinds are its own type's (agencies have no SIGNING kind).
  const filter = entityFilterArgument(args.filter, 'filter', 0, new Set(entitySpec(type).kinds ?? []));
  const page = await entityRepository(context).listEntities(type, request, {
    filter,
    order: { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' },
    asOf,
    selection,
  });
  // Whole listed entities are loaded already: a deeper field naming one of them costs no query.
  if (!selection) for (const row of page.rows) entityLoader(context).prime(row.entity.id, row.entity);
  const connection = toConnection(page, (row) => encodeCursor(row.sortValue, row.entity.id, scope));
  return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })) };
}
