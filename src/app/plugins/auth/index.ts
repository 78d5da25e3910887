/**
 * Authentication and authorisation, decided once per request at didResolveOperation: after
 * parsing and validation, before any resolver runs, so whether a request is let in never
 * depends on the data it asks about (a refused request cannot tell an id that exists from one
 * that does not).
 *
 * - A presented token is always checked, even where none is needed: a bad one is refused
 *   (UNAUTHENTICATED, HTTP 401) rather than silently read as anonymous.
 * - Queries are open unless AUTH_READS=token (then role reader or higher).
 * - Every mutation needs a token; each mutation field names the role it needs with
 *   @requiresRole in the schema, and a mutation field without it needs admin (fail closed).
 * - Too low a role: FORBIDDEN, HTTP 403.
 * - A JWT that cannot be checked because the issuer's key set could not be fetched:
 *   AUTH_UNAVAILABLE, HTTP 503 with Retry-After (the token may be fine).
 *
 * Tokens are API keys (`cg_<id>_<secret>`, api-keys.ts, stored hashed) or JWTs (jwt.ts). No
 * token, header or secret is ever written to a response or a log line.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isRole, roleAtLeast, type Role, type Viewer } from '../../../core/auth/roles';
import type { QueryRunner } from '../../../core/db/database';
import type { RequestContext } from '../../../core/graphql/context';
import { ApiKeyRepository } from '../../../features/auth/auth.repository';
import { looksLikeApiKey, parseApiKey, secretMatches } from './api-keys';
import { parseAuthorization, type AuthorizationHeader } from '../../../core/auth/authorization-header';
import { createJwtVerifier, KeySetUnavailable, TokenRejected, type JwtVerifier } from './jwt';
import { defaultAuth, type AuthOptions } from './options';
import { AuthThrottle, defaultThrottle } from './throttle';

export { defaultAuth, TokenRejected, type AuthOptions };

/** The codes this plugin answers with; the error formatter passes them through. */
export const authCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'AUTH_UNAVAILABLE', 'AUTH_THROTTLED'];

/** Seconds a client is asked to wait when the issuer's key set could not be fetched. */
export const keySetRetryAfterSeconds = 5;

/** The Query fields that read the audit trail (who wrote what): AUTH_AUDIT_ROLE applies to them. */
export const auditFields: readonly string[] = ['changes'];

/** The higher of two roles a request needs; null when neither needs one. */
function higher(required: Role | null, role: Role | null): Role | null {
  return role !== null && (required === null || roleAtLeast(role, required)) ? role : required;
}

/** The role a mutation field needs when the schema does not say (fail closed). */
const undeclaredMutationRole: Role = 'admin';

function unauthenticated(message: string, invalidToken: boolean): GraphQLError {
  // RFC 6750: a missing token gets the challenge alone, a rejected one says invalid_token.
  const challenge = invalidToken ? 'Bearer realm="coopgraph", error="invalid_token"' : 'Bearer realm="coopgraph"';
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', challenge]]) } },
  });
}

function forbidden(viewer: Viewer, required: Role, what: string): GraphQLError {
  return new GraphQLError(`${what} needs role ${required} or higher; this token has role ${viewer.role}.`, {
    extensions: { code: 'FORBIDDEN', required, role: viewer.role, http: { status: 403 } },
  });
}

function throttled(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many failed authentications from this client; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'AUTH_THROTTLED',
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Checks tokens: API keys against the key store, JWTs against the configured secret or key set.
 * One per server, shared by GraphQL and the exports, so its throttle counts a client's failures on both.
 */
export class Authenticator {
  private readonly jwt: JwtVerifier | null;
  /** Failed authentications per client (throttle.ts). */
  readonly throttle: AuthThrottle;

  constructor(options: AuthOptions = defaultAuth) {
    this.jwt = createJwtVerifier(options.jwt);
    this.throttle = new AuthThrottle(options.throttle ?? defaultThrottle);
  }

  /** The viewer the token names; throws TokenRejected saying what is wrong with it. */
  async authenticate(token: string, db: QueryRunner): Promise<Viewer> {
    if (looksLikeApiKey(token)) return this.apiKey(token, db);
    if (token.split('.').length !== 3) throw new TokenRejected('the bearer token is neither an API key (cg_...) nor a JWT');
    if (!this.jwt) throw new TokenRejected('JWTs are not accepted here: no JWT_SECRET or JWT_JWKS_URL is configured; use an API key');
    return this.jwt.verify(token);
  }

  /**
   * True when `token` verifies now and `client` is not throttled; never throws. Not counted as a
   * failure: the auth plugin checks the same token again and counts it then.
   */
  async verifies(token: string, db: QueryRunner, client = 'unknown'): Promise<boolean> {
    if (this.throttle.retryAfterSeconds(client) !== null) return false;
    return this.authenticate(token, db).then(
      () => true,
      () => false,
    );
  }

  private async apiKey(token: string, db: QueryRunner): Promise<Viewer> {
    const parsed = parseApiKey(token);
    if (!parsed) throw new TokenRejected('the API key is malformed: expected cg_<12 hex digits>_<43 characters>');
    const key = await new ApiKeyRepository(db).keyForCheck(parsed.id);
    // An unknown id and a wrong secret read the same: the answer does not say which ids exist.
    if (!key || !secretMatches(parsed.secret, key.hash)) throw new TokenRejected('the API key is not valid');
    if (key.revokedAt !== null) throw new TokenRejected(`the API key was revoked (${key.revokedAt})`);
    if (!isRole(key.role)) throw new TokenRejected('the API key has no usable role');
    return { subject: `apikey:${key.id}`, role: key.role, method: 'apiKey', name: key.name };
  }
}

/** Names of the root fields an operation selects, through fragments and inline fragments. */
function rootFieldNames(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  names = new Set<string>(),
  expanded = new Set<string>(),
): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFieldNames(selection.selectionSet, fragments, names, expanded);
    else if (!expanded.has(selection.name.value)) {
      expanded.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) rootFieldNames(fragment.selectionSet, fragments, names, expanded);
    }
  }
  return names;
}

