/** The logger (core/logger.ts): JSON lines with a level name, an ISO time and the message; LOG_LEVEL decides what is written. */
import { createLogger } from '../../src/core/logger';
import { recordingLogger } from '../support/recording-logger';

test('a line is one JSON object: level name, ISO time, message and fields; a child adds its bindings', () => {
  const lines: string[] = [];
  const log = createLogger('info', { pretty: false, destination: { write: (line: string) => void lines.push(line) } });
  log.child({ requestId: 'r-1' }).info({ ms: 3 }, 'graphql');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toEqual({
    level: 'info',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    requestId: 'r-1',
    ms: 3,
    msg: 'graphql',
  });
  expect(lines[0]!.endsWith('\n')).toBe(true);
});

test('LOG_LEVEL: info drops debug lines, silent keeps only errors, debug keeps all', () => {
  const written = (level: 'silent' | 'info' | 'debug') => {
    const log = recordingLogger(level);
    log.debug('d');
    log.info('i');
    log.error('e');
    return log.records().map((record) => record.msg);
  };
  expect([written('debug'), written('info'), written('silent')]).toEqual([['d', 'i', 'e'], ['i', 'e'], ['e']]);
});
