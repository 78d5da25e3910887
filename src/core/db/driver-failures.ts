/**
 * How the Database tells Neo4j's and the driver's failures apart (by code, or by message where the
 * driver has no code). The typed errors they become live in core/errors, beside their table entry.
 */
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

/** The code Neo4j ends one of two deadlocked writes with (the driver retries it until maxTransactionRetryTime). */
export const deadlockCode = 'Neo.TransientError.Transaction.DeadlockDetected';

/** Codes the driver uses when it cannot reach a server; everything else is a real query error. */
const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && unavailableCodes.has(code);
}
