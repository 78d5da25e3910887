/** The list queries every entity type shares: a filtered, ordered, keyset-paginated connection of one type. */
import { dateArgument, entityFilterArgument, type EntityFilterArgument } from '../../core/graphql/arguments';
import type { RequestContext } from '../../core/graphql/context';
import { encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../core/graphql/pagination';
import type { EntityRecord, EntityTypeName } from '../../core/model/records';
import { entityLoader, entityRepository } from './loaders';
import type { ListOrderField } from './repository';

export interface ListArgs extends PageArgs {
  filter?: EntityFilterArgument | null;
  orderBy?: { field?: ListOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
  asOf?: string | null;
}

export async function entityConnection(context: RequestContext, type: EntityTypeName, args: ListArgs): Promise<Connection<EntityRecord>> {
  const request = pageRequest(args);
  const asOf = dateArgument('asOf', args.asOf);
  const filter = entityFilterArgument(args.filter);
  const page = await entityRepository(context).listEntities(type, request, {
    filter,
    order: { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' },
    asOf,
  });
  // Listed entities are loaded already: a deeper field naming one of them costs no query.
  for (const row of page.rows) entityLoader(context).prime(row.entity.id, row.entity);
  const connection = toConnection(page, (row) => encodeCursor(row.sortValue, row.entity.id));
  return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })) };
}
