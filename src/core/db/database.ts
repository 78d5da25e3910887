/**
 * The one door to Neo4j. Repositories hand it parameterised Cypher; it runs reads through
 * `executeRead` and writes through `executeWrite` (so a cluster routes them to the right
 * member), applies the transaction timeout, converts Neo4j values to plain JS, counts every
 * query (tests use the count to catch N+1) and turns "database gone" into one typed error.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import {
  DatabaseOverloadedError,
  DatabaseUnavailableError,
  QueryTimeoutError,
  TransactionMemoryError,
  WriteConflictError,
} from '../errors';
import { deadlockCode, isAcquisitionTimeout, isUnavailable, memoryCodes, memoryPoolCode, timeoutCodes } from './driver-failures';
import { bumpDatasetCounter } from './dataset-counter';
import { toPlain } from './plain-values';

// Raised here, mapped to client answers by core/errors' table; importers of core/db keep finding them here.
export { DatabaseOverloadedError, DatabaseUnavailableError, QueryTimeoutError, TransactionMemoryError, WriteConflictError };

export interface QueryEvent {
  cypher: string;
  params: Record<string, unknown>;
  mode: 'READ' | 'WRITE';
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

function rowsOf(result: QueryResult<RecordShape>): Row[] {
  return result.records.map((record) => toPlain(record.toObject()) as Row);
}

/**
 * How one statement runs on behalf of a request (core/db/request-runner.ts). Every field is
 * optional: imports, migrations and the warm-up pass none and run as before.
 */
export interface StatementOptions {
  /**
   * Aborting it ends the statement at once: its session is closed, which sends Bolt RESET, and
   * Neo4j terminates the running transaction ("Explicitly terminated by the user"); the statement
   * rejects with the signal's reason. A statement whose signal is already aborted never starts.
   */
  signal?: AbortSignal;
  /** A shorter transaction timeout than NEO4J_QUERY_TIMEOUT_MS (what remains of a deadline), in ms; default none. */
  timeoutMs?: number;
  /** Attached to the transaction: SHOW TRANSACTIONS lists it as metaData (a request's id). Default none. */
  metadata?: Record<string, string>;
}

/**
 * `work`, or the signal's reason as soon as the signal is aborted: then `stop` is called to end
 * the work, whose own outcome no longer matters (the driver may report it much later, or never:
 * a closed session cancels its retry timers without settling).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, stop: () => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      stop();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A read transaction whose statements stream (exports): records are handed over one at a time
 * as the caller consumes them, and the driver pulls more from Neo4j only as the caller keeps up
 * (its record watermarks), so a million rows never sit in memory at once.
 */
