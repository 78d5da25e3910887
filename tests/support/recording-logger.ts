/** A logger as the service makes it (core/logger.ts, JSON lines), writing into memory for a test to read. */
import { createLogger, type Logger, type LogLevel } from '../../src/core/logger';

export interface LogRecord {
  level: string;
  msg: string;
  requestId?: string | null;
  [field: string]: unknown;
}

export type RecordingLogger = Logger & {
  /** The lines written, as text (one JSON object each). */
  lines: string[];
  /** The lines parsed, without their time. */
  records(): LogRecord[];
};

export function recordingLogger(level: LogLevel = 'debug'): RecordingLogger {
  const lines: string[] = [];
  const log = createLogger(level, { pretty: false, destination: { write: (line: string) => void lines.push(line.trimEnd()) } });
  const records = () =>
    lines.map((line) => {
      const record = JSON.parse(line) as LogRecord;
      delete record.time;
      return record;
    });
  return Object.assign(log, { lines, records });
}
