/**
 * The embedded Neo4j's restart schedule (core/db/backoff.ts): doubling from the first delay,
 * capped, and the supervisor that follows it (core/db/supervisor.ts) with a stand-in JVM: deaths
 * restart it, failed starts back off and finally give up, a stopping service restarts nothing.
 */
import { ConfigError, loadConfig } from '../../src/app/config';
import { defaultBackoff, restartDelayMs } from '../../src/core/db/backoff';
import type { EmbeddedNeo4j } from '../../src/core/db/embedded';
import { silentLogger } from '../../src/core/logger';
import { supervise, type SupervisionOptions, type SupervisorState } from '../../src/core/db/supervisor';

test('the defaults: 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s each', () => {
  expect(defaultBackoff).toEqual({ initialDelayMs: 1000, maxDelayMs: 30000 });
  expect([1, 2, 3, 4, 5, 6, 7, 100].map((attempt) => restartDelayMs(attempt))).toEqual([
    1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
  ]);
});

test('other settings, a cap below the first delay, and attempts far past any overflow', () => {
  expect([1, 2, 3, 4].map((attempt) => restartDelayMs(attempt, { initialDelayMs: 250, maxDelayMs: 1500 }))).toEqual([250, 500, 1000, 1500]);
  expect(restartDelayMs(1, { initialDelayMs: 5000, maxDelayMs: 1000 })).toBe(1000);
  expect(restartDelayMs(5000)).toBe(30000);
});

test('NEO4J_RESTART_*: defaults, settings, and bad values named', () => {
  expect(loadConfig({}).supervision).toEqual({ initialDelayMs: 1000, maxDelayMs: 30000, maxFailedStarts: 5, stableAfterMs: 60000 });
  expect(
    loadConfig({ NEO4J_RESTART_DELAY_MS: '250', NEO4J_RESTART_MAX_DELAY_MS: '4000', NEO4J_RESTART_MAX_FAILURES: '0' }).supervision,
  ).toMatchObject({ initialDelayMs: 250, maxDelayMs: 4000, maxFailedStarts: 0 });
  expect(() => loadConfig({ NEO4J_RESTART_MAX_FAILURES: '-1' })).toThrow(
    new ConfigError('NEO4J_RESTART_MAX_FAILURES must be a whole number from 0 to 1000, got "-1"'),
  );
  expect(() => loadConfig({ NEO4J_RESTART_DELAY_MS: 'soon' })).toThrow(/NEO4J_RESTART_DELAY_MS/);
});

test('an attempt is a whole number from 1', () => {
  for (const attempt of [0, -1, 1.5, Number.NaN]) expect(() => restartDelayMs(attempt)).toThrow(RangeError);
});

/** A JVM stand-in: `kill()` makes it die as a SIGKILL would; `stop()` as a clean stop. */
interface FakeJvm extends EmbeddedNeo4j {
  kill(): void;
  stopped: boolean;
}

let nextPid = 1000;
function fakeJvm(): FakeJvm {
  let die: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void = () => undefined;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (die = resolve));
  const jvm: FakeJvm = {
    uri: 'bolt://127.0.0.1:7999',
    pid: nextPid++,
    exit,
    exited: exit.then(({ code }) => code),
    stopped: false,
    kill: () => die({ code: null, signal: 'SIGKILL' }),
    stop: async () => {
      jvm.stopped = true;
      die({ code: 143, signal: null });
      await exit;
    },
  };
  return jvm;
}

/** Start outcomes in order: a JVM, or an error for a failed start; records when each start was asked. */
function fakeStarts(outcomes: ('ok' | 'fail')[]) {
  const started: FakeJvm[] = [];
  const askedAt: number[] = [];
  const start = async () => {
    askedAt.push(Date.now());
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome === 'fail') throw new Error('port 7999 on 127.0.0.1 is already in use');
    const jvm = fakeJvm();
    started.push(jvm);
    return jvm;
  };
  return { start, started, askedAt };
}

const fast: SupervisionOptions = { initialDelayMs: 20, maxDelayMs: 80, maxFailedStarts: 3, stableAfterMs: 0 };

// The supervisor waits out its backoff with setTimeout and times a JVM's life with Date.now: fake
// timers move both, so the delays below are exact and no test waits for a real clock.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());
/** Moves the fake clock by `ms`, running every timer due and the promises they settle. */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

