/**
 * Keeps the embedded Neo4j running while the service runs. When its JVM dies (a crash, a
 * SIGKILL, the kernel's OOM killer, -XX:+ExitOnOutOfMemoryError) it is started again on the
 * same port and data directory after a backoff (backoff.ts), so the API heals without a restart
 * of Node: the driver reconnects to the same Bolt address by itself, and the listeners told
 * "down" / "up" keep requests failing fast in between (connection.ts holds the breaker open).
 *
 * A start fails when Neo4j is not ready (its JVM exits first, NEO4J_START_TIMEOUT_S passes, the
 * port is taken) or when it dies again within `stableAfterMs` of being ready: a crash loop is a
 * run of failures, not of successes. After `maxFailedStarts` consecutive failed starts it gives
 * up (`gaveUp` resolves) and the service exits non-zero, so a process manager takes over.
 *
 * Once the service starts shutting down (`stopRestarting`), a death is final: nothing is
 * restarted under a service that is stopping, and a start in progress is cancelled.
 */
import { defaultBackoff, restartDelayMs, type BackoffOptions } from './backoff';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jConfig } from './embedded';
import type { Logger } from '../logger';

/**
 * up: the JVM is ready. down: it died and its restart waits out the backoff. restarting: a
 * start is in progress. stopping / stopped: the service is shutting down (no more restarts).
 * failed: it gave up.
 */
export type SupervisorState = 'up' | 'down' | 'restarting' | 'stopping' | 'stopped' | 'failed';

export const supervisorStates: readonly SupervisorState[] = ['up', 'down', 'restarting', 'stopping', 'stopped', 'failed'];

export interface SupervisionOptions extends BackoffOptions {
  /**
   * NEO4J_RESTART_MAX_FAILURES — consecutive failed starts after which the service gives up and
   * exits 1, default 5 (after waits of 1, 2, 4, 8 and 16 s); 0: never restart, a death ends the service.
   */
  maxFailedStarts: number;
  /** How long a JVM must stay up for its start to count as a success, default 60000 (a minute). */
  stableAfterMs: number;
}

export const defaultSupervision: SupervisionOptions = { ...defaultBackoff, maxFailedStarts: 5, stableAfterMs: 60000 };

export interface SupervisorStatus {
  state: SupervisorState;
  /** Restarts that brought Neo4j back since the service started (coopgraph_neo4j_restarts_total). */
  restarts: number;
  /** Consecutive failed starts so far; a stable run resets it. */
  failedStarts: number;
  /** The running JVM's pid; null while none runs. */
  pid: number | null;
}

export interface Neo4jSupervisor {
  /** The Bolt URI, the same across restarts (same port). */
  readonly uri: string;
  status(): SupervisorStatus;
  /** Calls `listener` at each change of state; returns the function that stops it. */
  onStateChange(listener: (state: SupervisorState) => void): () => void;
  /** Resolves with the reason once it gave up; never resolves otherwise. */
  readonly gaveUp: Promise<Error>;
  /** From now on a death is final and a start in progress is cancelled; the running JVM keeps serving until stop(). */
  stopRestarting(): void;
  /** stopRestarting(), then stops the running JVM cleanly. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts one JVM; startEmbeddedNeo4j in the service, a stand-in in unit tests. */
export type StartNeo4j = (cancel: AbortSignal) => Promise<EmbeddedNeo4j>;

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

class Supervisor implements Neo4jSupervisor {
  private state: SupervisorState = 'up';
  private current: EmbeddedNeo4j | null = null;
  private readyAt = 0;
  private restarts = 0;
  private failedStarts = 0;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private readonly cancel = new AbortController();
  private readonly listeners = new Set<(state: SupervisorState) => void>();
  private resolveGaveUp: (error: Error) => void = () => undefined;
  readonly gaveUp = new Promise<Error>((resolve) => (this.resolveGaveUp = resolve));

  constructor(
    readonly uri: string,
    first: EmbeddedNeo4j,
    private readonly start: StartNeo4j,
    private readonly log: Logger,
    private readonly options: SupervisionOptions,
  ) {
    this.watch(first);
  }

  status(): SupervisorStatus {
    return { state: this.state, restarts: this.restarts, failedStarts: this.failedStarts, pid: this.current?.pid ?? null };
  }

