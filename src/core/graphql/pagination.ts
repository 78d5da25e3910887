/**
 * Relay pagination with keyset cursors. A cursor is the row's sort key and id, so a page
 * starts strictly after (or before) a row, not at an offset: inserts elsewhere never shift
 * a page, and pages never skip or repeat rows.
 */
import { InvalidArgumentError } from '../errors';

export const maxPageSize = 100;
/** Used when a list query is called with neither first nor last. */
export const defaultPageSize = 20;

export type SortValue = string | number | null;

export interface PageRequest {
  /** How many rows to return. */
  limit: number;
  /** Walk backwards from `before` (a `last` request) instead of forwards from `after`. */
  backwards: boolean;
  /** Keyset position [sort value, id] to start strictly after (forwards) or before (backwards). */
  position: [SortValue, string] | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export function encodeCursor(sortValue: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id]), 'utf8').toString('base64url');
}

export function decodeCursor(argument: string, cursor: string): [SortValue, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[1] === 'string' &&
    (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number');
  if (!valid) throw new InvalidArgumentError(argument, 'a cursor returned by this API (edges.cursor or pageInfo.endCursor)', cursor);
  return parsed as [SortValue, string];
}

function pageSize(argument: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > maxPageSize) {
    throw new InvalidArgumentError(argument, `a whole number from 0 to ${maxPageSize}`, value);
  }
  return value;
}

export function pageRequest(args: PageArgs): PageRequest {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) throw new InvalidArgumentError('last', 'either first/after or last/before, not both', args.last);
  if (hasLast || (args.before && !hasFirst)) {
    if (args.after) throw new InvalidArgumentError('after', 'no after cursor together with last/before', args.after);
    return {
      limit: hasLast ? pageSize('last', args.last!) : defaultPageSize,
      backwards: true,
      position: args.before ? decodeCursor('before', args.before) : null,
    };
  }
  if (args.before) throw new InvalidArgumentError('before', 'no before cursor together with first/after', args.before);
  return {
    limit: hasFirst ? pageSize('first', args.first!) : defaultPageSize,
    backwards: false,
    position: args.after ? decodeCursor('after', args.after) : null,
  };
}

export interface Page<T> {
  rows: T[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Repositories fetch `limit + 1` rows in walking order; the extra row only says there is more.
 * Backwards pages come back reversed, so they are turned around here.
 */
export function pageFromRows<T>(request: PageRequest, fetched: T[], totalCount: number): Page<T> {
  const more = fetched.length > request.limit;
  const rows = fetched.slice(0, request.limit);
  if (request.backwards) rows.reverse();
  return {
    rows,
    totalCount,
    hasNextPage: request.backwards ? request.position !== null : more,
    hasPreviousPage: request.backwards ? more : request.position !== null,
  };
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function toConnection<T>(page: Page<T>, cursorOf: (row: T) => string): Connection<T> {
  const edges = page.rows.map((node) => ({ node, cursor: cursorOf(node) }));
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
