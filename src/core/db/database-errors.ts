/**
 * The typed errors the Database turns Neo4j's and the driver's failures into, and how it tells
 * them apart (by code, or by message where the driver has no code).
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * A statement ran past a time limit and was ended: the transaction timeout
 * (NEO4J_QUERY_TIMEOUT_MS, `limit` "queryTimeoutMs") or its request's deadline
 * (REQUEST_DEADLINE_MS, "requestDeadlineMs", see request-runner.ts).
 */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions,
    readonly limit: 'queryTimeoutMs' | 'requestDeadlineMs' | 'mutationDeadlineMs' = 'queryTimeoutMs',
  ) {
    super(
      limit === 'queryTimeoutMs'
        ? `the query ran longer than the ${timeoutMs} ms transaction timeout`
        : `the request ran longer than its ${timeoutMs} ms deadline`,
      options,
    );
  }
}

/**
 * No connection to Neo4j came free within NEO4J_ACQUISITION_TIMEOUT_MS: every one of the pool's
 * NEO4J_MAX_POOL_SIZE connections was busy. Neo4j is up (the breaker stays closed); the client
 * is told to retry shortly (SERVICE_OVERLOADED).
 */
export class DatabaseOverloadedError extends Error {
  override name = 'DatabaseOverloadedError';
  constructor(
    readonly maxPoolSize: number,
    readonly acquisitionTimeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`no Neo4j connection came free within ${acquisitionTimeoutMs} ms (pool of ${maxPoolSize})`, options);
  }
}

/**
 * A transaction needed more memory than Neo4j gives transactions: all of them together
 * (dbms.memory.transaction.total.max; the embedded Neo4j's NEO4J_TX_MEMORY_MB) or one
 * (db.memory.transaction.max). Raised from the statement that hit it, as a plain error, so the
 * driver does not retry a transaction that would need the same memory again.
 *
 * `shared`: the total ran out while other transactions of this service were open. Then the
 * statement may well fit on its own, and the answer is "busy, retry" (SERVICE_OVERLOADED), not
 * "narrow it"; eight dashboards asking for 1M entities' stats at once each fit, together not.
 */
export class TransactionMemoryError extends Error {
  override name = 'TransactionMemoryError';
  constructor(
    readonly shared = false,
    options?: ErrorOptions,
  ) {
    super(
      shared
        ? "Neo4j's memory for all transactions (dbms.memory.transaction.total.max) ran out while other transactions were open"
        : "the transaction needed more memory than Neo4j's transaction memory allows (dbms.memory.transaction.total.max, db.memory.transaction.max)",
      options,
    );
  }
}

/** The code of Neo4j's refusal when all transactions together reached dbms.memory.transaction.total.max. */
export const memoryPoolCode = 'Neo.TransientError.General.MemoryPoolOutOfMemoryError';

export const memoryCodes = new Set([memoryPoolCode, 'Neo.ClientError.General.TransactionOutOfMemoryError']);

/** The driver's pool gave up waiting for a connection (it has no code of its own for this; its message says so). */
export function isAcquisitionTimeout(error: unknown): boolean {
  return String((error as { message?: unknown } | undefined)?.message ?? '').startsWith('Connection acquisition timed out');
}

/** The codes Neo4j ends a transaction with when its timeout passes (5.x reports either). */
export const timeoutCodes = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** Codes the driver uses when it cannot reach a server; everything else is a real query error. */
const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && unavailableCodes.has(code);
}
