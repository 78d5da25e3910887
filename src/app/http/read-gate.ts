/**
 * The auth decision for plain HTTP reads (the exports, /metrics), taken exactly as the auth
 * plugin takes it for a query: a presented token is always checked, and reading needs the role
 * the schema's Query fields need (AUTH_READS=token: reader; a field's @requiresRole: that role;
 * the audit trail: AUTH_AUDIT_ROLE) or, for /metrics, AUTH_METRICS_ROLE. A refusal is the same
 * error GraphQL answers (UNAUTHENTICATED 401 with WWW-Authenticate, FORBIDDEN 403,
 * AUTH_UNAVAILABLE 503, AUTH_THROTTLED 429), as an HttpRefusal the route writes out. A verified
 * token's subject is returned: the exports hold one a client, and a token names its client
 * better than an IP.
 */
import type http from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Role } from '../../core/auth/roles';
import type { Database } from '../../core/db/database';
import { HttpRefusal } from '../../core/http/refusal';
import type { ReadGate } from '../../features/export/export.routes';
import { Authenticator, requiredReadRole, requireRole, viewerOf, type AuthOptions } from '../plugins/auth';

export function readGate(schema: GraphQLSchema, auth: AuthOptions, db: Database, authenticator = new Authenticator(auth)): ReadGate {
  return (request: http.IncomingMessage, fields: readonly string[]) =>
    asRefusal(async () => {
      const viewer = await viewerOf(request.headers.authorization, authenticator, db, request.socket.remoteAddress);
      requireRole(viewer, requiredReadRole(schema, fields, auth.reads, auth.auditRole ?? null), 'Reading');
      return viewer?.subject ?? null;
    });
}

/** The check for a route that needs `role`; null: open, as it always was (no token looked at). */
export function roleGate(role: Role | null, what: string, db: Database, authenticator: Authenticator) {
  return async (request: http.IncomingMessage): Promise<void> => {
    if (role === null) return;
    await asRefusal(async () => {
      const viewer = await viewerOf(request.headers.authorization, authenticator, db, request.socket.remoteAddress);
      requireRole(viewer, role, what);
    });
  };
}

async function asRefusal<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const {
      code,
      http: reply,
      ...extensions
    } = error.extensions as { code: string; http?: { status?: number; headers?: Map<string, string> } };
    throw new HttpRefusal(reply?.status ?? 401, code, error.message, extensions, Object.fromEntries(reply?.headers ?? []));
  }
}