  onStateChange(listener: (state: SupervisorState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private get stopping(): boolean {
    return this.cancel.signal.aborted;
  }

  private setState(state: SupervisorState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Takes `neo4j` as the running JVM and reacts to its death. */
  private watch(neo4j: EmbeddedNeo4j): void {
    this.current = neo4j;
    this.readyAt = Date.now();
    void neo4j.exit.then((exit) => this.died(neo4j, exit));
  }

  private died(neo4j: EmbeddedNeo4j, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    if (this.current !== neo4j) return;
    this.current = null;
    if (this.stopping) return;
    const upMs = Date.now() - this.readyAt;
    // A run shorter than stableAfterMs is a start that did not hold; a longer one starts the count afresh.
    this.failedStarts = upMs >= this.options.stableAfterMs ? 0 : this.failedStarts + 1;
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
    this.log.error(`embedded Neo4j died (pid ${neo4j.pid}, ${how}) after ${seconds(upMs)} up`);
    this.scheduleRestart(new Error(`it died (${how}) ${seconds(upMs)} after it was ready`));
  }

  /** Waits out the backoff, then starts again; or gives up after too many failed starts. */
  private scheduleRestart(reason: Error): void {
    if (this.failedStarts >= this.options.maxFailedStarts) {
      this.giveUp(reason);
      return;
    }
    const delayMs = restartDelayMs(this.failedStarts + 1, this.options);
    this.setState('down');
    this.log.info(
      `embedded Neo4j: restarting in ${seconds(delayMs)} (attempt ${this.failedStarts + 1} of ${this.options.maxFailedStarts})`,
    );
    this.timer = setTimeout(() => {
      this.starting = this.restart().catch((error: Error) => this.log.error(`embedded Neo4j: restart: ${error.message}`));
    }, delayMs);
  }

  private async restart(): Promise<void> {
    this.setState('restarting');
    let neo4j: EmbeddedNeo4j;
    try {
      neo4j = await this.start(this.cancel.signal);
    } catch (error) {
      if (this.stopping) return;
      this.failedStarts++;
      this.log.error(
        `embedded Neo4j: restart failed (${this.failedStarts} of ${this.options.maxFailedStarts}): ${(error as Error).message}`,
      );
      this.scheduleRestart(error as Error);
      return;
    }
    // Ready just as the service began to stop: this JVM is not wanted any more.
    if (this.stopping) return neo4j.stop();
    this.restarts++;
    this.watch(neo4j);
    this.log.info(`embedded Neo4j restarted (pid ${neo4j.pid}, ${this.uri}; restart ${this.restarts} since the service started)`);
    this.setState('up');
  }

  private giveUp(reason: Error): void {
    const max = this.options.maxFailedStarts;
    const why =
      max === 0
        ? 'restarts are off (NEO4J_RESTART_MAX_FAILURES=0)'
        : `${this.failedStarts} consecutive starts failed (NEO4J_RESTART_MAX_FAILURES=${max})`;
    this.setState('failed');
    this.resolveGaveUp(new Error(`the embedded Neo4j is down and stays down: ${why}; last: ${reason.message}`));
  }

  stopRestarting(): void {
    if (this.stopping) return;
    this.cancel.abort();
    clearTimeout(this.timer);
    if (this.state !== 'failed') this.setState('stopping');
  }

  async stop(): Promise<void> {
    this.stopRestarting();
    // A cancelled start resolves once its JVM has stopped.
    await this.starting;
    await this.current?.stop();
    if (this.state !== 'failed') this.setState('stopped');
  }
}

/** Starts the JVM and keeps it running (see above) until stop(). A failure of this first start is thrown. */
export async function supervise(
  start: StartNeo4j,
  log: Logger,
  options: SupervisionOptions = defaultSupervision,
): Promise<Neo4jSupervisor> {
  const first = await start(new AbortController().signal);
  log.info(
    `embedded Neo4j supervised: pid ${first.pid}, ${first.uri} (restarted when it dies, up to ${options.maxFailedStarts} failed starts in a row)`,
  );
  return new Supervisor(first.uri, first, start, log, options);
}

/** supervise() for the embedded Neo4j of `config`, with its password (unset: auth off). */
export function superviseEmbeddedNeo4j(
  config: EmbeddedNeo4jConfig,
  password: string | undefined,
  log: Logger,
  options: SupervisionOptions = defaultSupervision,
): Promise<Neo4jSupervisor> {
  return supervise((cancel) => startEmbeddedNeo4j(config, log, password, cancel), log, options);
}
