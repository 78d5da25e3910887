/** Recovery (core/db/recovery.ts): the breaker held from a death of the JVM until a real read works after its restart. */
import type { Database } from '../../src/core/db/database';
import { Recovery, recoveryProbe } from '../../src/core/db/recovery';
import type { Neo4jSupervisor, SupervisorState } from '../../src/core/db/supervisor';
import { silentLogger } from '../../src/core/logger';

function standIns(failingReads: number) {
  let state: SupervisorState = 'up';
  let pid: number | null = 1;
  const listeners: ((state: SupervisorState) => void)[] = [];
  const supervisor = {
    status: () => ({ state, restarts: 0, failedStarts: 0, pid }),
    onStateChange: (listener: (state: SupervisorState) => void) => listeners.push(listener),
  } as unknown as Neo4jSupervisor;
  const held: boolean[] = [];
  const probes: string[] = [];
  let failuresLeft = failingReads;
  const db = {
    setKnownDown: (down: boolean) => held.push(down),
    detachedFromBreaker: () => ({
      read: async (cypher: string) => {
        probes.push(cypher);
        if (failuresLeft-- > 0) throw new Error('Neo4j is unavailable');
        return [{ found: 1 }];
      },
    }),
  } as unknown as Database;
  const change = (next: SupervisorState, nextPid: number | null) => {
    state = next;
    pid = nextPid;
    for (const listener of listeners) listener(next);
  };
  return { supervisor, db, held, probes, change };
}

test('held from the death; released only once a probe read succeeds after the restart, then the listeners are told', async () => {
  const { supervisor, db, held, probes, change } = standIns(2);
  const recovery = new Recovery(supervisor, db, silentLogger);
  expect(recovery.isReadable).toBe(true);
  change('down', null);
  change('restarting', null);
  expect({ readable: recovery.isReadable, held }).toEqual({ readable: false, held: [true, true] });
  const readable = new Promise<void>((resolve) => recovery.onReadable(resolve));
  change('up', 2);
  // Up is not readable yet: the breaker stays held until the third probe read succeeds.
  expect(recovery.isReadable).toBe(false);
  await readable;
  expect({ readable: recovery.isReadable, held, probes }).toEqual({
    readable: true,
    held: [true, true, false],
    probes: [recoveryProbe, recoveryProbe, recoveryProbe],
  });
});

test('a service stopping with its JVM still up keeps the breaker as it is (the drain is served)', () => {
  const { supervisor, db, held, change } = standIns(0);
  const recovery = new Recovery(supervisor, db, silentLogger);
  change('stopping', 1);
  expect({ readable: recovery.isReadable, held }).toEqual({ readable: true, held: [] });
});
