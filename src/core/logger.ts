/**
 * A tiny leveled logger writing to stderr, so stdout stays free for what a command prints as
 * its result (the import summary, benchmark tables).
 */
export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  error(message: string): void;
}

export function createLogger(level: 'silent' | 'info' | 'debug'): Logger {
  const write = (message: string) => process.stderr.write(`${message}\n`);
  return {
    info: (message) => level !== 'silent' && write(message),
    debug: (message) => level === 'debug' && write(message),
    error: (message) => write(message),
  };
}

export const silentLogger: Logger = { info: () => {}, debug: () => {}, error: () => {} };
