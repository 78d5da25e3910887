/**
 * Errors only the person running the service or a command meets: a setting that cannot work, a
 * seed file that cannot be loaded. The process says what to change and exits 1; a client that
 * somehow meets one sees an internal error.
 */

/** A setting or credential that cannot work: the process says what to change and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A seed step that failed; the message says which file and what to do about it. */
export class SeedLoadError extends Error {
  override name = 'SeedLoadError';
}
