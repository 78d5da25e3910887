/**
 * API keys: `cg_<keyId>_<secret>`. The id is public (it names the key in `token list`, in
 * `revoke` and as the viewer's subject) and lets the server find the key with one indexed read;
 * the secret is 32 random bytes, shown once at creation and stored only as its SHA-256. A slow
 * password hash would add nothing: 256 random bits cannot be guessed from their hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface IssuedKey {
  id: string;
  /** The whole token, to print once and never store. */
  token: string;
  /** What is stored: `sha256:<hex>` of the secret. */
  hash: string;
}

const keyFormat = /^cg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

export function issueKey(): IssuedKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `cg_${id}_${secret}`, hash: hashSecret(secret) };
}

/** True for a string shaped like an API key (whatever its secret), so it is never read as a JWT. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('cg_');
}

/** The key's id and secret, or null when the token is not a well-formed API key. */
export function parseApiKey(token: string): { id: string; secret: string } | null {
  const match = keyFormat.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Compares the secret's hash with the stored one in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
