/**
 * Recovery after the supervisor restarted the embedded JVM. Bolt answers (the launcher's ready
 * line, state "up") before the database serves reads promptly: the page cache is cold and the
 * first statements plan and fault pages in. Requests let through then waited and ended as
 * QUERY_TIMEOUT, and /health said 200 while queries failed. So the breaker stays held from the
 * death until one real read (recoveryProbe, through the breaker) succeeded: every request in
 * between is refused at once with 503 DATABASE_UNAVAILABLE and Retry-After. Then the listeners
 * (the warm-up, readiness) are told.
 */
import type { Logger } from '../logger';
import type { Database } from './database';
import type { Neo4jSupervisor, SupervisorState } from './supervisor';

/** A read that touches the store (a node), not only the server: what "the database reads" means here. */
export const recoveryProbe = 'MATCH (n) WITH n LIMIT 1 RETURN count(n) AS found';

/** Each probe's transaction timeout, and the pause between failed probes (short: a restart is counted in seconds). */
const probeTimeoutMs = 5000;
const probePauseMs = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Resolves when one real read succeeds within `timeoutMs`; rejects otherwise (the breaker applies). */
export async function readOnce(db: Database, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no read answered within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.read(recoveryProbe, {}, { timeoutMs }), late]);
  } finally {
    clearTimeout(timer);
  }
}

export class Recovery {
  private readable = true;
  /** Bumped at each change of state, so a probe of an earlier start stops. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly supervisor: Neo4jSupervisor,
    private readonly db: Database,
    private readonly log: Logger,
  ) {
    supervisor.onStateChange((state) => this.changed(state));
  }

  /** False from a death of the JVM until a real read succeeded after its restart. */
  get isReadable(): boolean {
    return this.readable;
  }

  /** Calls `listener` each time the database reads again after a restart; returns the function that stops it. */
  onReadable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(state: SupervisorState): void {
    this.generation++;
    if (state === 'up') {
      void this.probe(this.generation, Date.now());
    } else if (this.supervisor.status().pid === null) {
      // Held exactly while no JVM runs or the new one has not read yet: a service stopping with Neo4j still up keeps serving its drain.
      this.readable = false;
      this.db.setKnownDown(true);
    }
  }

  private async probe(generation: number, upAt: number): Promise<void> {
    for (let attempt = 1; generation === this.generation; attempt++) {
      try {
        // A fresh view each time: a failed probe opens its own breaker for a second, not wanted between probes.
        await readOnce(this.db.detachedFromBreaker(), probeTimeoutMs);
        break;
      } catch (error) {
        this.log.debug(`embedded Neo4j: read ${attempt} after the restart failed: ${(error as Error).message}`);
        await pause(probePauseMs);
      }
    }
    if (generation !== this.generation) return;
    this.readable = true;
    this.db.setKnownDown(false);
    this.log.info(`embedded Neo4j reads again, ${Date.now() - upAt} ms after it was ready`);
    for (const listener of this.listeners) listener();
  }
}
