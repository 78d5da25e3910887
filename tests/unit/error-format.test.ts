/** What a client sees for each kind of error (app/plugins/errors): codes, never internals. */
import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../src/app/plugins/errors';
import { DatabaseUnavailableError, QueryTimeoutError } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';

const format = createErrorFormatter({ debug: false, log: silentLogger });
const formatted = (error: Error) => format({ message: error.message, path: ['agencies'] }, new GraphQLError(error.message, { originalError: error, path: ['agencies'] }));

test('a query timeout: QUERY_TIMEOUT with the limit, no database message', () => {
  const result = formatted(new QueryTimeoutError(10000, { cause: new Error('Neo.ClientError.Transaction.TransactionTimedOut: internal detail') }));
  expect(result.extensions).toEqual({ code: 'QUERY_TIMEOUT', limit: 'queryTimeoutMs', maximum: 10000 });
  expect(result.message).toContain('10000 ms');
  expect(JSON.stringify(result)).not.toContain('internal detail');
});

test('Neo4j unreachable: DATABASE_UNAVAILABLE', () => {
  expect(formatted(new DatabaseUnavailableError('connect ECONNREFUSED 127.0.0.1:7687')).extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
});

test('anything else: INTERNAL_SERVER_ERROR, message and stack kept on the server', () => {
  const result = formatted(new Error('MATCH (n) secret Cypher'));
  expect(result).toEqual({ message: 'Internal server error', path: ['agencies'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
});
