/**
 * Credentials that are wrong in shape or in substance, on reads (open: a presented token is
 * still checked) and on mutations (which always need one). Each is refused with 401
 * UNAUTHENTICATED before anything runs; none writes, leaks the header back or takes long.
 * The server here has no JWT configured and the corpus holds no valid key, so no case reaches
 * a role check (tests/integration/auth.test.ts covers the roles).
 */
import { graphqlPost, httpCase, refused, type BadInputCase, type HttpRequest } from './case';

const unauthenticated = refused(401, 'UNAUTHENTICATED');
const read = '{ entity(id: "agency:asan-xidmet") { id } }';
const importBundle = 'mutation($b: JSON!) { importBundle(bundle: $b) { dryRun } }';
const someKey = `cg_0123456789ab_${'A'.repeat(43)}`;

/** A POST of `query` with an Authorization header. */
function withAuthorization(query: string, authorization: string, variables?: Record<string, unknown>): HttpRequest {
  const request = graphqlPost(query, variables);
  return { ...request, headers: { ...request.headers, authorization } };
}

const header = (name: string, authorization: string, query = read): BadInputCase =>
  httpCase(`auth: ${name}`, () => withAuthorization(query, authorization), unauthenticated, [authorization]);

export const authCases: BadInputCase[] = [
  httpCase('auth: a mutation without a token', () => graphqlPost(importBundle, { b: { format: 'coopgraph-bundle/1' } }), unauthenticated),
  httpCase(
    'auth: a mutation with a bundle that is not JSON-object shaped, without a token',
    () => graphqlPost(importBundle, { b: "' MATCH (n) DETACH DELETE n //" }),
    unauthenticated,
    ["' MATCH (n) DETACH DELETE n //"],
  ),
  httpCase(
    'auth: a mutation through a fragment, without a token',
    () => graphqlPost('mutation { ...M } fragment M on Mutation { importBundle(bundle: {}) { dryRun } }'),
    unauthenticated,
  ),
  header('a token without the Bearer scheme', someKey),
  header('the Basic scheme', 'Basic dXNlcjpwYXNzd29yZA=='),
  header('Bearer without a token', 'Bearer'),
  header('two bearer tokens', `Bearer ${someKey} ${someKey}`),
  header('two bearer tokens joined by a comma', `Bearer ${someKey}, Bearer ${someKey}`),
  header('a token with a quote and Cypher in it', "Bearer x'})MATCH(n)DETACH(n)"),
  header('an 8 KB token', `Bearer ${'a'.repeat(8200)}`),
  header('an API key no one issued', `Bearer ${someKey}`),
  header('an API key no one issued, on a mutation', `Bearer ${someKey}`, 'mutation { importBundle(bundle: {}) { dryRun } }'),
  header('a malformed API key', 'Bearer cg_../../etc/passwd'),
  header('a JWT where none is configured', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl'),
  header('an unsigned JWT (alg none)', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.'),
  httpCase(
    'auth: GET with a mutation that exists',
    () => ({
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
      search: `?query=${encodeURIComponent('mutation { importBundle(bundle: {}) { dryRun } }')}`,
    }),
    refused(405, 'BAD_REQUEST'),
  ),
];
