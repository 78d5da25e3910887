/** The list queries every entity type shares: a filtered, ordered, keyset-paginated connection of one type. */
import type { RequestContext } from '../context';
import { dateArgument, type EntityFilterInput } from './filters';
import { encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from './pagination';
import type { EntityRecord, EntityTypeName } from './records';
import type { ListOrderField } from './repository';

export interface ListArgs extends PageArgs {
  filter?: EntityFilterInput | null;
  orderBy?: { field?: ListOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
  asOf?: string | null;
}

export async function entityConnection(context: RequestContext, type: EntityTypeName, args: ListArgs): Promise<Connection<EntityRecord>> {
  const request = pageRequest(args);
  const asOf = dateArgument('asOf', args.asOf);
  const page = await context.repositories.graph.listEntities(type, request, {
    filter: args.filter,
    order: { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' },
    asOf,
  });
  const connection = toConnection(page, (row) => encodeCursor(row.sortValue, row.entity.id));
  return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })) };
}
