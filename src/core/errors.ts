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

/**
 * An update that assumed a version of an entity another write has since changed (optimistic
 * concurrency): a conflict that says which version the entity is at; nothing was written.
 */
export class VersionConflictError extends ConflictError {
  override name = 'VersionConflictError';
  constructor(
    argument: string,
    readonly id: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(
      argument,
      `${id} is at version ${current}, not ${expected} (argument "${argument}"): another write changed it; read it again and retry`,
    );
  }
}

/** A setting or credential that cannot work: the process says what to change and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
