/**
 * A counting semaphore with a first-come, first-served queue: at most `limit` holders at once,
 * the others wait their turn. A request's statements take a slot each (see request-runner.ts),
 * so thirty root fields never open thirty transactions at once.
 */
export class Semaphore {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a semaphore needs a limit of 1 or more, got ${limit}`);
  }

  /** How many hold a slot now. */
  get active(): number {
    return this.holders;
  }

  /** How many wait for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with the function that gives the slot back (call it exactly once) when a slot is
   * free. Aborting `signal` while waiting leaves the queue and rejects with the signal's reason,
   * so a cancelled request holds no place in line.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.holders < this.limit) {
      this.holders++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(signal!.reason);
      };
      // The slot passes straight from the releasing holder to this waiter: `holders` stays counted.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Gives the slot to the next waiter, or frees it; a second call does nothing. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    };
  }
}
