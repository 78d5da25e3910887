/** The semaphore a request's statements wait on (core/db/semaphore.ts): a cap, a fair queue, cancellable waits. */
import { Semaphore } from '../../src/core/db/semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('at most `limit` hold a slot; the others wait, first come first served', async () => {
  const slots = new Semaphore(2);
  const order: string[] = [];
  const holders = await Promise.all([slots.acquire(), slots.acquire()]);
  const waiting = ['c', 'd', 'e'].map((name) => slots.acquire().then((release) => (order.push(name), release)));
  await tick();
  expect([slots.active, slots.queued, order]).toEqual([2, 3, []]);
  holders[0]!();
  await tick();
  expect([slots.active, slots.queued, order]).toEqual([2, 2, ['c']]);
  holders[1]!();
  (await waiting[0]!)();
  await tick();
  expect(order).toEqual(['c', 'd', 'e']);
  for (const release of await Promise.all(waiting)) release();
  expect([slots.active, slots.queued]).toEqual([0, 0]);
});

test('a release called twice frees one slot only', async () => {
  const slots = new Semaphore(1);
  const release = await slots.acquire();
  const next = slots.acquire();
  release();
  release();
  await next;
  expect(slots.active).toBe(1);
  const third = jest.fn();
  void slots.acquire().then(third);
  await tick();
  expect(third).not.toHaveBeenCalled();
});

test('an aborted wait leaves the queue with the signal reason; an aborted signal gets no slot at all', async () => {
  const slots = new Semaphore(1);
  const release = await slots.acquire();
  const controller = new AbortController();
  const cancelled = slots.acquire(controller.signal);
  const after = slots.acquire();
  controller.abort(new Error('deadline'));
  await expect(cancelled).rejects.toThrow('deadline');
  expect(slots.queued).toBe(1);
  release();
  (await after)();
  expect(slots.active).toBe(0);
  await expect(slots.acquire(controller.signal)).rejects.toThrow('deadline');
  expect(slots.active).toBe(0);
});

test('a limit below 1 is refused', () => {
  expect(() => new Semaphore(0)).toThrow(RangeError);
});
