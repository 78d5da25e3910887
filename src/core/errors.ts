/**
 * Domain errors thrown below the resolvers. They know nothing of GraphQL; the errors plugin
 * (src/plugins/errors) turns each into a client error with a stable extensions.code.
 */

/** An argument outside what the API accepts: becomes BAD_USER_INPUT naming the argument. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
  constructor(
    readonly argument: string,
    readonly expected: string,
    readonly received?: unknown,
  ) {
    super(`Argument "${argument}" must be ${expected}${received === undefined ? '' : `; got ${JSON.stringify(received)}`}`);
  }
}

/** An id that names nothing, where something is required: becomes NOT_FOUND with the id. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly argument: string,
    readonly id: string,
    /** What the id should have named: "entity", "relation", "change"... */
    what = 'entity',
  ) {
    super(`No ${what} with id "${id}" (argument "${argument}")`);
  }
}

/**
 * A write that the graph's current state does not allow (an unmerge after later changes to the
 * kept entity, retracting an entity's only citation): becomes CONFLICT naming the argument;
 * nothing is written.
 */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** A setting or credential that cannot work: the process says what to change and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
