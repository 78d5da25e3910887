/**
 * Keyset pagination: the one module that knows what a position is and how a cursor is made.
 *
 * A position is a row's place in a list's walk: its sort value, then its id (unique, so it
 * breaks ties). A page starts strictly after (or before) a position, not at an offset: inserts
 * elsewhere never shift a page, and pages never skip or repeat rows. The same position is
 * compared in Node (comparePositions, for lists cut in memory), in Cypher (beyondPosition and
 * walkOrder), stored as one text (storedPosition, the partner ranks' index key) and handed to
 * clients as a signed cursor (encodeCursor).
 *
 * A cursor is bound to the query that issued it (its scope: the list field and every argument
 * but the page's) and signed with an HMAC, so a forged cursor, an edited one, or one from another
 * list, order or filter is refused as BAD_USER_INPUT instead of answering an arbitrary page.
 *
 * docs/explanation/pagination.md says why, and how to add a paginated list.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidArgumentError } from '../errors';
import { canonicalJson } from '../model/canonical-json';
import { compareText } from '../model/ordering';

export type SortValue = string | number | null;

/** A row's place in a walk: [sort value, id]. The id is unique within the list. */
export type KeysetPosition = readonly [SortValue, string];

/**
 * Sort values in Cypher's ORDER BY order: text by UTF-16 code units (compareText), numbers by
 * value, text before numbers, null last. One list's sort values are of one type and never null
 * where beyondPosition compares them (Cypher's `<` between a null or mixed types is null).
 */
function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a !== typeof b) return typeof a === 'string' ? -1 : 1;
  return typeof a === 'string' ? compareText(a, b as string) : Math.sign(a - (b as number));
}

/** Upward walking order of positions, in Node: the order walkOrder gives in Cypher. */
export const comparePositions = (a: KeysetPosition, b: KeysetPosition): number => compareSortValues(a[0], b[0]) || compareText(a[1], b[1]);

/**
 * True when the row sorted by `key` (then `id`) lies strictly beyond `position` (a Cypher
 * expression holding [sort value, id], null for a first page) in walking order; `desc` is a
 * Cypher boolean saying the walk runs downwards. Every page cut in Cypher uses this one
 * condition, so no page skips or repeats rows.
 */
export const beyondPosition = (key: string, id: string, desc: string, position = '$position'): string =>
  `${position} IS NULL
   OR (${desc} AND (${key} < ${position}[0] OR (${key} = ${position}[0] AND ${id} < ${position}[1])))
   OR (NOT ${desc} AND (${key} > ${position}[0] OR (${key} = ${position}[0] AND ${id} > ${position}[1])))`;

/** The ORDER BY items that walk `key`, then `id`, downwards when `desc` holds, else upwards. */
export const walkOrder = (key: string, id: string, desc: string): string =>
  `CASE WHEN ${desc} THEN ${key} END DESC, CASE WHEN ${desc} THEN ${id} END DESC, ${key}, ${id}`;

/**
 * Joins a stored position's sort value and id. It sorts below every character a sort value
 * holds, so the text order of stored positions is the order of their positions (a sort value
 * that is a prefix of another comes first, as in comparePositions).
 */
const storedSeparator = '\u0000';

/**
 * A position as one text, for an index on it (the (self, position) index of (:PartnerRank)):
 * text order of stored positions is comparePositions' order for text sort values. A stored rank
 * and a cursor given back for it hold the same position, so they agree by construction.
 */
export function storedPosition([sortValue, id]: KeysetPosition): string {
  if (typeof sortValue !== 'string') throw new Error(`a stored position needs a text sort value: ${JSON.stringify(sortValue)}`);
  return `${sortValue}${storedSeparator}${id}`;
}

/** Where a forward page of stored positions starts (strictly after): the cursor's, or '' (below all of them) for a first page. */
export const storedPositionAfter = (position: KeysetPosition | null): string => (position === null ? '' : storedPosition(position));

/**
 * Bumped when storedPosition's form changes: positions stored in another form are then stored
 * again (ingest/partner-ranks.ts adds it to the ranks' version, so a graph is re-ranked at start).
 */
export const storedPositionRevision = 0;

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

/** The cursor of the row at [sortValue, id] in the list of `scope`: base64url JSON [sortValue, id, scope], a dot, its signature. */
export function encodeCursor(sortValue: SortValue, id: string, scope: string): string {
  const payload = Buffer.from(JSON.stringify([sortValue, id, scope]), 'utf8').toString('base64url');
  return `${payload}.${signature(payload).toString('base64url')}`;
}

/** The position a cursor holds; refused (InvalidArgumentError on `argument`) unless this API issued it for `scope`. */
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

export interface PageRequest {
  /** How many rows to return. */
  limit: number;
  /** Walk backwards from `before` (a `last` request) instead of forwards from `after`. */
  backwards: boolean;
  /** Keyset position [sort value, id] to start strictly after (forwards) or before (backwards). */
  position: KeysetPosition | null;
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
 * rules as a page cut in Cypher: rows in position order, the page strictly after (or before)
 * the cursor's position, so rows added elsewhere never shift it.
 */
export function pageOfLoaded<T>(rows: readonly T[], request: PageRequest, positionOf: (row: T) => KeysetPosition): Page<T> {
  const direction = request.backwards ? -1 : 1;
  const walked = [...rows].sort((x, y) => comparePositions(positionOf(x), positionOf(y)) * direction);
  const position = request.position;
  const beyond = position === null ? walked : walked.filter((row) => comparePositions(positionOf(row), position) * direction > 0);
  return pageFromRows(request, beyond.slice(0, request.limit + 1), rows.length);
}
