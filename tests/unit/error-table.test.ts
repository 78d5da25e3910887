/**
 * The error table (core/errors): every error class has an entry, and GraphQL (app/plugins/errors),
 * the exports (httpRefusalOf) and the commands (commandErrorText) render the same code, status,
 * Retry-After and message from it. docs/reference/error-codes.md is checked against it.
 */
import fs from 'node:fs';
import { GraphQLError } from 'graphql';
import { authCodes, keySetRetryAfterSeconds } from '../../src/app/plugins/auth';
import { createErrorFormatter, unavailableStatusPlugin } from '../../src/app/plugins/errors';
import { limitCodes } from '../../src/app/plugins/limits';
import * as errors from '../../src/core/errors';
import {
  BundleValidationError,
  commandErrorText,
  ConfigError,
  ConflictError,
  DatabaseOverloadedError,
  DatabaseUnavailableError,
  describeError,
  errorCodes,
  errorEntryOf,
  errorTable,
  HttpRefusal,
  httpRefusalOf,
  InvalidArgumentError,
  MergedAwayError,
  NotFoundError,
  QueryTimeoutError,
  RequestCancelledError,
  SeedLoadError,
  TooManyStatementsError,
  TransactionMemoryError,
  VersionConflictError,
  WriteConflictError,
} from '../../src/core/errors';
import { errorCodesPage, generatedPart, generatedPartOnPage } from '../support/error-codes-doc';

/** One error of every entry, and what each must keep answering: code, plain HTTP status, Retry-After. */
const samples: [Error, string, number, string | null][] = [
  [new DatabaseUnavailableError('connect ECONNREFUSED 127.0.0.1:7687'), 'DATABASE_UNAVAILABLE', 503, '5'],
  [new DatabaseOverloadedError(64, 2000), 'SERVICE_OVERLOADED', 503, '1'],
  [new QueryTimeoutError(10000), 'QUERY_TIMEOUT', 503, null],
  [new QueryTimeoutError(15000, undefined, 'requestDeadlineMs'), 'QUERY_TIMEOUT', 503, null],
  [new QueryTimeoutError(900000, undefined, 'exportTimeoutMs'), 'QUERY_TIMEOUT', 503, null],
  [new TransactionMemoryError(true), 'SERVICE_OVERLOADED', 503, '1'],
  [new TransactionMemoryError(false), 'TRANSACTION_MEMORY_EXCEEDED', 503, null],
  [new TooManyStatementsError(100), 'TOO_MANY_STATEMENTS', 400, null],
  [new RequestCancelledError(), 'CLIENT_CLOSED_REQUEST', 499, null],
  [new InvalidArgumentError('first', 'at most 100', 1000), 'BAD_USER_INPUT', 400, null],
  [new BundleValidationError('a.json', [{ path: '/entities/0/id', message: 'bad id' }]), 'BAD_USER_INPUT', 400, null],
  [new VersionConflictError('expectedVersion', 'agency:x', 2, 3), 'CONFLICT', 409, null],
  [new MergedAwayError('id', 'agency:dropped', 'agency:kept'), 'NOT_FOUND', 404, null],
  [new NotFoundError('id', 'agency:none'), 'NOT_FOUND', 404, null],
  [new WriteConflictError('a deadlock with a concurrent write ended this one after its retries'), 'CONFLICT', 409, null],
  [new ConflictError('keep', 'agency:x changed after the merge'), 'CONFLICT', 409, null],
];
/** Errors of the service's own making: internal for clients, their message for a command. */
const internalSamples = [
  new ConfigError('PORT must be a whole number from 1 to 65535, got "x"'),
  new SeedLoadError('seeds/a.json: unreadable'),
];

const formatGraphQL = createErrorFormatter({ debug: false });
const graphqlAnswer = (error: Error) =>
  formatGraphQL(
    { message: error.message, path: ['agencies'] },
    new GraphQLError(error.message, { originalError: error, path: ['agencies'] }),
  );

/** The HTTP status and Retry-After the GraphQL answer carrying `code` gets; undefined status: Apollo's own (200). */
async function graphqlStatus(code: string): Promise<{ status: number | undefined; retryAfter: string | undefined }> {
  const hooks = await unavailableStatusPlugin.requestDidStart!({} as never);
  const response = {
    body: { kind: 'single', singleResult: { errors: [{ message: 'x', extensions: { code } }] } },
    http: { status: undefined as number | undefined, headers: new Map<string, string>() },
  };
  await hooks!.willSendResponse!({ response } as never);
  return { status: response.http.status, retryAfter: response.http.headers.get('retry-after') };
}

