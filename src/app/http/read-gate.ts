/**
 * The auth decision for plain HTTP reads (the exports), taken exactly as the auth plugin takes it
 * for a query: a presented token is always checked, and reading needs the role the schema's
 * Query fields need (AUTH_READS=token: reader; a field's @requiresRole: that role). A refusal is
 * the same error GraphQL answers (UNAUTHENTICATED 401 with WWW-Authenticate, FORBIDDEN 403,
 * AUTH_UNAVAILABLE 503), as an HttpRefusal the route writes out. A verified token's subject is
 * returned: the exports hold one a client, and a token names its client better than an IP.
 */
import type http from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Database } from '../../core/db/database';
import { HttpRefusal } from '../../core/http/refusal';
import type { ReadGate } from '../../features/export/export.routes';
import { Authenticator, requiredReadRole, requireRole, viewerOf, type AuthOptions } from '../plugins/auth';

export function readGate(schema: GraphQLSchema, auth: AuthOptions, db: Database, authenticator = new Authenticator(auth)): ReadGate {
  return async (request: http.IncomingMessage, fields: readonly string[]) => {
    try {
      const viewer = await viewerOf(request.headers.authorization, authenticator, db);
      requireRole(viewer, requiredReadRole(schema, fields, auth.reads), 'Reading');
      return viewer?.subject ?? null;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const {
        code,
        http: reply,
        ...extensions
      } = error.extensions as { code: string; http?: { status?: number; headers?: Map<string, string> } };
      throw new HttpRefusal(reply?.status ?? 401, code, error.message, extensions, Object.fromEntries(reply?.headers ?? []));
    }
  };
}
