/**
 * Failed authentications throttled per client (its IP address): after `maxFailures` refused
 * tokens within `windowMs`, every request of that client carrying a token is refused with 429
 * AUTH_THROTTLED and Retry-After until the window ends, without checking the token. Guessing
 * keys or secrets then costs a window per few guesses instead of running at the speed of the
 * service (2,000 guesses took 17 s before). A fixed window per client, in a Map bounded at
 * `maxClients`: when full, expired windows go first, then the oldest; a flood of addresses
 * cannot grow it, only forget its oldest entries.
 */

export interface ThrottleOptions {
  /** AUTH_FAILURES_MAX: refused tokens a client may present in a window; 0 turns throttling off. Default 50. */
  maxFailures: number;
  /** AUTH_FAILURES_WINDOW_S, in ms: the window, counted from a client's first failure. Default 60 s. */
  windowMs: number;
  /** Clients remembered at most. Default 10,000. */
  maxClients: number;
}

export const defaultThrottle: ThrottleOptions = { maxFailures: 50, windowMs: 60000, maxClients: 10000 };

interface Window {
  failures: number;
  endsAt: number;
}

export class AuthThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: ThrottleOptions = defaultThrottle,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds `client` must wait before presenting a token again; null when it may now. */
  retryAfterSeconds(client: string): number | null {
    const window = this.windows.get(client);
    if (!window || this.options.maxFailures === 0 || window.failures < this.options.maxFailures) return null;
    const leftMs = window.endsAt - this.now();
    if (leftMs <= 0) return null;
    return Math.ceil(leftMs / 1000);
  }

  /** Counts one refused token of `client`. */
  failed(client: string): void {
    if (this.options.maxFailures === 0) return;
    const now = this.now();
    const window = this.windows.get(client);
    if (window && window.endsAt > now) {
      window.failures++;
      return;
    }
    this.windows.delete(client);
    if (this.windows.size >= this.options.maxClients) this.makeRoom(now);
    this.windows.set(client, { failures: 1, endsAt: now + this.options.windowMs });
  }

  /** Clients remembered now (for tests of the bound). */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    for (const [client, window] of this.windows) if (window.endsAt <= now) this.windows.delete(client);
    // Still full: the oldest window (a Map keeps insertion order) is forgotten.
    while (this.windows.size >= this.options.maxClients) this.windows.delete(this.windows.keys().next().value!);
  }
}
