/** How requests are authenticated; read from the environment by app/config.ts. */
import type { Role } from '../../../core/auth/roles';
import type { ThrottleOptions } from './throttle';

export interface JwtOptions {
  /** JWT_SECRET: the HS256 key JWTs are verified with (at least 32 bytes). Default unset: no HS256 tokens. */
  secret: string | null;
  /** JWT_JWKS_URL: where the issuer publishes its public keys (RS256, ES256, EdDSA...); fetched and cached by jose. Default unset: no JWKS. */
  jwksUrl: string | null;
  /** JWT_ISSUER: the `iss` every JWT must carry. Default unset: not checked. */
  issuer: string | null;
  /** JWT_AUDIENCE: an `aud` every JWT must name. Default unset: not checked. */
  audience: string | null;
  /**
   * JWT_ROLE_CLAIM: the claim holding the role: a string ("editor") or a list of strings (the
   * highest known role wins). Default "role".
   */
  roleClaim: string;
  /** JWT_CLOCK_TOLERANCE_S: seconds of clock skew allowed on exp and nbf. Default 5. */
  clockToleranceSeconds: number;
  /** AUTH_REQUIRE_EXP: a JWT without an `exp` claim is refused. Default (unset): true. */
  requireExp?: boolean;
}

export interface AuthOptions {
  /**
   * AUTH_READS: "open" (default) lets anyone query without a token; "token" makes every query
   * need a valid token of role reader or higher. Mutations always need a token.
   */
  reads: 'open' | 'token';
  jwt: JwtOptions;
  /**
   * AUTH_AUDIT_ROLE: the role reading the audit trail (who wrote what: Query.changes and
   * /export/changes.jsonl) needs, on top of what AUTH_READS asks. Default: none; admin in production mode.
   */
  auditRole?: Role | null;
  /** AUTH_METRICS_ROLE: the role GET /metrics needs. Default: none; admin in production mode. */
  metricsRole?: Role | null;
  /** AUTH_FAILURES_MAX, AUTH_FAILURES_WINDOW_S: failed authentications allowed per client (throttle.ts). Default defaultThrottle. */
  throttle?: ThrottleOptions;
}

export const defaultAuth: AuthOptions = {
  reads: 'open',
  jwt: { secret: null, jwksUrl: null, issuer: null, audience: null, roleClaim: 'role', clockToleranceSeconds: 5 },
};
