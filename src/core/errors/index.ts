/**
 * Errors and what is shown of them: the classes (the service's, the database's, the operator's),
 * the codes a client can meet (error-codes.ts), the one table from class to code, status,
 * Retry-After and message (error-table.ts), and its rendering for plain HTTP and commands.
 */
export * from './database-errors';
export * from './error-codes';
export * from './error-rendering';
export * from './error-table';
export * from './http-refusal';
export * from './operator-errors';
export * from './request-errors';