test('every error class of core/errors has a table entry, and every entry an example here', () => {
  const classes = (Object.values(errors) as unknown[]).filter(
    (value): value is new (...args: never[]) => Error =>
      typeof value === 'function' && value.prototype instanceof Error && value !== HttpRefusal,
  );
  expect(classes.length).toBeGreaterThanOrEqual(13);
  const classesInTable = new Set(errorTable.map((entry) => entry.type));
  expect(classes.filter((type) => !classesInTable.has(type)).map((type) => type.name)).toEqual([]);
  const examples = [...samples.map(([error]) => error), ...internalSamples];
  expect(errorTable.filter((entry) => !examples.some((error) => errorEntryOf(error) === entry)).map((entry) => entry.code)).toEqual([]);
});

test.each(samples)(
  '%p: GraphQL, the exports and a command render the same code, status and message',
  async (error, code, status, retry) => {
    const described = describeError(error)!;
    expect([described.code, described.status, described.retryAfterSeconds ?? null]).toEqual([code, status, retry && Number(retry)]);
    expect(graphqlAnswer(error)).toEqual({
      message: described.message,
      path: ['agencies'],
      extensions: { code, ...described.extensions },
    });
    const refusal = httpRefusalOf(error)!;
    expect([refusal.status, refusal.code, refusal.message, refusal.extensions]).toEqual([
      status,
      code,
      described.message,
      described.extensions,
    ]);
    expect(refusal.headers['retry-after'] ?? null).toBe(retry);
    expect(commandErrorText(error, { subject: 'a.json' })).toContain(described.cli);
    // GraphQL answers 503 with Retry-After exactly for the codes that ask a retry; others keep Apollo's status.
    expect(await graphqlStatus(code)).toEqual(
      retry === null ? { status: undefined, retryAfter: undefined } : { status: 503, retryAfter: retry },
    );
  },
);

test("a command prints the client's message unless an operator can do more; never a stack trace", () => {
  const lines = samples.map(([error]) => [error.name, commandErrorText(error, { subject: 'a.json' })]);
  expect(Object.fromEntries(lines)).toMatchObject({
    DatabaseUnavailableError: 'a.json: The database is unavailable; try again shortly.',
    ConflictError: 'a.json: agency:x changed after the merge',
    BundleValidationError: 'a.json: 1 problem(s):\n  /entities/0/id: bad id',
  });
  expect(commandErrorText(new TransactionMemoryError(false), { subject: 'big.json' })).toMatch(
    /^big\.json: too large for one transaction: .*Lower IMPORT_TRANSACTION_ROWS \(or IMPORT_BATCH_SIZE\), or raise NEO4J_TX_MEMORY_MB/,
  );
  for (const [, line] of lines) expect(line).not.toMatch(/\n\s+at /);
});

test('errors of the service itself: INTERNAL_SERVER_ERROR for clients, no HTTP refusal, their message for a command', () => {
  for (const error of internalSamples) {
    expect(graphqlAnswer(error)).toEqual({
      message: 'Internal server error',
      path: ['agencies'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(httpRefusalOf(error)).toBeNull();
    expect(commandErrorText(error)).toBe(error.message);
  }
});

test('an error the table does not know: its message and how to see the stack; the stack only with DEBUG_ERRORS', () => {
  const error = new Error('socket hang up');
  expect(commandErrorText(error)).toBe('socket hang up (DEBUG_ERRORS=1 prints the stack trace)');
  expect(commandErrorText(error, { debug: true })).toBe(error.stack);
  expect(describeError(error)).toBeNull();
  expect(httpRefusalOf(error)).toBeNull();
});

test('an HttpRefusal is answered as it says', () => {
  const refusal = new HttpRefusal(405, 'METHOD_NOT_ALLOWED', 'Exports are read with GET, not POST.', {}, { allow: 'GET' });
  expect(httpRefusalOf(refusal)).toBe(refusal);
});

test('every code the plugins answer with is listed, with the Retry-After they send', () => {
  const listed = new Set(Object.keys(errorCodes));
  expect([...limitCodes, ...authCodes].filter((code) => !listed.has(code))).toEqual([]);
  expect(errorCodes.AUTH_UNAVAILABLE.retryAfterSeconds).toBe(keySetRetryAfterSeconds);
});

test('docs/reference/error-codes.md shows the table as it is (npx jiti tests/support/error-codes-doc.ts refreshes it)', () => {
  const page = fs.readFileSync(errorCodesPage, 'utf8');
  expect(generatedPartOnPage(page)).toBe(generatedPart());
  for (const code of Object.keys(errorCodes)) expect(page).toContain(`| \`${code}\` |`);
});