/** The role a root field declares with @requiresRole(role: ...), null when it declares none. */
function declaredRole(schema: GraphQLSchema, operation: OperationDefinitionNode, field: string): Role | null {
  return fieldRole(operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType(), field);
}

function fieldRole(root: GraphQLObjectType | null | undefined, field: string): Role | null {
  const directive = root?.getFields()[field]?.astNode?.directives?.find((d) => d.name.value === 'requiresRole');
  const value = directive?.arguments?.find((a) => a.name.value === 'role')?.value;
  const role = value?.kind === Kind.ENUM ? value.value.toLowerCase() : null;
  return isRole(role) ? role : null;
}

/** The lowest role that may run the operation; null when anyone may. */
export function requiredRole(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  reads: AuthOptions['reads'],
  auditRole: Role | null = null,
): Role | null {
  const isMutation = operation.operation !== 'query';
  let required: Role | null = isMutation || reads === 'token' ? 'reader' : null;
  for (const field of rootFieldNames(operation.selectionSet, fragments)) {
    if (field.startsWith('__')) continue;
    required = higher(required, declaredRole(schema, operation, field) ?? (isMutation ? undeclaredMutationRole : null));
    if (!isMutation && auditFields.includes(field)) required = higher(required, auditRole);
  }
  return required;
}

/**
 * The lowest role that may read these Query fields outside GraphQL (the exports read what the
 * list queries and Query.changes read): what a query selecting them would need; null when anyone may.
 */
export function requiredReadRole(
  schema: GraphQLSchema,
  fields: readonly string[],
  reads: AuthOptions['reads'],
  auditRole: Role | null = null,
): Role | null {
  let required: Role | null = reads === 'token' ? 'reader' : null;
  for (const field of fields) {
    required = higher(required, fieldRole(schema.getQueryType(), field));
    if (auditFields.includes(field)) required = higher(required, auditRole);
  }
  return required;
}

/**
 * The viewer an Authorization header names: null without one; a GraphQLError when it is
 * malformed or its token is refused (UNAUTHENTICATED, 401) or cannot be checked now
 * (AUTH_UNAVAILABLE, 503). A presented token is always checked, unless `client` (its address)
 * failed too often lately: then AUTH_THROTTLED, 429 with Retry-After, and each refusal counts.
 */
export async function viewerOf(
  authorization: AuthorizationHeader | string | null | undefined,
  authenticator: Authenticator,
  db: QueryRunner,
  client = 'unknown',
): Promise<Viewer | null> {
  // Parsed already when the HTTP pipeline passes it on (app/http/authorization.ts); raw from a plain route.
  const header = typeof authorization === 'object' && authorization !== null ? authorization : parseAuthorization(authorization);
  if (header.kind === 'none') return null;
  const wait = authenticator.throttle.retryAfterSeconds(client);
  if (wait !== null) throw throttled(wait);
  if (header.kind === 'malformed') {
    authenticator.throttle.failed(client);
    throw unauthenticated(`Not authenticated: ${header.reason}.`, true);
  }
  try {
    return await authenticator.authenticate(header.token, db);
  } catch (error) {
    if (error instanceof TokenRejected) {
      authenticator.throttle.failed(client);
      throw unauthenticated(`Not authenticated: ${error.reason}.`, true);
    }
    if (error instanceof KeySetUnavailable) {
      throw new GraphQLError(`The token could not be checked now: ${error.message}; retry in ${keySetRetryAfterSeconds} s.`, {
        extensions: {
          code: 'AUTH_UNAVAILABLE',
          http: { status: 503, headers: new HeaderMap([['retry-after', String(keySetRetryAfterSeconds)]]) },
        },
      });
    }
    throw error;
  }
}

/** Lets `viewer` do what needs `required` (`what` names it in the message), or throws UNAUTHENTICATED (401) / FORBIDDEN (403). */
export function requireRole(viewer: Viewer | null, required: Role | null, what: string): void {
  if (required === null) return;
  if (viewer === null)
    throw unauthenticated(
      `Not authenticated: ${what.toLowerCase()} needs a bearer token (Authorization: Bearer <token>) of role ${required} or higher.`,
      false,
    );
  if (!roleAtLeast(viewer.role, required)) throw forbidden(viewer, required, what);
}

export function authPlugin(
  options: AuthOptions = defaultAuth,
  authenticator = new Authenticator(options),
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return;
          const fragments = new Map(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((f) => [f.name.value, f]),
          );
          const required = requiredRole(schema, operation, fragments, options.reads, options.auditRole ?? null);
          // In-process operations (the warm-up) come from the service itself: reads only, unless a viewer was given.
          if (!request.http) {
            const viewer = contextValue.viewer ?? null;
            if (required !== null && operation.operation !== 'query' && (viewer === null || !roleAtLeast(viewer.role, required))) {
              throw unauthenticated('An in-process mutation needs a viewer in its context.', false);
            }
            return;
          }
          const viewer = await viewerOf(
            contextValue.authorization ?? request.http.headers.get('authorization'),
            authenticator,
            contextValue.db,
            contextValue.clientAddress,
          );
          contextValue.viewer = viewer;
          requireRole(viewer, required, operation.operation === 'mutation' ? 'This mutation' : 'Reading');
        },
      };
    },
  };
}
