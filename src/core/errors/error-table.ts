/**
 * The one table from an error class to what is shown of it: its code (error-codes.ts), the HTTP
 * status and Retry-After of an answer refused by it, the client's message and extensions, and
 * the line a command prints. The GraphQL errors plugin, the export routes and the CLIs all
 * render from it. Adding an error is one class and one entry here.
 */
import {
  DatabaseOverloadedError,
  DatabaseUnavailableError,
  QueryTimeoutError,
  RequestCancelledError,
  TooManyStatementsError,
  TransactionMemoryError,
  WriteConflictError,
} from './database-errors';
import { errorCodes, overloadedRetryAfterSeconds, type ErrorCode } from './error-codes';
import { ConfigError, SeedLoadError } from './operator-errors';
import {
  BundleValidationError,
  ConflictError,
  InvalidArgumentError,
  MergedAwayError,
  NotFoundError,
  VersionConflictError,
} from './request-errors';

// Constructors of any arity: the table only needs `instanceof`.
type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export interface ErrorEntry<E extends Error = Error> {
  type: ErrorClass<E>;
  /** Narrows the class when one class becomes two answers (transaction memory: shared or not). */
  applies?: (error: E) => boolean;
  /** Which of the class's errors `applies` takes, in words (for the docs). */
  variant?: string;
  code: ErrorCode;
  /** The error is the service's own fault: clients see INTERNAL_SERVER_ERROR, a command prints the message. */
  internal?: boolean;
  message: (error: E) => string;
  extensions?: (error: E) => Record<string, unknown>;
  /** What a command prints instead of the client's message, when an operator can do more (a setting to change). */
  cli?: (error: E) => string;
}

/** What is shown of one error, whoever renders it. */
export interface ErrorDescription {
  code: ErrorCode;
  status: number;
  retryAfterSeconds: number | undefined;
  internal: boolean;
  message: string;
  extensions: Record<string, unknown>;
  cli: string;
}

const entry = <E extends Error>(spec: ErrorEntry<E>): ErrorEntry => spec as unknown as ErrorEntry;

const narrowIt = 'narrow it (a smaller page, fewer levels, a filter)';

function timeoutMessage(error: QueryTimeoutError): string {
  if (error.limit === 'queryTimeoutMs') return `The request ran longer than the ${error.timeoutMs} ms a query may take; ${narrowIt}.`;
  if (error.limit === 'exportTimeoutMs')
    return `Computing the dataset version ran longer than the export's ${error.timeoutMs} ms (EXPORT_TIMEOUT_MS); retry later.`;
  return `The request ran longer than its ${error.timeoutMs} ms deadline (${error.limit}) and its queries were stopped; ${narrowIt}.`;
}

/** What the import prints for a file too large for the transaction memory: the settings that change it. */
const tooLargeForOneTransaction = (error: TransactionMemoryError) =>
  `too large for one transaction: ${error.message}. Lower IMPORT_TRANSACTION_ROWS (or IMPORT_BATCH_SIZE), or raise NEO4J_TX_MEMORY_MB (the embedded Neo4j) with NEO4J_HEAP_MB.`;