export interface StreamingReadTransaction {
  /** The rows of one statement as they arrive; stop iterating to stop reading. */
  stream(cypher: string, params?: Params): AsyncIterable<Row>;
  /** A small statement read whole (a count, a maximum). */
  read(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * A streamed read was failing after its first attempt: streamed reads are never retried, since
 * what the first attempt streamed has already gone to a client. Carries the first failure.
 */
class NoSecondAttempt extends Error {
  constructor(readonly failure: unknown) {
    super('a streamed read is not retried');
  }
}

/** A write transaction handed to ingest code: many statements, one commit. */
export interface WriteTransaction {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * What repositories need from the database: reads, and write transactions. The Database below
 * is the real one; tests/cypher records the Cypher a request emits through a stand-in.
 */
export interface QueryRunner {
  read(cypher: string, params?: Params): Promise<Row[]>;
  writeTransaction<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T>;
}

/** One statement's run, reported when it ends (metrics): how long Neo4j took to answer it, and whether it did. */
export interface StatementDone {
  mode: 'READ' | 'WRITE';
  seconds: number;
  ok: boolean;
}

/**
 * What the Database knows of Neo4j's reachability, shared by its withTimeout copies: after a
 * failure to reach it, requests fail at once (no 5 s wait for a connection each) until
 * `probeAt`, when one request tries again; a success closes the breaker.
 */
interface Availability {
  probeAt: number;
  /** Open regardless of probes, while setKnownDown(true) holds it (a request's outcome does not change it). */
  held?: boolean;
}

/** How long requests fail fast after Neo4j could not be reached, before one tries again. */
export const unavailableProbeMs = 1000;

export class Database implements QueryRunner {
  constructor(
    readonly driver: Driver,
    private readonly options: { database?: string; queryTimeoutMs: number; maxPoolSize?: number; acquisitionTimeoutMs?: number },
    private readonly listeners = new Set<(event: QueryEvent) => void>(),
    private readonly doneListeners = new Set<(event: StatementDone) => void>(),
    private readonly availability: Availability = { probeAt: 0 },
    /** Transactions open now, through this Database and its withTimeout copies. */
    private readonly transactions = { open: 0 },
  ) {}

  /** The error for a statement Neo4j refused for want of transaction memory (see TransactionMemoryError.shared). */
  private memoryError(error: unknown): TransactionMemoryError {
    const pool = (error as { code?: string }).code === memoryPoolCode;
    return new TransactionMemoryError(pool && this.transactions.open > 1, { cause: error });
  }

  /** True while requests fail fast because Neo4j could not be reached (the breaker is open). */
  get knownDown(): boolean {
    return this.availability.held === true || Date.now() < this.availability.probeAt;
  }

  /**
   * Holds the breaker open (`true`) while Neo4j is known to be down, e.g. the embedded JVM died
   * and is being restarted (core/db/supervisor.ts): every request fails at once, with no probe
   * paying the driver's retries (seconds), until `false` lets the next request through.
   */
  setKnownDown(down: boolean): void {
    this.availability.held = down;
    if (!down) this.availability.probeAt = 0;
  }

  /** Calls `listener` when each statement ends; returns the function that stops it. */
  onStatementDone(listener: (event: StatementDone) => void): () => void {
    this.doneListeners.add(listener);
    return () => this.doneListeners.delete(listener);
  }

  /** Runs one statement in `tx`, timing it for the done listeners. */
  private async run(tx: ManagedTransaction, mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<Row[]> {
    this.emit({ cypher, params, mode });
    const started = process.hrtime.bigint();
    let ok = false;
    try {
      const rows = rowsOf(await tx.run(cypher, params));
      ok = true;
      return rows;
    } catch (error) {
      if (memoryCodes.has((error as { code?: string }).code ?? '')) throw this.memoryError(error);
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const listener of this.doneListeners) listener({ mode, seconds, ok });
    }
  }

  /**
   * The same database with another transaction timeout, e.g. imports' longer one. Shares the
   * driver and the query listeners; closing either closes both.
   */
  withTimeout(timeoutMs: number): Database {
    return new Database(
      this.driver,
      { ...this.options, queryTimeoutMs: timeoutMs },
      this.listeners,
      this.doneListeners,
      this.availability,
      this.transactions,
    );
  }

  /** The Neo4j database this view reads and writes (undefined: the server's default). */
  get databaseName(): string | undefined {
    return this.options.database;
  }

  /**
   * The same database outside the breaker: its own availability, so a held breaker does not
   * refuse it. For the one probe that finds out whether a restarted Neo4j reads again (recovery.ts).
   */
  detachedFromBreaker(): Database {
    return new Database(this.driver, this.options, this.listeners, this.doneListeners, { probeAt: 0 }, this.transactions);
  }

  /** The transaction timeout this view applies, in ms. */
  get timeoutMs(): number {
    return this.options.queryTimeoutMs;
  }

  /** Calls `listener` for every query run from now on; returns the function that unsubscribes. */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    statement: StatementOptions = {},
  ): Promise<T> {
    const { signal } = statement;
    signal?.throwIfAborted();
    if (this.knownDown) throw new DatabaseUnavailableError('Neo4j is unavailable (it could not be reached a moment ago)');
    const session = this.session(mode);
    const timeout = Math.max(1, Math.ceil(Math.min(this.options.queryTimeoutMs, statement.timeoutMs ?? Infinity)));
    const txConfig = { timeout, metadata: statement.metadata };
    this.transactions.open++;
    try {
      const execution = mode === 'READ' ? session.executeRead(work, txConfig) : session.executeWrite(work, txConfig);
      const result = await untilAborted(execution, signal, () => void session.close().catch(() => undefined));
      this.availability.probeAt = 0;
      return result;
    } catch (caught) {
      const error = caught instanceof NoSecondAttempt ? caught.failure : caught;
      // Whatever the driver reports after a cancellation (a terminated transaction, a closed
      // session) is the cancellation, never a sign that Neo4j is down.
      if (signal?.aborted) throw signal.reason;
      if (isAcquisitionTimeout(error))
        throw new DatabaseOverloadedError(this.options.maxPoolSize ?? 0, this.options.acquisitionTimeoutMs ?? 0, { cause: error });
      if (isUnavailable(error)) {
        this.availability.probeAt = Date.now() + unavailableProbeMs;
        throw new DatabaseUnavailableError('Neo4j is unavailable', { cause: error });
      }
      if (timeoutCodes.has((error as { code?: string }).code ?? '')) throw new QueryTimeoutError(timeout, { cause: error });
      if ((error as { code?: string }).code === deadlockCode)
        throw new WriteConflictError('a deadlock with a concurrent write ended this one after its retries', { cause: error });
      throw error;
    } finally {
      this.transactions.open--;
      // After an abort the close is already under way (a second call returns at once).
      await session.close().catch(() => undefined);
    }
  }

  /** One read query in its own read transaction. */
  async read(cypher: string, params: Params = {}, statement: StatementOptions = {}): Promise<Row[]> {
    return this.withSession('READ', (tx) => this.run(tx, 'READ', cypher, params), statement);
  }

  /**
   * A read transaction of streamed statements (exports), in one attempt: the driver's retry of a
   * transient failure would stream the first rows a second time, so the first failure is the
   * answer. Aborting `statement.signal` (the client left) closes the session, which ends the
   * transaction in Neo4j at once. Every statement is counted and timed like the others.
   */
  async streamRead<T>(work: (tx: StreamingReadTransaction) => Promise<T>, statement: StatementOptions = {}): Promise<T> {
    let attempts = 0;
    let failure: unknown;
    return this.withSession(
      'READ',
      async (tx) => {
        if (++attempts > 1) throw new NoSecondAttempt(failure);
        try {
          return await work({
            stream: (cypher, params = {}) => this.stream(tx, cypher, params),
            read: (cypher, params = {}) => this.run(tx, 'READ', cypher, params),
          });
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      statement,
    );
  }

  /** One statement's records, converted as they arrive; timed from its start to its last row (or its failure). */
  private async *stream(tx: ManagedTransaction, cypher: string, params: Params): AsyncGenerator<Row> {
    this.emit({ cypher, params, mode: 'READ' });
    const started = process.hrtime.bigint();
    let ok = false;
    try {
      for await (const record of tx.run(cypher, params)) yield toPlain(record.toObject()) as Row;
      ok = true;
    } catch (error) {
      if (memoryCodes.has((error as { code?: string }).code ?? '')) throw this.memoryError(error);
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const listener of this.doneListeners) listener({ mode: 'READ', seconds, ok });
    }
  }

  /** One write query in its own write transaction, which raises the dataset counter too. */
  async write(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(cypher, params));
  }

  /**
   * One statement in its own write transaction that does not raise the dataset counter: for
   * migrations' schema statements, since Neo4j refuses data and schema changes in one
   * transaction. A migration's record (written with `write`) raises it once the migration is done.
   */
  async schemaWrite(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.withSession('WRITE', (tx) => this.run(tx, 'WRITE', cypher, params));
  }

  /**
   * Several write statements committed together or not at all, and the dataset counter raised
   * by one as the last of them (core/db/dataset-counter.ts): whatever a write transaction changes,
   * the version moves in the same commit. The bump is not reported to onQuery's listeners, which
   * count what repositories ask for. `work` may run again if the cluster reports a transient
   * failure, so it must not have side effects outside the transaction.
   */
  async writeTransaction<T>(work: (tx: WriteTransaction) => Promise<T>, statement: StatementOptions = {}): Promise<T> {
    return this.withSession(
      'WRITE',
      async (tx) => {
        const result = await work({
          run: (cypher, params = {}) => this.run(tx, 'WRITE', cypher, params),
        });
        await tx.run(bumpDatasetCounter);
        return result;
      },
      statement,
    );
  }

  /** Resolves when a server answers; rejects with DatabaseUnavailableError otherwise. */
  async ping(timeoutMs = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseUnavailableError(`Neo4j did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.driver.getServerInfo({ database: this.options.database }), timeout]);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) throw error;
      throw new DatabaseUnavailableError('Neo4j is unavailable', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
