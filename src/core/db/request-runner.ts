/**
 * The database door of one request: what its resolvers and loaders get as `context.db`. Every
 * statement goes through the shared Database, bounded per request:
 *
 * - at most `maxConcurrent` statements at once (a semaphore): the others wait their turn, so a
 *   request with thirty root fields does not open thirty transactions at once;
 * - at most `maxStatements` in all: one more fails as TooManyStatementsError;
 * - nothing after `signal` is aborted (the deadline passed or the client left): running
 *   statements are cancelled in Neo4j (Database closes their sessions), waiting ones leave the
 *   queue, new ones never start; each rejects with the signal's reason;
 * - no transaction outlives the deadline: its timeout is what remains of it, so Neo4j ends it
 *   even if the cancellation never reached the server;
 * - every transaction carries the request's id as metadata (SHOW TRANSACTIONS shows it).
 */
import {
  QueryTimeoutError,
  type Database,
  type Params,
  type QueryRunner,
  type Row,
  type StatementOptions,
  type WriteTransaction,
} from './database';
import { Semaphore } from './semaphore';
import { RequestCancelledError, TooManyStatementsError } from '../errors';

// Raised here, mapped to client answers by core/errors' table.
export { RequestCancelledError, TooManyStatementsError };

export interface RequestBounds {
  /** Aborted when the request must stop; its reason is what every statement then rejects with. */
  signal: AbortSignal;
  /** When the request's deadline passes (ms since the epoch), and how long it was (ms), to name it. */
  deadlineAt: number;
  deadlineMs: number;
  /** The limit the deadline is, to name it: requestDeadlineMs unless a mutation's budget (mutationDeadlineMs) was given. */
  deadlineLimit?: 'requestDeadlineMs' | 'mutationDeadlineMs';
  /** Statements of this request running at once. */
  maxConcurrent: number;
  /** Statements this request may run in all. */
  maxStatements: number;
  /** Tagged on each transaction (metadata `requestId`). */
  requestId: string;
}

/** What the runner needs of Database: its statements with per-statement options. */
export type StatementDatabase = Pick<Database, 'read' | 'writeTransaction'>;

export class RequestRunner implements QueryRunner {
  private readonly slots: Semaphore;
  private started = 0;

  constructor(
    private readonly db: StatementDatabase,
    private readonly bounds: RequestBounds,
  ) {
    this.slots = new Semaphore(bounds.maxConcurrent);
  }

  read(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.statement((options) => this.db.read(cypher, params, options));
  }

  writeTransaction<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.statement((options) => this.db.writeTransaction(work, options));
  }

  /** Statements started so far (counted when asked for, waiting ones included). */
  get statements(): number {
    return this.started;
  }

  private async statement<T>(run: (options: StatementOptions) => Promise<T>): Promise<T> {
    const { signal } = this.bounds;
    signal.throwIfAborted();
    if (++this.started > this.bounds.maxStatements) throw new TooManyStatementsError(this.bounds.maxStatements);
    const release = await this.slots.acquire(signal);
    try {
      const remaining = this.bounds.deadlineAt - Date.now();
      if (remaining <= 0) throw this.deadlinePassed();
      return await run({ signal, timeoutMs: remaining, metadata: { requestId: this.bounds.requestId } });
    } catch (error) {
      // Neo4j may end a transaction on its deadline-bound timeout a moment before the abort
      // fires here: that is the deadline too, and is named so.
      if (error instanceof QueryTimeoutError && Date.now() >= this.bounds.deadlineAt) throw this.deadlinePassed();
      throw error;
    } finally {
      release();
    }
  }

  private deadlinePassed(): QueryTimeoutError {
    return new QueryTimeoutError(this.bounds.deadlineMs, undefined, this.bounds.deadlineLimit ?? 'requestDeadlineMs');
  }
}
