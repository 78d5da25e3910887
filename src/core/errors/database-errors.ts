/**
 * What can go wrong between the service and Neo4j, as typed errors: the database out of reach,
 * a statement past its time, no free connection, no transaction memory, a request over its
 * statement budget or left by its client. core/db raises them; error-table.ts says what a client
 * and an operator see of each.
 */

/** Neo4j cannot be reached (down, restarting, the breaker open). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * A statement ran past a time limit and was ended: the transaction timeout
 * (NEO4J_QUERY_TIMEOUT_MS, `limit` "queryTimeoutMs") or its request's deadline
 * (REQUEST_DEADLINE_MS, "requestDeadlineMs", see request-runner.ts), or an export's
 * (EXPORT_TIMEOUT_MS, "exportTimeoutMs") while its dataset version was computed.
 */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions,
    readonly limit: 'queryTimeoutMs' | 'requestDeadlineMs' | 'mutationDeadlineMs' | 'exportTimeoutMs' = 'queryTimeoutMs',
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

/** The client closed the connection before its answer: the request's statements were cancelled. */
export class RequestCancelledError extends Error {
  override name = 'RequestCancelledError';
  constructor() {
    super('the client closed the connection; the request was cancelled');
  }
}

/** A request asked for more statements than it may run (LIMIT_STATEMENTS_PER_REQUEST). */
export class TooManyStatementsError extends Error {
  override name = 'TooManyStatementsError';
  constructor(readonly maximum: number) {
    super(`the request needs more than the ${maximum} statements a request may run`);
  }
}

/**
 * Neo4j ended this write to break a deadlock with another one (each waiting for a lock the other
 * held), and the driver's retries (maxTransactionRetryTime) had run out: on a busy machine the
 * lock waits alone outlast them. Nothing was written; the write may be sent again (CONFLICT).
 */
export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
}
