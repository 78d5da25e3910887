/**
 * Who may do what. Each role includes the rights of those before it, so one comparison decides
 * every gate: reader < editor < admin. Core holds them because the key store (a feature), the
 * auth plugin (app) and the request context all speak of them.
 */
export const roles = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** True when `held` grants at least what `required` asks. */
export function roleAtLeast(held: Role, required: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(required);
}

/** The highest of `candidates` (null for none): a token claiming several roles holds the strongest. */
export function highestRole(candidates: readonly Role[]): Role | null {
  return candidates.reduce<Role | null>((best, role) => (best === null || roleAtLeast(role, best) ? role : best), null);
}

/** Who is asking, once a token has been verified. */
export interface Viewer {
  /** The API key's id (`apikey:<id>`) or the JWT's `sub`. */
  subject: string;
  role: Role;
  method: 'apiKey' | 'jwt';
  /** The API key's name, for keys; null for JWTs. */
  name: string | null;
}
