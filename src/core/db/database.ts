/**
 * The one door to Neo4j. Repositories hand it parameterised Cypher; it runs reads through
 * `executeRead` and writes through `executeWrite` (so a cluster routes them to the right
 * member), applies the transaction timeout, converts Neo4j values to plain JS, counts every
 * query (tests use the count to catch N+1) and turns "database gone" into one typed error.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { ConfigError } from '../errors';

export interface Neo4jConnection {
  /** NEO4J_URI — when unset, the embedded Neo4j is started and this becomes bolt://127.0.0.1:<port>. */
  uri: string | undefined;
  /** NEO4J_USER — default "neo4j". */
  user: string;
  /** NEO4J_PASSWORD — default unset (the embedded Neo4j runs without auth on loopback). */
  password: string | undefined;
  /** NEO4J_DATABASE — default unset: the server's default database. */
  database: string | undefined;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A statement ran past the transaction timeout (NEO4J_QUERY_TIMEOUT_MS) and Neo4j ended it. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`the query ran longer than the ${timeoutMs} ms transaction timeout`, options);
  }
}

/** The codes Neo4j ends a transaction with when its timeout passes (5.x reports either). */
const timeoutCodes = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);

/** Codes the driver uses when it cannot reach a server; everything else is a real query error. */
const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && unavailableCodes.has(code);
}

export interface QueryEvent {
  cypher: string;
  params: Record<string, unknown>;
  mode: 'READ' | 'WRITE';
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Converts driver values (Integer, Node, temporal types) into plain JSON-like values. */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value as object) || neo4j.isDateTime(value as object)) return String(value);
  // In place: the driver built these arrays and maps for this result alone, and a large answer
  // (a compiled tree of thousands of entities) should not be copied once more.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
  return map;
}

function rowsOf(result: QueryResult<RecordShape>): Row[] {
  return result.records.map((record) => toPlain(record.toObject()) as Row);
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
    private readonly options: { database?: string; queryTimeoutMs: number },
    private readonly listeners = new Set<(event: QueryEvent) => void>(),
    private readonly doneListeners = new Set<(event: StatementDone) => void>(),
    private readonly availability: Availability = { probeAt: 0 },
  ) {}

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
    return new Database(this.driver, { ...this.options, queryTimeoutMs: timeoutMs }, this.listeners, this.doneListeners, this.availability);
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

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (this.knownDown) throw new DatabaseUnavailableError('Neo4j is unavailable (it could not be reached a moment ago)');
    const session = this.session(mode);
    const txConfig = { timeout: this.options.queryTimeoutMs };
    try {
      const result = mode === 'READ' ? await session.executeRead(work, txConfig) : await session.executeWrite(work, txConfig);
      this.availability.probeAt = 0;
      return result;
    } catch (error) {
      if (isUnavailable(error)) {
        this.availability.probeAt = Date.now() + unavailableProbeMs;
        throw new DatabaseUnavailableError('Neo4j is unavailable', { cause: error });
      }
      if (timeoutCodes.has((error as { code?: string }).code ?? '')) throw new QueryTimeoutError(this.options.queryTimeoutMs, { cause: error });
      throw error;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** One read query in its own read transaction. */
  async read(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.withSession('READ', (tx) => this.run(tx, 'READ', cypher, params));
  }

  /** One write query in its own write transaction. */
  async write(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.withSession('WRITE', (tx) => this.run(tx, 'WRITE', cypher, params));
  }

  /**
   * Several write statements committed together or not at all. `work` may run again if the
   * cluster reports a transient failure, so it must not have side effects outside the transaction.
   */
  async writeTransaction<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', (tx) =>
      work({
        run: (cypher, params = {}) => this.run(tx, 'WRITE', cypher, params),
      }),
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

/**
 * Connects and proves the connection works. Wrong credentials become a ConfigError (the
 * caller exits 1 with its message); an unreachable server a DatabaseUnavailableError.
 */
export async function connect(connection: Neo4jConnection & { uri: string }, queryTimeoutMs: number): Promise<Database> {
  const auth = connection.password !== undefined ? neo4j.auth.basic(connection.user, connection.password) : undefined;
  const driver = neo4j.driver(connection.uri, auth, {
    // Fail fast when the database is gone: requests should get an error in seconds, not hang.
    connectionAcquisitionTimeout: 5000,
    connectionTimeout: 3000,
    maxTransactionRetryTime: 3000,
    // Counts and sizes arrive as JS numbers (no value we store comes near 2^53).
    disableLosslessIntegers: true,
  });
  try {
    await driver.verifyConnectivity({ database: connection.database });
  } catch (error) {
    await driver.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Neo.ClientError.Security')) {
      throw new ConfigError(`Neo4j at ${connection.uri} refused the credentials for user "${connection.user}": check NEO4J_USER and NEO4J_PASSWORD`);
    }
    if (isUnavailable(error)) {
      throw new DatabaseUnavailableError(`cannot reach Neo4j at ${connection.uri}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
  return new Database(driver, { database: connection.database, queryTimeoutMs });
}
