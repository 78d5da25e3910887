/** How exports run; read from the environment by app/config.ts. */

export interface ExportOptions {
  /**
   * EXPORT_TIMEOUT_MS: the transaction timeout of one export's read, and of hashing the graph for
   * the dataset version. Default 900000 (15 min): a slow client holds the stream (backpressure),
   * and reading a million entities is not an API read (NEO4J_QUERY_TIMEOUT_MS is 10 s).
   */
  timeoutMs: number;
  /**
   * EXPORTS_IN_FLIGHT: exports streamed at once; more wait in the export queue. Default 2: each
   * holds a Neo4j connection and a read transaction for as long as its client takes, on a 2-core machine.
   */
  maxInFlight: number;
  /**
   * EXPORT_STALL_MS: a client that reads nothing for this long loses its export: its socket is
   * destroyed, its slot and its read transaction freed. Default 30000: two clients that stop
   * reading would otherwise hold both slots for the whole EXPORT_TIMEOUT_MS.
   */
  stallMs?: number;
  /**
   * EXPORT_QUEUE_SIZE: exports that may wait for a slot; one more is refused at once with 503
   * SERVICE_OVERLOADED and Retry-After. Default 16.
   */
  queueSize?: number;
  /**
   * EXPORT_QUEUE_WAIT_MS: how long an export may wait for a slot (or for the same client's
   * other export to end: one export a client at a time) before it is refused with 503
   * SERVICE_OVERLOADED and Retry-After. Default 10000: exports queue briefly; a client waiting
   * longer does better to retry.
   */
  queueWaitMs?: number;
}

export const defaultExportOptions: Required<ExportOptions> = {
  timeoutMs: 900_000,
  maxInFlight: 2,
  stallMs: 30_000,
  queueSize: 16,
  queueWaitMs: 10_000,
};

/** Exports one client (a token's subject, else an IP address) may stream at once. */
export const exportsPerClient = 1;

/** Seconds a client refused for too many exports in flight is asked to wait. */
export const exportRetryAfterSeconds = 5;
