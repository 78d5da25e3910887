/** The list queries every entity type shares: a keyset-paginated connection of one type. */
import type { RequestContext } from '../context';
import { encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from './pagination';
import type { EntityRecord, EntityTypeName } from './records';

export async function entityConnection(context: RequestContext, type: EntityTypeName, args: PageArgs): Promise<Connection<EntityRecord>> {
  const page = await context.repositories.graph.listEntities(type, pageRequest(args));
  return toConnection(page, (entity) => encodeCursor(entity.sortKey, entity.id));
}
