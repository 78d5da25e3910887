/** How exports run; read from the environment by app/config.ts. */

export interface ExportOptions {
  /**
   * EXPORT_TIMEOUT_MS: the transaction timeout of one export's read, and of hashing the graph for
   * the dataset version. Default 900000 (15 min): a slow client holds the stream (backpressure),
   * and reading a million entities is not an API read (NEO4J_QUERY_TIMEOUT_MS is 10 s).
   */
  timeoutMs: number;
  /**
   * EXPORTS_IN_FLIGHT: exports streamed at once; one more is refused with 503 SERVICE_OVERLOADED
   * and Retry-After. Default 2: each holds a Neo4j connection and a read transaction for as long
   * as its client takes, on a 2-core machine.
   */
  maxInFlight: number;
}

export const defaultExportOptions: ExportOptions = { timeoutMs: 900_000, maxInFlight: 2 };

/** Seconds a client refused for too many exports in flight is asked to wait. */
export const exportRetryAfterSeconds = 5;
