/**
 * The table's answers as plain HTTP (an ordinary JSON error with its status and Retry-After) and
 * as a command's output (what to do, one line; the stack only with DEBUG_ERRORS=1). GraphQL's
 * rendering is app/plugins/errors, from the same table.
 */
import { describeError } from './error-table';
import { HttpRefusal } from './http-refusal';

/** The refusal a plain HTTP route answers `error` with; null for an internal error (the route's caller logs it). */
export function httpRefusalOf(error: unknown): HttpRefusal | null {
  if (error instanceof HttpRefusal) return error;
  const described = describeError(error);
  if (!described || described.internal) return null;
  const headers: Record<string, string> =
    described.retryAfterSeconds === undefined ? {} : { 'retry-after': String(described.retryAfterSeconds) };
  return new HttpRefusal(described.status, described.code, described.message, described.extensions, headers);
}

export interface CommandErrorOptions {
  /** What failed (a file), put before the message unless the message already starts with it. */
  subject?: string;
  /** Print the stack of an error the table does not know (DEBUG_ERRORS=1). */
  debug?: boolean;
}

/** DEBUG_ERRORS as a command reads it, before (or without) its configuration. */
export const debugErrorsFromEnv = (env: NodeJS.ProcessEnv = process.env): boolean =>
  ['1', 'true', 'yes', 'on'].includes((env.DEBUG_ERRORS ?? '').toLowerCase());

/**
 * What a command prints for `error`: the table's line for a known error (what to do, one line), the
 * message of any other; debugging, the stack follows the table's line, or replaces the message.
 */
export function commandErrorText(error: unknown, options: CommandErrorOptions = {}): string {
  const described = describeError(error);
  const stack = options.debug && error instanceof Error && error.stack ? error.stack : undefined;
  const text = described
    ? [described.cli, ...(stack ? [stack] : [])].join('\n')
    : (stack ??
      `${error instanceof Error ? error.message : String(error)}${options.debug ? '' : ' (DEBUG_ERRORS=1 prints the stack trace)'}`);
  const { subject } = options;
  return subject === undefined || text.startsWith(subject) ? text : `${subject}: ${text}`;
}
