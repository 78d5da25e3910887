/** The pure parts of back-pressure and the response cap (app/plugins/overload, app/plugins/response-size). */
import { Admission, overloadedRefusal } from '../../src/app/plugins/overload';
import { oversize, responseTooLarge } from '../../src/app/plugins/response-size';

test('admission: `limit` requests at once, the next refused until one leaves; leaving twice frees one place', () => {
  const admission = new Admission(2);
  const first = admission.enter();
  const second = admission.enter();
  expect(first && second).toBeTruthy();
  expect(admission.enter()).toBeNull();
  expect(admission.inFlight).toBe(2);
  first!();
  first!();
  expect(admission.inFlight).toBe(1);
  expect(admission.enter()).not.toBeNull();
  expect(admission.enter()).toBeNull();
});

test('the overload refusal names the limit and its maximum', () => {
  expect(overloadedRefusal(32)).toEqual({
    message: expect.stringContaining('32 requests'),
    extensions: { code: 'SERVICE_OVERLOADED', limit: 'maxRequestsInFlight', maximum: 32 },
  });
});

test('oversize counts UTF-8 bytes, not characters', () => {
  expect(oversize('x'.repeat(100), 100)).toBeNull();
  expect(oversize('x'.repeat(101), 100)).toBe(101);
  // ə is 2 bytes in UTF-8, € 3: these 40 characters are 100 bytes, the next 41 are 102.
  expect(oversize('ə'.repeat(20) + '€'.repeat(20), 100)).toBeNull();
  expect(oversize('ə'.repeat(21) + '€'.repeat(20), 100)).toBe(21 * 2 + 20 * 3);
  expect(oversize('€'.repeat(33), 100)).toBeNull();
  expect(oversize('€'.repeat(34), 100)).toBe(102);
});

test('the response refusal names the size found and the maximum', () => {
  expect(responseTooLarge(6_000_000, 5_242_880)).toEqual({
    message: expect.stringContaining('6000000 bytes, more than the 5242880 allowed (maxResponseBytes)'),
    extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found: 6_000_000, maximum: 5_242_880 },
  });
});
