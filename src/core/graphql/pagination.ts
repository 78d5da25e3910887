/**
 * Relay pagination with keyset cursors. A cursor is the row's sort key and id, so a page
 * starts strictly after (or before) a row, not at an offset: inserts elsewhere never shift
 * a page, and pages never skip or repeat rows.
 *
 * A cursor is bound to the query that issued it (its scope: the list field and every argument
 * but the page's) and signed with an HMAC, so a forged cursor, an edited one, or one from another
 * list, order or filter is refused as BAD_USER_INPUT instead of answering an arbitrary page.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json';
import { compareText } from '../model/ordering';
import { InvalidArgumentError } from '../errors';

/**
 * The key cursors are signed with. Default: random per process, so cursors do not survive a
 * restart; the app sets CURSOR_SECRET (configureCursors) for cursors that do, or that several
 * replicas share.
 */
let cursorKey: Buffer = randomBytes(32);

export function configureCursors(secret: string | null): void {
  cursorKey = secret ? createHash('sha256').update(secret).digest() : randomBytes(32);
}

const pageArguments = ['first', 'after', 'last', 'before'];

/** What a cursor belongs to: the list (`agencies`, `Country.partners`) and its arguments other than first/after/last/before. */
export function cursorScope(list: string, args: Readonly<Record<string, unknown>>): string {
  const rest = Object.fromEntries(Object.entries(args).filter(([name]) => !pageArguments.includes(name)));
  return createHash('sha256')
    .update(`${list}|${canonicalJson(rest)}`)
    .digest('base64url')
    .slice(0, 16);
}

const signature = (payload: string): Buffer => createHmac('sha256', cursorKey).update(payload).digest().subarray(0, 16);

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

export function encodeCursor(sortValue: SortValue, id: string, scope: string): string {
  const payload = Buffer.from(JSON.stringify([sortValue, id, scope]), 'utf8').toString('base64url');
  return `${payload}.${signature(payload).toString('base64url')}`;
}

export function decodeCursor(argument: string, cursor: string, scope: string): [SortValue, string] {
  const refuse = (): never => {
    throw new InvalidArgumentError(
      argument,
      'a cursor this API returned for this same list, order and filter (edges.cursor or pageInfo.endCursor)',
      cursor,
    );
  };
  // Node's base64url decoder skips characters outside its alphabet: a cursor with a space or an
  // emoji added would still verify. Only the exact form this API issues is read.
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor)) return refuse();
  const [payload, signed] = cursor.split('.') as [string, string];
  const given = Buffer.from(signed, 'base64url');
  const expected = signature(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[1] === 'string' &&
    parsed[2] === scope &&
    (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number');
  if (!valid) return refuse();
  const [sortValue, id] = parsed as [SortValue, string, string];
  return [sortValue, id];
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

/**
 * One page of a list loaded whole (a person's positions: a handful), walked by the same keyset
 * rules as a page cut in Cypher: rows in (sort value, id) order, the page strictly after (or
 * before) the cursor's position, so rows added elsewhere never shift it.
 */
export function pageOfLoaded<T>(rows: readonly T[], request: PageRequest, keyOf: (row: T) => [string, string]): Page<T> {
  const compareKeys = ([a, aId]: [string, string], [b, bId]: [string, string]): number => compareText(a, b) || compareText(aId, bId);
  const walked = [...rows].sort((x, y) => compareKeys(keyOf(x), keyOf(y)) * (request.backwards ? -1 : 1));
  const position = request.position;
  const beyond =
    position === null
      ? walked
      : walked.filter((row) => {
          const order = compareKeys(keyOf(row), [String(position[0] ?? ''), position[1]]);
          return request.backwards ? order < 0 : order > 0;
        });
  return pageFromRows(request, beyond.slice(0, request.limit + 1), rows.length);
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