test('a death is followed by a restart after the first delay; restarts are counted and states reported', async () => {
  const { start, started, askedAt } = fakeStarts(['ok', 'ok']);
  const supervisor = await supervise(start, silentLogger, fast);
  const states: SupervisorState[] = [];
  supervisor.onStateChange((state) => states.push(state));
  expect(supervisor.status()).toEqual({ state: 'up', restarts: 0, failedStarts: 0, pid: started[0]!.pid });

  const diedAt = Date.now();
  started[0]!.kill();
  await elapse(19);
  expect(started).toHaveLength(1);
  await elapse(1);
  expect(askedAt[1]! - diedAt).toBe(20);
  expect(states).toEqual(['down', 'restarting', 'up']);
  expect(supervisor.status()).toEqual({ state: 'up', restarts: 1, failedStarts: 0, pid: started[1]!.pid });
  await supervisor.stop();
  expect(started[1]!.stopped).toBe(true);
  expect(supervisor.status()).toMatchObject({ state: 'stopped', pid: null });
});

test('failed starts back off (20, 40, 80 ms) and after maxFailedStarts it gives up with the reason', async () => {
  const { start, started, askedAt } = fakeStarts(['ok', 'fail', 'fail', 'fail']);
  const supervisor = await supervise(start, silentLogger, fast);
  const diedAt = Date.now();
  started[0]!.kill();
  await elapse(20 + 40 + 80);
  const reason = await supervisor.gaveUp;
  expect(reason.message).toMatch(
    /3 consecutive starts failed \(NEO4J_RESTART_MAX_FAILURES=3\); last: port 7999 on 127.0.0.1 is already in use/,
  );
  expect(supervisor.status()).toEqual({ state: 'failed', restarts: 0, failedStarts: 3, pid: null });
  expect(askedAt.slice(1).map((at) => at - diedAt)).toEqual([20, 20 + 40, 20 + 40 + 80]);
  await supervisor.stop();
});

test('a JVM that dies before stableAfterMs counts as a failed start: a crash loop gives up too', async () => {
  const { start, started } = fakeStarts([]);
  const supervisor = await supervise(start, silentLogger, { ...fast, stableAfterMs: 60000 });
  for (let death = 0; death < 3; death++) {
    expect(started).toHaveLength(death + 1);
    expect(supervisor.status().state).toBe('up');
    started[death]!.kill();
    // Longer than any backoff here (80 ms at most), far shorter than stableAfterMs.
    await elapse(100);
  }
  expect((await supervisor.gaveUp).message).toMatch(/3 consecutive starts failed.*last: it died \(killed by SIGKILL\)/);
  expect(supervisor.status().restarts).toBe(2);
});

test('NEO4J_RESTART_MAX_FAILURES=0: the first death gives up at once', async () => {
  const { start, started } = fakeStarts(['ok']);
  const supervisor = await supervise(start, silentLogger, { ...fast, maxFailedStarts: 0 });
  started[0]!.kill();
  expect((await supervisor.gaveUp).message).toMatch(/restarts are off/);
  expect(started).toHaveLength(1);
});

test('stopping: a death during shutdown is final, and a restart waiting out its backoff never happens', async () => {
  const { start, started } = fakeStarts([]);
  const supervisor = await supervise(start, silentLogger, { ...fast, initialDelayMs: 50 });
  supervisor.stopRestarting();
  expect(supervisor.status().state).toBe('stopping');
  started[0]!.kill();
  await elapse(100);
  expect(started).toHaveLength(1);
  await supervisor.stop();
  expect(supervisor.status().state).toBe('stopped');

  const second = fakeStarts([]);
  const waiting = await supervise(second.start, silentLogger, { ...fast, initialDelayMs: 50 });
  second.started[0]!.kill();
  await elapse(0);
  expect(waiting.status().state).toBe('down');
  expect(jest.getTimerCount()).toBe(1);
  await waiting.stop();
  expect(jest.getTimerCount()).toBe(0);
  await elapse(100);
  expect(second.started).toHaveLength(1);
});

test('a start in progress when the service stops is cancelled, and its JVM stopped', async () => {
  let cancelledWith: AbortSignal | undefined;
  const first = fakeJvm();
  let calls = 0;
  const start = (cancel: AbortSignal) => {
    calls++;
    if (calls === 1) return Promise.resolve(first);
    cancelledWith = cancel;
    // Like startEmbeddedNeo4j: a cancelled start stops its JVM, then rejects.
    return new Promise<EmbeddedNeo4j>((_, reject) =>
      cancel.addEventListener('abort', () => reject(new Error('the start of the embedded Neo4j was cancelled'))),
    );
  };
  const supervisor = await supervise(start, silentLogger, fast);
  first.kill();
  await elapse(20);
  expect(supervisor.status().state).toBe('restarting');
  await supervisor.stop();
  expect(cancelledWith?.aborted).toBe(true);
  expect(supervisor.status().state).toBe('stopped');
});
