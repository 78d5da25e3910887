/**
 * A request's database door (core/db/request-runner.ts) against a stand-in database that behaves
 * as the real one does with a signal: concurrency and statement caps, cancellation, the deadline
 * bound on each transaction's timeout, the request id on each transaction.
 */
import { QueryTimeoutError, type Params, type Row, type StatementOptions } from '../../src/core/db/database';
import {
  RequestCancelledError,
  RequestRunner,
  TooManyStatementsError,
  type RequestBounds,
  type StatementDatabase,
} from '../../src/core/db/request-runner';

/** Statements that run until `finish()` or until their signal aborts (then they reject with its reason, as Database does). */
class PendingDatabase implements StatementDatabase {
  readonly started: { cypher: string; options: StatementOptions; finish: () => void }[] = [];
  running = 0;
  mostRunning = 0;

  read(cypher: string, _params?: Params, options: StatementOptions = {}): Promise<Row[]> {
    options.signal?.throwIfAborted();
    this.running++;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    return new Promise<Row[]>((resolve, reject) => {
      const done = () => this.running--;
      this.started.push({ cypher, options, finish: () => (done(), resolve([{ cypher }])) });
      options.signal?.addEventListener('abort', () => (done(), reject(options.signal!.reason)), { once: true });
    });
  }

  writeTransaction<T>(): Promise<T> {
    return Promise.reject(new Error('not used'));
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function runnerWith(bounds: Partial<RequestBounds> = {}) {
  const db = new PendingDatabase();
  const controller = new AbortController();
  const runner = new RequestRunner(db, {
    signal: controller.signal,
    deadlineAt: Date.now() + 60_000,
    deadlineMs: 60_000,
    maxConcurrent: 2,
    maxStatements: 100,
    requestId: 'r-1',
    ...bounds,
  });
  return { db, controller, runner };
}

test('at most maxConcurrent statements run at once; the rest start as slots free up', async () => {
  const { db, runner } = runnerWith({ maxConcurrent: 2 });
  const reads = ['a', 'b', 'c', 'd', 'e'].map((cypher) => runner.read(cypher));
  await tick();
  expect(db.started.map((s) => s.cypher)).toEqual(['a', 'b']);
  while (db.started.some((s) => s.cypher !== 'done')) {
    const next = db.started.find((s) => s.cypher !== 'done')!;
    next.finish();
    next.cypher = 'done';
    await tick();
  }
  expect(await Promise.all(reads)).toHaveLength(5);
  expect(db.mostRunning).toBe(2);
});

test('each transaction carries the request id and a timeout no longer than what remains of the deadline', async () => {
  const { db, runner } = runnerWith({ deadlineAt: Date.now() + 5000, deadlineMs: 5000 });
  const read = runner.read('a');
  await tick();
  const { options, finish } = db.started[0]!;
  expect(options.metadata).toEqual({ requestId: 'r-1' });
  expect(options.timeoutMs).toBeGreaterThan(4000);
  expect(options.timeoutMs).toBeLessThanOrEqual(5000);
  finish();
  await read;
});

test('past maxStatements: TooManyStatementsError, and the statement is never sent', async () => {
  const { db, runner } = runnerWith({ maxStatements: 2, maxConcurrent: 10 });
  const reads = ['a', 'b', 'c'].map((cypher) => runner.read(cypher));
  await expect(reads[2]).rejects.toBeInstanceOf(TooManyStatementsError);
  await tick();
  expect(db.started.map((s) => s.cypher)).toEqual(['a', 'b']);
  for (const statement of db.started) statement.finish();
  await Promise.all(reads.slice(0, 2));
});

test('an abort rejects running and waiting statements with its reason, and none starts after it', async () => {
  const { db, controller, runner } = runnerWith({ maxConcurrent: 1 });
  const running = runner.read('a');
  const waiting = runner.read('b');
  await tick();
  controller.abort(new RequestCancelledError());
  await expect(running).rejects.toBeInstanceOf(RequestCancelledError);
  await expect(waiting).rejects.toBeInstanceOf(RequestCancelledError);
  await expect(runner.read('c')).rejects.toBeInstanceOf(RequestCancelledError);
  expect(db.started.map((s) => s.cypher)).toEqual(['a']);
});

test('once the deadline has passed no statement starts: QUERY_TIMEOUT naming requestDeadlineMs', async () => {
  const { db, runner } = runnerWith({ deadlineAt: Date.now() - 1, deadlineMs: 1500 });
  const error = await runner.read('a').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(QueryTimeoutError);
  expect(error).toMatchObject({ limit: 'requestDeadlineMs', timeoutMs: 1500 });
  expect(db.started).toEqual([]);
});

afterEach(() => jest.useRealTimers());

test("Neo4j's own timeout firing at the deadline is named as the deadline", async () => {
  // Fake timers: Neo4j's timeout fires 30 ms in, past the 20 ms deadline, without waiting for it.
  jest.useFakeTimers();
  const db: StatementDatabase = {
    read: () => new Promise((_, reject) => setTimeout(() => reject(new QueryTimeoutError(20)), 30)),
    writeTransaction: () => Promise.reject(new Error('not used')),
  };
  const runner = new RequestRunner(db, {
    signal: new AbortController().signal,
    deadlineAt: Date.now() + 20,
    deadlineMs: 20,
    maxConcurrent: 1,
    maxStatements: 10,
    requestId: 'r',
  });
  await Promise.all([
    expect(runner.read('a')).rejects.toMatchObject({ limit: 'requestDeadlineMs', timeoutMs: 20 }),
    jest.advanceTimersByTimeAsync(30),
  ]);
});
