/**
 * JWT verification with jose: HS256 against JWT_SECRET, or the issuer's public keys from
 * JWT_JWKS_URL (createRemoteJWKSet fetches and caches them, and refetches on an unknown `kid`).
 * The token's own header picks which: an HS256 token can never be checked against the JWKS, nor
 * an RS256 one against the secret. Every failure becomes a TokenRejected naming what was wrong
 * (expired, not yet valid, bad signature, wrong audience...) and nothing of the token itself.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { highestRole, isRole, type Viewer } from '../../../core/auth/roles';
import type { JwtOptions } from './options';

/** A presented credential that is not accepted; `reason` is safe to show to the client. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The issuer's key set could not be fetched or read (its server down, slow, or answering
 * something else): no fault of the token, so the client is told to retry, not that its token is bad.
 */
export class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable';
  constructor() {
    super('the signing keys (JWT_JWKS_URL) could not be fetched');
  }
}

/** Algorithms a JWKS key may sign with; `none` and the HMAC family are never taken from a key set. */
const publicKeyAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const when = (seconds: unknown): string => (typeof seconds === 'number' ? ` (${new Date(seconds * 1000).toISOString()})` : '');

/** What went wrong, in words a client can act on. */
function rejection(error: unknown, payload: JWTPayload | undefined): TokenRejected {
  if (error instanceof TokenRejected) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejected(`the JWT expired${when(payload?.exp)}`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'exp' && error.reason === 'missing')
      return new TokenRejected('the JWT has no "exp" claim: tokens must expire here (AUTH_REQUIRE_EXP)');
    if (claim === 'nbf') return new TokenRejected(`the JWT is not valid yet: its "nbf"${when(payload?.nbf)} is in the future`);
    if (claim === 'iat') return new TokenRejected('the JWT was issued in the future ("iat")');
    if (claim === 'aud') return new TokenRejected('the JWT is for another audience: its "aud" claim does not name this API (JWT_AUDIENCE)');
    if (claim === 'iss') return new TokenRejected('the JWT is from another issuer: its "iss" claim is not the one configured (JWT_ISSUER)');
    return new TokenRejected(`the JWT's "${claim}" claim is not acceptable`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRejected('the JWT signature does not verify: it was not signed with a key this API trusts');
  if (error instanceof errors.JWKSNoMatchingKey)
    return new TokenRejected('the JWT was signed with a key the configured key set (JWT_JWKS_URL) does not contain');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new TokenRejected('the JWT is signed with an algorithm this API does not accept');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new TokenRejected('the bearer token is not a well-formed JWT');
  return new TokenRejected('the JWT could not be verified');
}

/** A failure to get the key set: a timeout, a body that is no key set, or the network (not a JOSE error at all). */
function keySetFailed(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) return error.code === 'ERR_JOSE_GENERIC';
  return !(error instanceof TokenRejected);
}

export interface JwtVerifier {
  verify(token: string): Promise<Viewer>;
}

/** A verifier for the configured secret and/or key set; null when neither is configured (JWTs are then refused). */
export function createJwtVerifier(options: JwtOptions): JwtVerifier | null {
  if (options.secret === null && options.jwksUrl === null) return null;
  const secret = options.secret === null ? null : new TextEncoder().encode(options.secret);
  const keySet: JWTVerifyGetKey | null = options.jwksUrl === null ? null : createRemoteJWKSet(new URL(options.jwksUrl));
  const checks = {
    issuer: options.issuer ?? undefined,
    audience: options.audience ?? undefined,
    clockTolerance: options.clockToleranceSeconds,
    // A token without exp would be accepted for ever, however it leaked.
    requiredClaims: options.requireExp === false ? [] : ['exp'],
  };
  return {
    async verify(token) {
      let algorithm: string | undefined;
      try {
        algorithm = decodeProtectedHeader(token).alg;
      } catch {
        throw new TokenRejected('the bearer token is not a well-formed JWT');
      }
      let payload: JWTPayload;
      try {
        if (algorithm === 'HS256') {
          if (!secret) throw new TokenRejected('HS256 JWTs are not accepted here: no JWT_SECRET is configured');
          ({ payload } = await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] }));
        } else {
          if (!keySet)
            throw new TokenRejected(`${algorithm ?? 'unsigned'} JWTs are not accepted here: only HS256 with the configured secret`);
          ({ payload } = await jwtVerify(token, keySet, { ...checks, algorithms: publicKeyAlgorithms }));
        }
      } catch (error) {
        if (algorithm !== 'HS256' && keySetFailed(error)) throw new KeySetUnavailable();
        throw rejection(error, (error as { payload?: JWTPayload }).payload);
      }
      return viewerOf(payload, options.roleClaim);
    },
  };
}

/** The viewer a verified payload names: `sub` and the role claim (a string, or a list whose highest known role wins). */
export function viewerOf(payload: JWTPayload, roleClaim: string): Viewer {
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw new TokenRejected('the JWT has no "sub" claim: it must name its subject');
  const claimed = payload[roleClaim];
  const candidates = (Array.isArray(claimed) ? claimed : [claimed]).filter(isRole);
  const role = highestRole(candidates);
  if (role === null) throw new TokenRejected(`the JWT's "${roleClaim}" claim names no role this API knows (reader, editor or admin)`);
  return { subject: payload.sub, role, method: 'jwt', name: null };
}
