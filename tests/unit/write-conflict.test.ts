/**
 * A deadlock Neo4j broke by ending one write, surfacing once the driver's retries ran out, is a
 * WriteConflictError (CONFLICT), not an internal error; any other Neo4j error passes unchanged.
 * A stand-in driver: the session fails the transaction the way the real one does.
 */
import type { Driver } from 'neo4j-driver';
import { Database, WriteConflictError } from '../../src/core/db/database';

const failingWith = (error: Error): Database => {
  const session = { executeWrite: () => Promise.reject(error), close: () => Promise.resolve(), lastBookmarks: () => [] };
  return new Database({ session: () => session } as unknown as Driver, { queryTimeoutMs: 1000 });
};

const neo4jError = (code: string, message: string) => Object.assign(new Error(message), { code });

test('DeadlockDetected after the retries: WriteConflictError, the Neo4j error kept as its cause', async () => {
  const deadlock = neo4jError(
    'Neo.TransientError.Transaction.DeadlockDetected',
    "ForsetiClient[transactionId=566] can't acquire ExclusiveLock",
  );
  const failure = await failingWith(deadlock)
    .writeTransaction(() => Promise.resolve())
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(WriteConflictError);
  expect((failure as Error).cause).toBe(deadlock);
});

test('another Neo4j error is not taken for a conflict', async () => {
  const syntax = neo4jError('Neo.ClientError.Statement.SyntaxError', 'Invalid input');
  await expect(failingWith(syntax).writeTransaction(() => Promise.resolve())).rejects.toBe(syntax);
});
