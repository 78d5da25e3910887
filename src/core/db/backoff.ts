/**
 * How long the supervisor waits before restarting the embedded Neo4j: exponential, so a
 * crash loop does not spin the CPU (and fill the log), capped, so a Neo4j that comes back after
 * a long failure is not left waiting minutes. Pure arithmetic, apart so it is tested alone.
 */

export interface BackoffOptions {
  /** NEO4J_RESTART_DELAY_MS — the wait before the first restart after a death, default 1000. */
  initialDelayMs: number;
  /** NEO4J_RESTART_MAX_DELAY_MS — no wait is longer than this, default 30000. */
  maxDelayMs: number;
}

export const defaultBackoff: BackoffOptions = { initialDelayMs: 1000, maxDelayMs: 30000 };

/**
 * The wait before restart `attempt` (1 for the first after a healthy run, 2 when that one
 * failed too, ...): initialDelayMs doubled per earlier failure, at most maxDelayMs.
 * With the defaults: 1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s, ...
 */
export function restartDelayMs(attempt: number, options: BackoffOptions = defaultBackoff): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`a restart attempt is a whole number from 1, got ${attempt}`);
  // Doubling is capped before it is computed: 2 ** 1100 is Infinity, and a long crash loop must not overflow.
  const doublings = Math.min(attempt - 1, 52);
  return Math.min(options.initialDelayMs * 2 ** doublings, options.maxDelayMs);
}
