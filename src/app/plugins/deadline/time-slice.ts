/**
 * Turns of the event loop, for work that must let others run: graphql-js completes every item a
 * loader returned in one go, in microtasks, so a few megabytes of answer kept timers (deadlines
 * included), other requests and /health waiting for seconds. A resolver wrapper
 * (response-size/budget.ts) uses both bounds here on a large answer's fields:
 *
 * - time: a field called after the current turn ran past sliceMs waits for a later turn;
 * - items: a value settling with more items than a turn may complete (itemsPerTurn for a large
 *   answer, itemsPerBusyTurn for any, counted over every value admitted since the loop last
 *   turned) waits for a later turn. A loader's
 *   batch settles thousands of lists at once, before graphql-js completes any of them: their
 *   items are the work to come, so they are counted as they settle.
 *
 * Waiting work resumes in order, a turn's worth of items at a time.
 */
import { performance } from 'node:perf_hooks';

/** How long one turn of the event loop may run a large answer's resolvers before they wait for the next, in ms. */
export const sliceMs = 20;
/** How many settled items (list items, objects) one turn may complete for large answers. */
export const itemsPerTurn = 1000;
/**
 * The same for any answer: no single small answer settles this many in one turn (past 5,000 it
 * is a large one), so only many answers at once wait, and a small answer's loaders batch as before.
 */
export const itemsPerBusyTurn = 4000;

/** The current turn: when its first check ran and the items it admitted (null: none since the loop last turned). */
let turn: { startedAt: number; items: number } | null = null;

function currentTurn(): { startedAt: number; items: number } {
  if (turn === null) {
    const started = { startedAt: performance.now(), items: 0 };
    turn = started;
    // setImmediate runs once this turn's microtasks are done: the next check starts a new turn.
    setImmediate(() => {
      if (turn === started) turn = null;
    });
  }
  return turn;
}

/** Whether this turn has run past sliceMs. */
export function turnIsOver(): boolean {
  return performance.now() - currentTurn().startedAt > sliceMs;
}

/** Admits `items` into this turn if it has room under `limit` (a turn with none admitted yet always has). */
function admit(items: number, limit = itemsPerTurn): boolean {
  const current = currentTurn();
  if (current.items > 0 && current.items + items > limit) return false;
  current.items += items;
  return true;
}

/** Work waiting for a later turn, in order, with the items it will complete. */
const waiting: { items: number; resume: () => void }[] = [];
let resuming = false;

/** Resumes waiting work, a turn's worth of items at a time; the rest waits for the next turn. */
function resumeWaiting(): void {
  while (waiting.length > 0 && admit(waiting[0]!.items)) waiting.shift()!.resume();
  if (waiting.length > 0) setImmediate(resumeWaiting);
  else resuming = false;
}

function wait(items: number): Promise<void> {
  return new Promise((resume) => {
    waiting.push({ items, resume });
    if (!resuming) {
      resuming = true;
      setImmediate(resumeWaiting);
    }
  });
}

/** Resolves on a later turn of the event loop, in order with the other waiting work. */
export function nextTurn(): Promise<void> {
  return wait(1);
}

/**
 * Null when this turn may complete `items` more (they are counted); else resolves on the turn
 * that may. `large`: the items of a large answer, admitted up to itemsPerTurn, and behind any
 * waiting work; others up to itemsPerBusyTurn.
 */
export function admitted(items: number, large: boolean): Promise<void> | null {
  if (large) return waiting.length === 0 && admit(items) ? null : wait(items);
  return admit(items, itemsPerBusyTurn) ? null : wait(items);
}
