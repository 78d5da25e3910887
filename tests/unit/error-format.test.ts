/** What a client sees for each kind of error (app/plugins/errors): codes, never internals. */
import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../src/app/plugins/errors';
import { DatabaseOverloadedError, DatabaseUnavailableError, QueryTimeoutError, WriteConflictError } from '../../src/core/db/database';
import { RequestCancelledError, TooManyStatementsError } from '../../src/core/db/request-runner';
import { MergedAwayError } from '../../src/core/errors';

const format = createErrorFormatter({ debug: false });
const formatted = (error: Error) =>
  format({ message: error.message, path: ['agencies'] }, new GraphQLError(error.message, { originalError: error, path: ['agencies'] }));

test('a query timeout: QUERY_TIMEOUT with the limit, no database message', () => {
  const result = formatted(
    new QueryTimeoutError(10000, { cause: new Error('Neo.ClientError.Transaction.TransactionTimedOut: internal detail') }),
  );
  expect(result.extensions).toEqual({ code: 'QUERY_TIMEOUT', limit: 'queryTimeoutMs', maximum: 10000 });
  expect(result.message).toContain('10000 ms');
  expect(JSON.stringify(result)).not.toContain('internal detail');
});

test("the request's deadline: QUERY_TIMEOUT naming requestDeadlineMs", () => {
  const result = formatted(new QueryTimeoutError(15000, undefined, 'requestDeadlineMs'));
  expect(result.extensions).toEqual({ code: 'QUERY_TIMEOUT', limit: 'requestDeadlineMs', maximum: 15000 });
  expect(result.message).toContain('15000 ms deadline');
});

test('a full connection pool: SERVICE_OVERLOADED naming the pool, no driver message', () => {
  const result = formatted(
    new DatabaseOverloadedError(64, 2000, {
      cause: new Error('Connection acquisition timed out in 2000 ms. Pool status: Active conn count = 64'),
    }),
  );
  expect(result.extensions).toEqual({ code: 'SERVICE_OVERLOADED', limit: 'maxPoolSize', maximum: 64 });
  expect(result.message).toContain('2000 ms');
  expect(result.message).not.toContain('Pool status');
});

test('too many statements and a cancelled request get their own codes, not INTERNAL_SERVER_ERROR', () => {
  expect(formatted(new TooManyStatementsError(100)).extensions).toEqual({
    code: 'TOO_MANY_STATEMENTS',
    limit: 'maxStatements',
    maximum: 100,
  });
  expect(formatted(new RequestCancelledError()).extensions).toEqual({ code: 'CLIENT_CLOSED_REQUEST' });
});

test('Neo4j unreachable: DATABASE_UNAVAILABLE', () => {
  expect(formatted(new DatabaseUnavailableError('connect ECONNREFUSED 127.0.0.1:7687')).extensions).toEqual({
    code: 'DATABASE_UNAVAILABLE',
  });
});

test('anything else: INTERNAL_SERVER_ERROR, message and stack kept on the server', () => {
  const result = formatted(new Error('MATCH (n) secret Cypher'));
  expect(result).toEqual({ message: 'Internal server error', path: ['agencies'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
});

test('an entity a merge took away: NOT_FOUND with the id and the kept entity it was merged into', () => {
  const result = formatted(new MergedAwayError('id', 'agency:dropped', 'agency:kept'));
  expect(result.extensions).toEqual({ code: 'NOT_FOUND', argument: 'id', id: 'agency:dropped', mergedInto: 'agency:kept' });
  expect(result.message).toBe(
    'Entity "agency:dropped" was merged into "agency:kept" (argument "id"); nothing was written: send the write for "agency:kept" instead',
  );
});

test('a write ended by a deadlock with another: CONFLICT, no argument, no Neo4j lock message', () => {
  const cause = new Error("ForsetiClient[transactionId=566] can't acquire ExclusiveLock on NODE(825)");
  const result = formatted(new WriteConflictError('a deadlock with a concurrent write ended this one after its retries', { cause }));
  expect(result.extensions).toEqual({ code: 'CONFLICT' });
  expect(result.message).toContain('nothing was written. Send it again');
  expect(JSON.stringify(result)).not.toContain('ForsetiClient');
});
