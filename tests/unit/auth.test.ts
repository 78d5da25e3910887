/** The pure parts of authentication: the header's shape, role order, API key format, which role an operation needs, JWT claims, config. */
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { ConfigError, loadConfig } from '../../src/app/config';
import { hashSecret, issueKey, parseApiKey, secretMatches } from '../../src/app/plugins/auth/api-keys';
import { maxAuthorizationBytes, parseAuthorization } from '../../src/core/auth/authorization-header';
import { requiredRole } from '../../src/app/plugins/auth';
import { createJwtVerifier, TokenRejected, viewerOf } from '../../src/app/plugins/auth/jwt';
import { SignJWT } from 'jose';
import { defaultAuth } from '../../src/app/plugins/auth/options';
import { loadTypeDefs } from '../../src/app/schema';
import { highestRole, roleAtLeast } from '../../src/core/auth/roles';

describe('the Authorization header', () => {
  test('absent or blank: no credential', () => {
    expect(parseAuthorization(undefined)).toEqual({ kind: 'none' });
    expect(parseAuthorization(null)).toEqual({ kind: 'none' });
    expect(parseAuthorization('   ')).toEqual({ kind: 'none' });
  });

  test('one bearer token, the scheme in any case', () => {
    expect(parseAuthorization('Bearer abc.def-ghi_jkl')).toEqual({ kind: 'bearer', token: 'abc.def-ghi_jkl' });
    expect(parseAuthorization('bearer  cg_0123456789ab_x')).toEqual({ kind: 'bearer', token: 'cg_0123456789ab_x' });
  });

  test.each([
    ['cg_0123456789ab_secret', /no scheme/],
    ['Basic dXNlcjpwYXNz', /must use the Bearer scheme/],
    ['Bearer', /carries no token/],
    ['Bearer secretA secretB', /more than one token/],
    ['Bearer secretA, Bearer secretB', /more than one token/],
    ['Bearer secretA,secretB', /more than one token/],
    ['Bearer secret"A', /characters no token has/],
  ])('%s is malformed, and the reason quotes no part of a token', (header, reason) => {
    const parsed = parseAuthorization(header);
    expect(parsed).toEqual({ kind: 'malformed', reason: expect.stringMatching(reason) });
    expect(JSON.stringify(parsed)).not.toMatch(/secret|dXNl/);
  });

  test('a huge header is refused by its size, before it is read', () => {
    const parsed = parseAuthorization(`Bearer ${'a'.repeat(maxAuthorizationBytes)}`);
    expect(parsed).toEqual({
      kind: 'malformed',
      reason: `the Authorization header is ${maxAuthorizationBytes + 7} bytes, more than the ${maxAuthorizationBytes} allowed`,
    });
  });
});

test('roles: reader < editor < admin; the highest of several wins', () => {
  expect(roleAtLeast('admin', 'editor')).toBe(true);
  expect(roleAtLeast('editor', 'editor')).toBe(true);
  expect(roleAtLeast('reader', 'editor')).toBe(false);
  expect(roleAtLeast('editor', 'admin')).toBe(false);
  expect(highestRole(['reader', 'admin', 'editor'])).toBe('admin');
  expect(highestRole([])).toBeNull();
});

test('API keys: cg_<12 hex>_<43 base64url>, the secret checked against its hash only', () => {
  const key = issueKey();
  expect(key.token).toMatch(/^cg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  const parsed = parseApiKey(key.token)!;
  expect(parsed.id).toBe(key.id);
  expect(key.hash).toBe(hashSecret(parsed.secret));
  expect(key.hash).not.toContain(parsed.secret);
  expect(secretMatches(parsed.secret, key.hash)).toBe(true);
  expect(secretMatches(`${parsed.secret.slice(0, -1)}x`, key.hash)).toBe(false);
  expect(secretMatches(parsed.secret, 'sha256:short')).toBe(false);
  expect(parseApiKey('cg_XYZ_abc')).toBeNull();
  expect(parseApiKey(`${key.token}x`)).toBeNull();
});

describe('the role an operation needs', () => {
  const schema = buildSchema(loadTypeDefs());
  const need = (source: string, reads: 'open' | 'token' = 'open') => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    return requiredRole(schema, operation, fragments, reads);
  };

  test('queries: none while reads are open, reader when they need a token', () => {
    expect(need('{ node(id: "x") { id } }')).toBeNull();
    expect(need('{ node(id: "x") { id } }', 'token')).toBe('reader');
  });

  test('mutations: the role importBundle declares, even through fragments; any mutation at least reader', () => {
    expect(need('mutation { importBundle(bundle: {}) { dryRun } }')).toBe('editor');
    expect(need('mutation { ...F } fragment F on Mutation { ... on Mutation { importBundle(bundle: {}) { dryRun } } }')).toBe('editor');
    expect(need('mutation { __typename }')).toBe('reader');
  });

  test('a mutation field that declares no role needs admin (fail closed)', () => {
    const undeclared = buildSchema(`${loadTypeDefs()}\nextend type Mutation { wipe: Boolean }`);
    const operation = parse('mutation { wipe }').definitions[0] as OperationDefinitionNode;
    expect(requiredRole(undeclared, operation, new Map(), 'open')).toBe('admin');
  });
});