/** First match wins: a subclass (VersionConflictError) comes before its class (ConflictError). */
export const errorTable: readonly ErrorEntry[] = [
  entry({
    type: DatabaseUnavailableError,
    code: 'DATABASE_UNAVAILABLE',
    message: () => 'The database is unavailable; try again shortly.',
  }),
  entry({
    type: DatabaseOverloadedError,
    code: 'SERVICE_OVERLOADED',
    message: (error) =>
      `The service is busy: no database connection came free within ${error.acquisitionTimeoutMs} ms; retry in ${overloadedRetryAfterSeconds} s.`,
    extensions: (error) => ({ limit: 'maxPoolSize', maximum: error.maxPoolSize }),
  }),
  entry({
    type: QueryTimeoutError,
    code: 'QUERY_TIMEOUT',
    message: timeoutMessage,
    extensions: (error) => ({ limit: error.limit, maximum: error.timeoutMs }),
  }),
  entry({
    type: TransactionMemoryError,
    applies: (error) => error.shared,
    variant: 'shared: the memory of all transactions ran out while others were open',
    code: 'SERVICE_OVERLOADED',
    message: () =>
      `The service is busy: the database's memory for transactions is taken by the work running now (this request's other statements included); retry in ${overloadedRetryAfterSeconds} s.`,
    extensions: () => ({ limit: 'transactionMemory' }),
    cli: tooLargeForOneTransaction,
  }),
  entry({
    type: TransactionMemoryError,
    variant: 'any other',
    code: 'TRANSACTION_MEMORY_EXCEEDED',
    message: () => `The request needed more database memory than a transaction may use; ${narrowIt}, or send a smaller bundle.`,
    cli: tooLargeForOneTransaction,
  }),
  entry({
    type: TooManyStatementsError,
    code: 'TOO_MANY_STATEMENTS',
    message: (error) =>
      `The request needs more than the ${error.maximum} database statements a request may run (maxStatements); ask for fewer fields or levels at once.`,
    extensions: (error) => ({ limit: 'maxStatements', maximum: error.maximum }),
  }),
  entry({
    type: RequestCancelledError,
    code: 'CLIENT_CLOSED_REQUEST',
    message: () => 'The client closed the connection; the request was cancelled.',
  }),
  entry({
    type: InvalidArgumentError,
    code: 'BAD_USER_INPUT',
    message: (error) => error.message,
    extensions: (error) => ({ argument: error.argument, expected: error.expected }),
  }),
  entry({
    type: BundleValidationError,
    code: 'BAD_USER_INPUT',
    message: (error) =>
      `The bundle has ${error.problems.length} problem(s), each listed in extensions.problems with its JSON path; nothing was written.`,
    extensions: (error) => ({ argument: 'bundle', problems: error.problems }),
    // The file and every problem with its path, one a line.
    cli: (error) => error.message,
  }),
  entry({
    type: VersionConflictError,
    code: 'CONFLICT',
    message: (error) => error.message,
    extensions: (error) => ({ argument: error.argument, id: error.id, expectedVersion: error.expected, currentVersion: error.current }),
  }),
  entry({
    type: MergedAwayError,
    code: 'NOT_FOUND',
    message: (error) => error.message,
    extensions: (error) => ({ argument: error.argument, id: error.id, mergedInto: error.mergedInto }),
  }),
  entry({
    type: WriteConflictError,
    code: 'CONFLICT',
    message: () =>
      'This write met other writes on the same entities at the same moment and was stopped so they could finish; nothing was written. Send it again (read the entities first if what you write depends on them).',
  }),
  entry({
    type: NotFoundError,
    code: 'NOT_FOUND',
    message: (error) => error.message,
    extensions: (error) => ({ argument: error.argument, id: error.id }),
  }),
  entry({
    type: ConflictError,
    code: 'CONFLICT',
    message: (error) => error.message,
    extensions: (error) => ({ argument: error.argument }),
  }),
  entry({ type: ConfigError, code: 'INTERNAL_SERVER_ERROR', internal: true, message: (error) => error.message }),
  entry({ type: SeedLoadError, code: 'INTERNAL_SERVER_ERROR', internal: true, message: (error) => error.message }),
];

/** The table's entry for `error`: the first that matches; undefined for an error the table does not know. */
export function errorEntryOf(error: unknown): ErrorEntry | undefined {
  if (!(error instanceof Error)) return undefined;
  return errorTable.find((row) => error instanceof row.type && (row.applies?.(error) ?? true));
}

/** The table's answer for `error`; null for an error it does not know (an internal one). */
export function describeError(error: unknown): ErrorDescription | null {
  const found = errorEntryOf(error);
  if (!found || !(error instanceof Error)) return null;
  const spec = errorCodes[found.code];
  const message = found.message(error);
  return {
    code: found.code,
    status: spec.status,
    retryAfterSeconds: 'retryAfterSeconds' in spec ? spec.retryAfterSeconds : undefined,
    internal: found.internal ?? false,
    message,
    extensions: found.extensions?.(error) ?? {},
    cli: found.cli?.(error) ?? message,
  };
}
