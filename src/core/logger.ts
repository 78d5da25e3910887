/**
 * The logs, through pino: one logger made at start-up from LOG_LEVEL (createLogger), a child of
 * it per HTTP request that binds the request's id (app/http/request-id.ts), so every line logged
 * while serving a request carries `requestId`. Lines go to stderr, so stdout stays free for what
 * a command prints as its result (the import summary, benchmark tables, a new API key).
 *
 * A line is one JSON object: `level` (a name: debug, info, error), `time` (ISO 8601), `msg`, and
 * the fields of the call (`requestId`, `ms`, ...). On a terminal the same lines are written
 * human-readable by pino-pretty instead; `LOG_FORMAT` is not needed: pipe stderr to a file or a
 * collector and it is JSON again.
 */
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/** LOG_LEVEL: silent still logs errors (as the service always did), info adds progress, debug every request. */
export type LogLevel = 'silent' | 'info' | 'debug';

export interface LoggerOptions {
  /** Human-readable lines (pino-pretty) instead of JSON. Default: when stderr is a terminal. */
  pretty: boolean;
  /** Where lines go. Default stderr (fd 2), written synchronously so no line is lost on exit. */
  destination: pino.DestinationStream;
}

/** pino's level for a LOG_LEVEL: errors are never silenced by configuration. */
const pinoLevels: Record<LogLevel, pino.LevelWithSilent> = { silent: 'error', info: 'info', debug: 'debug' };

export function createLogger(level: LogLevel, options: Partial<LoggerOptions> = {}): Logger {
  const readable = options.pretty ?? process.stderr.isTTY === true;
  const destination = options.destination ?? (readable ? prettyStderr() : pino.destination({ fd: 2, sync: true }));
  return pino(
    {
      level: pinoLevels[level],
      // No pid or hostname on every line: one process a service, and its host is the collector's to add.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** stderr for a person: time, level and message on one line, the fields below it. */
function prettyStderr(): pino.DestinationStream {
  return pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l' });
}

/** Logs nothing, errors included: for tests and benchmarks that judge a server by its answers. */
export const silentLogger: Logger = pino({ level: 'silent' });