describe('a verified JWT payload', () => {
  test('the subject from sub, the role from the role claim: a string or a list (highest known wins)', () => {
    expect(viewerOf({ sub: 'alice', role: 'editor' }, 'role')).toEqual({ subject: 'alice', role: 'editor', method: 'jwt', name: null });
    expect(viewerOf({ sub: 'bob', roles: ['reader', 'admin', 'owner'] }, 'roles').role).toBe('admin');
  });

  test('no sub, or no known role: rejected, saying which claim', () => {
    expect(() => viewerOf({ role: 'editor' }, 'role')).toThrow(new TokenRejected('the JWT has no "sub" claim: it must name its subject'));
    expect(() => viewerOf({ sub: 'carol', role: 'superuser' }, 'role')).toThrow(/"role" claim names no role this API knows/);
    expect(() => viewerOf({ sub: 'carol' }, 'roles')).toThrow(/"roles" claim/);
  });
});

test('config: auth defaults, every setting read, bad ones refused by name', () => {
  const defaults = loadConfig({});
  expect(defaults.auth).toEqual(defaultAuth);
  expect(defaults.auth).toEqual({
    reads: 'open',
    jwt: { secret: null, jwksUrl: null, issuer: null, audience: null, roleClaim: 'role', clockToleranceSeconds: 5 },
  });
  expect(defaults.curation).toEqual({ maxBundleBytes: 4 * 1024 * 1024, idempotencyKeyTtlMs: 24 * 3600 * 1000 });
  const secret = 'a'.repeat(32);
  expect(
    loadConfig({
      AUTH_READS: 'token',
      JWT_SECRET: secret,
      JWT_JWKS_URL: 'https://id.example/jwks',
      JWT_ISSUER: 'https://id.example',
      JWT_AUDIENCE: 'coopgraph',
      JWT_ROLE_CLAIM: 'roles',
      JWT_CLOCK_TOLERANCE_S: '0',
      IMPORT_MAX_BUNDLE_BYTES: '2048',
    }),
  ).toMatchObject({
    auth: {
      reads: 'token',
      jwt: {
        secret,
        jwksUrl: 'https://id.example/jwks',
        issuer: 'https://id.example',
        audience: 'coopgraph',
        roleClaim: 'roles',
        clockToleranceSeconds: 0,
      },
    },
    curation: { maxBundleBytes: 2048 },
  });
  expect(() => loadConfig({ AUTH_READS: 'closed' })).toThrow(new ConfigError('AUTH_READS must be open or token, got "closed"'));
  expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
    new ConfigError('JWT_SECRET must be at least 32 bytes long (256 bits for HS256)'),
  );
  expect(() => loadConfig({ JWT_JWKS_URL: 'file:///etc/keys' })).toThrow(/JWT_JWKS_URL must be an http\(s\) URL/);
  expect(() => loadConfig({ IMPORT_MAX_BUNDLE_BYTES: '10' })).toThrow(/IMPORT_MAX_BUNDLE_BYTES must be a whole number from 1024/);
});

describe('a JWT without exp', () => {
  const secret = 'a-test-secret-that-is-at-least-32-bytes';
  const unexpiring = () =>
    new SignJWT({ sub: 'someone', role: 'reader' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

  test('is refused by default (AUTH_REQUIRE_EXP unset), accepted with AUTH_REQUIRE_EXP=false', async () => {
    const strict = createJwtVerifier(loadConfig({ JWT_SECRET: secret }).auth.jwt)!;
    await expect(strict.verify(await unexpiring())).rejects.toThrow(
      new TokenRejected('the JWT has no "exp" claim: tokens must expire here (AUTH_REQUIRE_EXP)'),
    );
    const lenient = createJwtVerifier(loadConfig({ JWT_SECRET: secret, AUTH_REQUIRE_EXP: 'false' }).auth.jwt)!;
    await expect(lenient.verify(await unexpiring())).resolves.toMatchObject({ subject: 'someone', role: 'reader' });
  });
});

test('config: the audit trail and /metrics need admin in production mode by default; AUTH_AUDIT_ROLE and AUTH_METRICS_ROLE change it', () => {
  expect(loadConfig({}).auth).not.toHaveProperty('auditRole');
  expect(loadConfig({}).auth).not.toHaveProperty('metricsRole');
  expect(loadConfig({ NODE_ENV: 'production' }).auth).toMatchObject({ auditRole: 'admin', metricsRole: 'admin' });
  const open = loadConfig({ PRODUCTION: '1', AUTH_AUDIT_ROLE: 'none', AUTH_METRICS_ROLE: 'reader' }).auth;
  expect(open).not.toHaveProperty('auditRole');
  expect(open.metricsRole).toBe('reader');
  expect(loadConfig({ AUTH_AUDIT_ROLE: 'editor' }).auth.auditRole).toBe('editor');
  expect(() => loadConfig({ AUTH_METRICS_ROLE: 'root' })).toThrow(
    new ConfigError('AUTH_METRICS_ROLE must be none, reader, editor or admin, got "root"'),
  );
});
