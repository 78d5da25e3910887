/** The pure parts of back-pressure and the response cap (core/http/admission-queue, app/plugins/overload, app/plugins/response-size). */
import { Admission, defaultAdmission, overloadedRefusal } from '../../src/app/plugins/overload';
import { AdmissionQueue, type AdmissionOutcome } from '../../src/core/http/admission-queue';
import { oversize, responseTooLarge } from '../../src/app/plugins/response-size';

/** The outcome of `entering` if it has settled by now, else 'waiting'. */
async function settled<T>(entering: Promise<T>): Promise<T | 'waiting'> {
  return Promise.race([entering, Promise.resolve('waiting' as const)]);
}

describe('the admission queue (fake timers)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const admitted = (outcome: AdmissionOutcome) => {
    expect(outcome.admitted).toBe(true);
    return (outcome as Extract<AdmissionOutcome, { admitted: true }>).leave;
  };

  test('`limit` at once; the next waits and is admitted, in arrival order, as places come free; leaving twice frees one place', async () => {
    const queue = new AdmissionQueue({ limit: 2, queueSize: 5, queueWaitMs: 1000 });
    const first = admitted(await queue.enter());
    admitted(await queue.enter());
    const third = queue.enter();
    const fourth = queue.enter();
    expect([await settled(third), await settled(fourth), queue.inFlight, queue.queued]).toEqual(['waiting', 'waiting', 2, 2]);
    jest.advanceTimersByTime(300);
    first();
    first();
    expect(await third).toEqual({ admitted: true, leave: expect.any(Function), waitedMs: 300 });
    expect([await settled(fourth), queue.inFlight, queue.queued]).toEqual(['waiting', 2, 1]);
  });

  test('a full queue refuses at once; a wait past queueWaitMs is refused and leaves the queue', async () => {
    const queue = new AdmissionQueue({ limit: 1, queueSize: 1, queueWaitMs: 1000 });
    const holder = admitted(await queue.enter());
    const waiting = queue.enter();
    expect(await queue.enter()).toEqual({ admitted: false, reason: 'queueFull', waitedMs: 0 });
    jest.advanceTimersByTime(999);
    expect(await settled(waiting)).toBe('waiting');
    jest.advanceTimersByTime(1);
    expect(await waiting).toEqual({ admitted: false, reason: 'queueWait', waitedMs: 1000 });
    expect([queue.queued, queue.inFlight]).toEqual([0, 1]);
    holder();
    expect(queue.inFlight).toBe(0);
  });

  test('a waiter whose signal aborts (its client left) leaves the queue with the reason; the next one takes its turn', async () => {
    const queue = new AdmissionQueue({ limit: 1, queueSize: 2, queueWaitMs: 1000 });
    const holder = admitted(await queue.enter());
    const client = new AbortController();
    const leaving = queue.enter({ signal: client.signal });
    const next = queue.enter();
    const gone = new Error('client left');
    client.abort(gone);
    await expect(leaving).rejects.toBe(gone);
    expect(queue.queued).toBe(1);
    holder();
    expect((await next).admitted).toBe(true);
    // Its timer went with it: nothing settles it again, nor frees a place it never had.
    jest.advanceTimersByTime(5000);
    expect([queue.inFlight, queue.queued]).toEqual([1, 0]);
  });

  test('an aborted signal is refused before it queues', async () => {
    const queue = new AdmissionQueue({ limit: 1, queueSize: 2, queueWaitMs: 1000 });
    await expect(queue.enter({ signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(queue.inFlight).toBe(0);
  });

  test('perKey: a key holds its share at most; its next waits while other keys behind it go first', async () => {
    const queue = new AdmissionQueue({ limit: 3, queueSize: 5, queueWaitMs: 1000, perKey: 1 });
    const alice = admitted(await queue.enter({ key: 'alice' }));
    const aliceAgain = queue.enter({ key: 'alice' });
    expect(await settled(aliceAgain)).toBe('waiting');
    admitted(await queue.enter({ key: 'bob' }));
    expect([queue.inFlight, queue.queued]).toEqual([2, 1]);
    alice();
    expect((await aliceAgain).admitted).toBe(true);
  });
});

test('the GraphQL admission takes its queue from AdmissionOptions', async () => {
  const admission = new Admission(1, { queueSize: 0, queueWaitMs: 10 });
  expect((await admission.enter()).admitted).toBe(true);
  expect(await admission.enter()).toEqual({ admitted: false, reason: 'queueFull', waitedMs: 0 });
  expect(defaultAdmission).toEqual({ queueSize: 128, queueWaitMs: 5000 });
});

test('the overload refusal names the limit reached and its maximum', () => {
  const admission = new Admission(32, { queueSize: 128, queueWaitMs: 5000 });
  expect(overloadedRefusal(admission, 'queueFull')).toEqual({
    message: expect.stringContaining('32 requests it takes at once (maxRequestsInFlight) and 128 more are waiting'),
    extensions: { code: 'SERVICE_OVERLOADED', limit: 'admissionQueueSize', maximum: 128 },
  });
  expect(overloadedRefusal(admission, 'queueWait')).toEqual({
    message: expect.stringContaining('none came free within 5000 ms'),
    extensions: { code: 'SERVICE_OVERLOADED', limit: 'admissionQueueWaitMs', maximum: 5000 },
  });
});

test('oversize counts UTF-8 bytes, not characters', () => {
  expect(oversize('x'.repeat(100), 100)).toBeNull();
  expect(oversize('x'.repeat(101), 100)).toBe(101);
  // ə is 2 bytes in UTF-8, € 3: these 40 characters are 100 bytes, the next 41 are 102.
  expect(oversize('ə'.repeat(20) + '€'.repeat(20), 100)).toBeNull();
  expect(oversize('ə'.repeat(21) + '€'.repeat(20), 100)).toBe(21 * 2 + 20 * 3);
  expect(oversize('€'.repeat(33), 100)).toBeNull();
  expect(oversize('€'.repeat(34), 100)).toBe(102);
});

test('the response refusal names the size found and the maximum', () => {
  expect(responseTooLarge(6_000_000, 5_242_880)).toEqual({
    message: expect.stringContaining('6000000 bytes, more than the 5242880 allowed (maxResponseBytes)'),
    extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found: 6_000_000, maximum: 5_242_880 },
  });
});
