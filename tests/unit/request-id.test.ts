/** Request ids (app/plugins/request-id): which incoming ids are kept, errors tagged, log lines as JSON. */
import { requestIdFor, requestLog, tagErrorBody, withRequestId } from '../../src/app/plugins/request-id';
import { recordingLogger } from '../support/recording-logger';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('a sane incoming id is kept: UUIDs, trace ids, base64', () => {
  for (const id of [
    '3f9a1c2e-0000-4000-8000-000000000000',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    'abc+/=',
    'req.42:7@edge',
    'x'.repeat(128),
  ]) {
    expect(requestIdFor(id)).toBe(id);
  }
});

test('a missing or insane id is replaced by a fresh UUID: log injection, quotes, spaces, huge values', () => {
  for (const id of [undefined, '', 'a b', 'a"b', 'line\nbreak', '{"level":"error"}', 'x'.repeat(129), 'ünïcode']) {
    expect(requestIdFor(id)).toMatch(uuid);
  }
  expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  expect(requestIdFor(['first', 'second'])).toBe('first');
});

test('errors get extensions.requestId; one already there is kept', () => {
  expect(
    withRequestId(
      [{ message: 'a', extensions: { code: 'X' } }, { message: 'b' }, { message: 'c', extensions: { requestId: 'other' } }],
      'r-1',
    ),
  ).toEqual([
    { message: 'a', extensions: { code: 'X', requestId: 'r-1' } },
    { message: 'b', extensions: { requestId: 'r-1' } },
    { message: 'c', extensions: { requestId: 'other' } },
  ]);
});

test('an error body is tagged; anything else is returned as it is', () => {
  expect(JSON.parse(tagErrorBody('{"errors":[{"message":"m","extensions":{"code":"BAD_REQUEST"}}]}', 'r-2'))).toEqual({
    errors: [{ message: 'm', extensions: { code: 'BAD_REQUEST', requestId: 'r-2' } }],
  });
  for (const body of ['not json', '{"data":{}}', '{"errors":[{"message":"m","extensions":{"requestId":"r-2"}}]}'])
    expect(tagErrorBody(body, 'r-2')).toBe(body);
});

test('log lines are one JSON object each, with the level, the message, the request id and the fields', () => {
  const log = recordingLogger();
  requestLog(log, 'r-3').info('deadline passed', { deadlineMs: 15000 });
  requestLog(log, undefined).error('internal error', { error: 'a "quoted"\nstack' });
  expect(log.records()).toEqual([
    { level: 'info', msg: 'deadline passed', requestId: 'r-3', deadlineMs: 15000 },
    { level: 'error', msg: 'internal error', requestId: null, error: 'a "quoted"\nstack' },
  ]);
  expect(log.lines.every((line) => !line.includes('\n'))).toBe(true);
});
