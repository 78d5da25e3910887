/**
 * Relay connections over keyset pages (core/cypher/keyset.ts): the page arguments
 * (first/after/last/before) read into a PageRequest, and a page turned into edges with cursors.
 */
import { InvalidArgumentError } from '../errors';
import { decodeCursor, encodeCursor, type KeysetPosition, type Page, type PageRequest } from '../cypher/keyset';

export const maxPageSize = 100;
/** Used when a list query is called with neither first nor last. */
export const defaultPageSize = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

function pageSize(argument: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > maxPageSize) {
    throw new InvalidArgumentError(argument, `a whole number from 0 to ${maxPageSize}`, value);
  }
  return value;
}

/** A cursor argument the client gave: an empty string is a cursor too, and not one this API issued. */
const given = (cursor: string | null | undefined): cursor is string => cursor !== undefined && cursor !== null;

/** The page `args` ask for; cursors must belong to `scope` (see cursorScope). */
export function pageRequest(args: PageArgs, scope: string): PageRequest {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) throw new InvalidArgumentError('last', 'either first/after or last/before, not both', args.last);
  if (hasLast || (given(args.before) && !hasFirst)) {
    if (given(args.after)) throw new InvalidArgumentError('after', 'no after cursor together with last/before', args.after);
    return {
      limit: hasLast ? pageSize('last', args.last!) : defaultPageSize,
      backwards: true,
      position: given(args.before) ? decodeCursor('before', args.before, scope) : null,
    };
  }
  if (given(args.before)) throw new InvalidArgumentError('before', 'no before cursor together with first/after', args.before);
  return {
    limit: hasFirst ? pageSize('first', args.first!) : defaultPageSize,
    backwards: false,
    position: given(args.after) ? decodeCursor('after', args.after, scope) : null,
  };
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** A page as a connection: each row's cursor holds its position (`positionOf`) in the list of `scope`. */
export function toConnection<T>(page: Page<T>, scope: string, positionOf: (row: T) => KeysetPosition): Connection<T> {
  const edges = page.rows.map((node) => ({ node, cursor: encodeCursor(...positionOf(node), scope) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
