/** The throttle of failed authentications (app/plugins/auth/throttle.ts): per client, per window, in a bounded map. */
import { AuthThrottle } from '../../src/app/plugins/auth/throttle';

test('a client is throttled after maxFailures in its window, until the window ends; others are not', () => {
  let now = 1_000_000;
  const throttle = new AuthThrottle({ maxFailures: 3, windowMs: 60000, maxClients: 100 }, () => now);
  throttle.failed('10.0.0.1');
  throttle.failed('10.0.0.1');
  expect(throttle.retryAfterSeconds('10.0.0.1')).toBeNull();
  throttle.failed('10.0.0.1');
  expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(60);
  expect(throttle.retryAfterSeconds('10.0.0.2')).toBeNull();
  now += 59001;
  expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(1);
  now += 1000;
  expect(throttle.retryAfterSeconds('10.0.0.1')).toBeNull();
  // A new window starts with the next failure.
  throttle.failed('10.0.0.1');
  expect(throttle.retryAfterSeconds('10.0.0.1')).toBeNull();
});

test('the map of clients stays bounded: expired windows go first, then the oldest', () => {
  let now = 0;
  const throttle = new AuthThrottle({ maxFailures: 1, windowMs: 1000, maxClients: 3 }, () => now);
  throttle.failed('a');
  now = 500;
  throttle.failed('b');
  throttle.failed('c');
  now = 1200;
  throttle.failed('d');
  // a's window ended: it went, b, c and d stay.
  expect(throttle.size).toBe(3);
  expect(throttle.retryAfterSeconds('b')).toBe(1);
  for (let i = 0; i < 1000; i++) throttle.failed(`flood-${i}`);
  expect(throttle.size).toBe(3);
  expect(throttle.retryAfterSeconds('b')).toBeNull();
  expect(throttle.retryAfterSeconds('flood-999')).toBe(1);
});

test('maxFailures 0 turns it off', () => {
  const throttle = new AuthThrottle({ maxFailures: 0, windowMs: 1000, maxClients: 3 });
  for (let i = 0; i < 10; i++) throttle.failed('a');
  expect(throttle.retryAfterSeconds('a')).toBeNull();
  expect(throttle.size).toBe(0);
});
