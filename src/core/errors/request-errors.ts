/**
 * Domain errors thrown below the resolvers: a request that asks for something the API does not
 * accept or the graph does not allow. They know nothing of GraphQL or HTTP; error-table.ts says
 * which code, status and message each becomes.
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

/** A client's value as an error may echo it: at most `max` characters, so a 200 KB value is not sent back whole. */
export function excerpt(value: string, max = 100): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
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
 * An entity id a merge took away (its redirect names the kept entity), where a write needs the
 * entity itself: NOT_FOUND with the id and `mergedInto`, so a client whose write raced the merge
 * can send it again to the kept entity. Nothing was written.
 */
export class MergedAwayError extends NotFoundError {
  override name = 'MergedAwayError';
  constructor(
    argument: string,
    id: string,
    readonly mergedInto: string,
  ) {
    super(argument, id);
    this.message = `Entity "${id}" was merged into "${mergedInto}" (argument "${argument}"); nothing was written: send the write for "${mergedInto}" instead`;
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

export interface BundleProblem {
  /** JSON path into the bundle, e.g. /relations/3/quotes/0. */
  path: string;
  message: string;
}

/** A bundle that must not be written; lists every problem found. */
export class BundleValidationError extends Error {
  override name = 'BundleValidationError';
  constructor(
    readonly file: string,
    readonly problems: BundleProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s):\n${problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n')}`);
  }
}
