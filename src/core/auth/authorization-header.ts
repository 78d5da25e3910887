/**
 * Reads the Authorization header: nothing, one bearer token, or a reason it cannot be one. The
 * reason names what is wrong with the header's shape and never quotes it, so no part of a
 * credential reaches a response or a log line.
 */

/** Longer than any token this service issues or accepts (an API key is 60 bytes, a JWT a few KB). */
export const maxAuthorizationBytes = 8192;

export type AuthorizationHeader = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'malformed'; reason: string };

/** RFC 6750's b64token: what a bearer token may be made of. */
const bearerToken = /^[A-Za-z0-9\-._~+/]+=*$/;

export function parseAuthorization(header: string | null | undefined): AuthorizationHeader {
  if (header === undefined || header === null || header.trim() === '') return { kind: 'none' };
  const bytes = Buffer.byteLength(header, 'utf8');
  if (bytes > maxAuthorizationBytes) {
    return { kind: 'malformed', reason: `the Authorization header is ${bytes} bytes, more than the ${maxAuthorizationBytes} allowed` };
  }
  const parts = header.trim().split(/\s+/);
  const [scheme, ...rest] = parts;
  if (scheme!.toLowerCase() !== 'bearer') {
    return rest.length === 0
      ? { kind: 'malformed', reason: 'the Authorization header has no scheme: send "Authorization: Bearer <token>"' }
      : {
          kind: 'malformed',
          reason: 'the Authorization header must use the Bearer scheme ("Authorization: Bearer <token>"); no other scheme is accepted',
        };
  }
  if (rest.length === 0) return { kind: 'malformed', reason: 'the Authorization header says Bearer but carries no token' };
  // "Bearer a b", or two headers a proxy joined into "Bearer a, Bearer b".
  if (rest.length > 1 || header.includes(','))
    return { kind: 'malformed', reason: 'the Authorization header carries more than one token: send exactly one' };
  const token = rest[0]!;
  if (!bearerToken.test(token))
    return { kind: 'malformed', reason: 'the bearer token contains characters no token has (letters, digits and -._~+/ only)' };
  return { kind: 'bearer', token };
}
