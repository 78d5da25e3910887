/**
 * Queue, then shed: at most `limit` holders at once; past that a newcomer waits its turn in a
 * bounded first-in-first-out queue, for at most `queueWaitMs`. It is refused only when the queue
 * is full when it arrives, or its wait runs out. A burst is served late instead of bounced (a
 * client that retries after a refusal costs more than one that waits), and the queue's bounds
 * keep what waiting costs (memory, the client's patience) bounded too.
 *
 * A holder may be given a key (a client) with `perKey` places at most: a newcomer whose key holds
 * its share waits, and newcomers of other keys behind it go first when a place comes free. The
 * GraphQL admission (app/plugins/overload) has no keys; the exports (features/export) hold one a client.
 */

export interface AdmissionQueueOptions {
  /** Holders at once. */
  limit: number;
  /** Newcomers that may wait for a place; one more is refused at once. */
  queueSize: number;
  /** How long a newcomer may wait, in ms, before it is refused. */
  queueWaitMs: number;
  /** Places one key may hold at once; default no bound. */
  perKey?: number;
}

/** Why a newcomer was refused: the queue was full when it came, or it waited `queueWaitMs` in vain. */
export type AdmissionDenial = 'queueFull' | 'queueWait';

export type AdmissionOutcome =
  | { admitted: true; /** Gives the place back; a second call does nothing. */ leave: () => void; waitedMs: number }
  | { admitted: false; reason: AdmissionDenial; waitedMs: number };

interface Waiter {
  key: string | undefined;
  arrivedAt: number;
  settle(outcome: AdmissionOutcome): void;
}

export class AdmissionQueue {
  private active = 0;
  private readonly heldByKey = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  private readonly perKey: number;

  constructor(readonly options: AdmissionQueueOptions) {
    this.perKey = options.perKey ?? Infinity;
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Holders now. */
  get inFlight(): number {
    return this.active;
  }

  /** Places `key` holds now. */
  heldBy(key: string): number {
    return this.heldByKey.get(key) ?? 0;
  }

  /** Newcomers waiting now. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A place, at once or after waiting; or the refusal. `signal` aborted while waiting (the
   * client left, its deadline passed) takes the newcomer out of the queue and rejects with its reason.
   */
  enter(options: { key?: string; signal?: AbortSignal } = {}): Promise<AdmissionOutcome> {
    const { key, signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    // Nobody waiting fits now (each leave hands its place on at once), so a newcomer that fits goes first.
    if (this.fits(key)) return Promise.resolve(this.take(key, 0));
    if (this.waiting.length >= this.options.queueSize) return Promise.resolve({ admitted: false, reason: 'queueFull', waitedMs: 0 });
    return new Promise<AdmissionOutcome>((resolve, reject) => {
      const waiter: Waiter = { key, arrivedAt: Date.now(), settle: (outcome) => (finish(), resolve(outcome)) };
      const timer = setTimeout(
        () => waiter.settle({ admitted: false, reason: 'queueWait', waitedMs: Date.now() - waiter.arrivedAt }),
        this.options.queueWaitMs,
      );
      const onAbort = () => (finish(), reject(signal!.reason));
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private fits(key: string | undefined): boolean {
    return this.active < this.options.limit && (key === undefined || (this.heldByKey.get(key) ?? 0) < this.perKey);
  }

  private take(key: string | undefined, waitedMs: number): AdmissionOutcome {
    this.active++;
    if (key !== undefined) this.heldByKey.set(key, (this.heldByKey.get(key) ?? 0) + 1);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.active--;
      if (key !== undefined) {
        const held = this.heldByKey.get(key)! - 1;
        if (held === 0) this.heldByKey.delete(key);
        else this.heldByKey.set(key, held);
      }
      this.admitWaiting();
    };
    return { admitted: true, leave, waitedMs };
  }

  /** Gives free places to the waiters in arrival order, skipping those whose key holds its share. */
  private admitWaiting(): void {
    for (let at = 0; at < this.waiting.length && this.active < this.options.limit;) {
      const waiter = this.waiting[at]!;
      if (!this.fits(waiter.key)) {
        at++;
        continue;
      }
      // settle takes the waiter out of the queue: the next one is now at `at`.
      waiter.settle(this.take(waiter.key, Date.now() - waiter.arrivedAt));
    }
  }
}
