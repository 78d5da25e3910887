/**
 * Authentication and authorisation over real HTTP on the real Neo4j: API keys made with the
 * token command's module (stored hashed, listed without secrets, revoked), JWTs signed with an
 * HS256 secret and with a key from a JWKS a local HTTP server in this file serves, each role
 * against each gate in both read modes, the 401 and 403 statuses, messages that say what was
 * wrong, answers that do not depend on whether an entity exists, and no token in any log line.
 */
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { Database } from '../../src/core/db/database';
import { startServer, type RunningServer } from '../../src/app/server';
import { runTokenCommand } from '../../src/app/token';
import { warmUp } from '../../src/app/warm-up';
import { silentLogger } from '../../src/core/logger';
import { recordingLogger } from '../support/recording-logger';
import { defaultAuth, type AuthOptions } from '../../src/app/plugins/auth';
import { testBundle } from '../support/bundles';
import { openTestDatabase, startTestServer } from '../support/harness';

const secret = 'an-hs256-secret-of-at-least-32-bytes-for-tests';
const audience = 'coopgraph-tests';

let db: Database;
let jwks: http.Server;
let jwksUrl: string;
let signingKey: KeyLike;
let strangerKey: KeyLike;
let open: RunningServer;
let closed: RunningServer;
let logged: string[];
const tokens: Record<'reader' | 'editor' | 'admin' | 'revoked', string> = { reader: '', editor: '', admin: '', revoked: '' };
const keyIds: Record<string, string> = {};

/** Runs the token command; returns its exit code and what it printed. */
async function token(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTokenCommand(
    args,
    db,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

async function createKey(role: string, name: string): Promise<string> {
  const created = await token('create', '--role', role, '--name', name);
  expect(created.code).toBe(0);
  expect(created.out).toHaveLength(1);
  return created.out[0]!;
}

const capture = recordingLogger();

beforeAll(async () => {
  db = await openTestDatabase();
  logged = capture.lines;
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  const auth: AuthOptions = { ...defaultAuth, jwt: { ...defaultAuth.jwt, secret, jwksUrl, audience } };
  open = await startServer({ db, log: capture, auth }, { host: '127.0.0.1', port: 0 });
  closed = await startTestServer(db, { auth: { ...auth, reads: 'token' } });
  const suffix = Math.random().toString(36).slice(2, 8);
  for (const role of ['reader', 'editor', 'admin', 'revoked'] as const) {
    tokens[role] = await createKey(role === 'revoked' ? 'admin' : role, `auth-test ${role} ${suffix}`);
    keyIds[role] = tokens[role].split('_')[1]!;
  }
  expect((await token('revoke', keyIds.revoked!)).code).toBe(0);
});

afterAll(async () => {
  await open?.stop();
  await closed?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
  await db?.close();
});

interface Answer {
  status: number;
  challenge: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(
  server: RunningServer,
  query: string,
  variables: Record<string, unknown> = {},
  authorization?: string,
): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: (await response.json()) as Answer['body'] };
}

const bearer = (value: string) => `Bearer ${value}`;
const viewerQuery = '{ viewer { subject role method name } }';
const readQuery = '{ entity(id: "agency:asan-xidmet") { id } }';
const dryImport = 'mutation($bundle: JSON!) { importBundle(bundle: $bundle, dryRun: true) { dryRun sourceId } }';

/** An HS256 JWT; `claims` override the defaults (sub, role, aud, an hour of validity). */
async function hs256(claims: Record<string, unknown> = {}, key: string = secret): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'jwt-alice', role: 'editor', aud: audience, iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(key));
}

async function rs256(claims: Record<string, unknown> = {}, key: KeyLike = signingKey, kid = 'test-key'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'jwks-bob', role: 'admin', aud: audience, iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(key);
}

const code = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

describe('API keys through the token command', () => {
  test('create prints the token once; only its hash is stored', async () => {
    const stored = await db.read('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS key', { id: keyIds.editor });
    const key = stored[0]!.key as Record<string, unknown>;
    expect(key).toMatchObject({ id: keyIds.editor, role: 'editor', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const secretPart = tokens.editor.split('_').slice(2).join('_');
    expect(JSON.stringify(key)).not.toContain(secretPart);
    expect(key.revokedAt).toBeUndefined();
  });

  test('list shows ids, roles, names and dates, never a token or a hash; a revoked key says so', async () => {
    const listed = await token('list');
    expect(listed.code).toBe(0);
    const text = listed.out.join('\n');
    expect(listed.out.find((line) => line.startsWith(keyIds.editor!))).toMatch(
      new RegExp(`^${keyIds.editor}  editor  auth-test editor \\w+  created \\d{4}-\\d\\d-\\d\\dT`),
    );
    expect(listed.out.find((line) => line.startsWith(keyIds.revoked!))).toMatch(/REVOKED \d{4}-/);
    for (const value of Object.values(tokens)) expect(text).not.toContain(value.split('_').slice(2).join('_'));
    expect(text).not.toContain('sha256');
  });

  test('bad commands exit non-zero and say what is expected', async () => {
    expect(await token('create', '--role', 'owner', '--name', 'x')).toMatchObject({
      code: 2,
      out: [],
      err: ['--role must be one of reader, editor, admin, got "owner"'],
    });
    expect(await token('create', '--role', 'editor')).toMatchObject({ code: 2, out: [] });
    expect(await token('revoke', '000000000000')).toMatchObject({
      code: 1,
      err: ['No API key with id "000000000000" (npm run token -- list shows them)'],
    });
    expect((await token('rotate')).code).toBe(2);
  });
});

describe('each role against each gate', () => {
  const cases: [string, () => string | undefined, number, number, number][] = [
    // who, header, query (open reads), query (reads need a token), mutation
    ['anonymous', () => undefined, 200, 401, 401],
    ['reader', () => bearer(tokens.reader), 200, 200, 403],
    ['editor', () => bearer(tokens.editor), 200, 200, 200],
    ['admin', () => bearer(tokens.admin), 200, 200, 200],
  ];

  test.each(cases)('%s', async (_, header, openRead, closedRead, mutation) => {
    const bundle = testBundle('gate');
    const answers = {
      openRead: await send(open, readQuery, {}, header()),
      closedRead: await send(closed, readQuery, {}, header()),
      mutation: await send(open, dryImport, { bundle }, header()),
      closedMutation: await send(closed, dryImport, { bundle }, header()),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([gate, answer]) => [gate, answer.status]))).toEqual({
      openRead,
      closedRead,
      mutation,
      closedMutation: mutation,
    });
    const expectedCode = (status: number) => (status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined);
    expect(code(answers.closedRead)).toBe(expectedCode(closedRead));
    expect(code(answers.mutation)).toBe(expectedCode(mutation));
    // Open reads are open to everyone; a refused mutation answers no data.
    expect(openRead).toBe(200);
    expect(answers.openRead.body.data).toEqual({ entity: { id: 'agency:asan-xidmet' } });
    expect(answers.mutation.body.data).toEqual(
      mutation === 200 ? { importBundle: { dryRun: true, sourceId: bundle.source.id } } : undefined,
    );
  });

  test('401 says a token is needed and sends the Bearer challenge; 403 names the role needed and the one held', async () => {
    const anonymous = await send(open, dryImport, { bundle: testBundle('anon') });
    expect(anonymous).toMatchObject({
      status: 401,
      challenge: 'Bearer realm="coopgraph"',
      body: {
        errors: [
          { message: expect.stringMatching(/needs a bearer token .* of role editor or higher/), extensions: { code: 'UNAUTHENTICATED' } },
        ],
      },
    });
    expect(anonymous.body.data).toBeUndefined();
    const reader = await send(open, dryImport, { bundle: testBundle('reader') }, bearer(tokens.reader));
    expect(reader.body.errors?.[0]).toMatchObject({
      message: 'This mutation needs role editor or higher; this token has role reader.',
      extensions: { code: 'FORBIDDEN', required: 'editor', role: 'reader' },
    });
    const closedRead = await send(closed, readQuery);
    expect(closedRead).toMatchObject({
      status: 401,
      body: { errors: [{ message: expect.stringMatching(/^Not authenticated: reading needs a bearer token/) }] },
    });
  });
});

test('the warm-up runs in-process (no HTTP, no token) and still plans every shape when reads need a token', async () => {
  const { failed } = await warmUp(closed.apollo, db, silentLogger);
  expect(failed).toEqual([]);
});

describe('viewer', () => {
  test('null when anonymous; subject, role, method and name for an API key', async () => {
    expect((await send(open, viewerQuery)).body).toEqual({ data: { viewer: null }, extensions: expect.any(Object) });
    expect((await send(open, viewerQuery, {}, bearer(tokens.editor))).body.data).toEqual({
      viewer: { subject: `apikey:${keyIds.editor}`, role: 'EDITOR', method: 'API_KEY', name: expect.stringMatching(/^auth-test editor /) },
    });
  });
});

describe('JWTs', () => {
  test('HS256 with the configured secret: the subject from sub, the role from role', async () => {
    const answer = await send(open, viewerQuery, {}, bearer(await hs256()));
    expect(answer.body.data).toEqual({ viewer: { subject: 'jwt-alice', role: 'EDITOR', method: 'JWT', name: null } });
    expect((await send(open, dryImport, { bundle: testBundle('jwt') }, bearer(await hs256()))).status).toBe(200);
    expect((await send(open, dryImport, { bundle: testBundle('jwt') }, bearer(await hs256({ role: 'reader' })))).status).toBe(403);
  });

  test('RS256 from the JWKS the issuer serves', async () => {
    const answer = await send(closed, viewerQuery, {}, bearer(await rs256()));
    expect(answer.body.data).toEqual({ viewer: { subject: 'jwks-bob', role: 'ADMIN', method: 'JWT', name: null } });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: [string, () => Promise<string>, RegExp][] = [
    ['expired (HS256)', () => hs256({ exp: now() - 3600, iat: now() - 7200 }), /^Not authenticated: the JWT expired \(\d{4}-.*\)\.$/],
    ['expired (JWKS)', () => rs256({ exp: now() - 3600, iat: now() - 7200 }), /the JWT expired/],
    ['not valid yet', () => hs256({ nbf: now() + 3600 }), /the JWT is not valid yet: its "nbf" \(\d{4}-.*\) is in the future/],
    ['signed with another secret', () => hs256({}, 'another-secret-that-is-32-bytes-long!!'), /the JWT signature does not verify/],
    ['signed with another key under the known kid', () => rs256({}, strangerKey), /the JWT signature does not verify/],
    [
      'signed with a key the JWKS does not hold',
      () => rs256({}, strangerKey, 'unknown-kid'),
      /the configured key set \(JWT_JWKS_URL\) does not contain/,
    ],
    ['for another audience (HS256)', () => hs256({ aud: 'someone-else' }), /the JWT is for another audience/],
    ['for another audience (JWKS)', () => rs256({ aud: 'someone-else' }), /the JWT is for another audience/],
    ['without a known role', () => hs256({ role: 'owner' }), /"role" claim names no role this API knows/],
    ['without sub', () => hs256({ sub: undefined }), /no "sub" claim/],
    ['without exp (AUTH_REQUIRE_EXP)', () => hs256({ exp: undefined }), /the JWT has no "exp" claim: tokens must expire/],
    ['without exp (JWKS)', () => rs256({ exp: undefined }), /the JWT has no "exp" claim/],
    [
      'unsigned (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"x","role":"admin","aud":"${audience}"}`).toString('base64url')}.`,
      /the JWT is signed with an algorithm this API does not accept/,
    ],
  ];

  test.each(refusals)('%s: 401 UNAUTHENTICATED naming what was wrong, even on an open read', async (_, make, message) => {
    const jwt = await make();
    const answer = await send(open, readQuery, {}, bearer(jwt));
    expect(answer).toMatchObject({
      status: 401,
      challenge: 'Bearer realm="coopgraph", error="invalid_token"',
      body: { errors: [{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(JSON.stringify(answer.body)).not.toContain(jwt.split('.')[2] || jwt);
    expect(JSON.stringify(answer.body)).not.toContain(secret);
  });
});

test('a JWKS that cannot be fetched: 503 AUTH_UNAVAILABLE with Retry-After (the token may be fine); HS256 tokens still work', async () => {
  // A port that was just free: nothing listens there.
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const port = (gone.address() as { port: number }).port;
  await new Promise((resolve) => gone.close(resolve));
  const server = await startTestServer(db, {
    auth: { ...defaultAuth, jwt: { ...defaultAuth.jwt, secret, audience, jwksUrl: `http://127.0.0.1:${port}/jwks.json` } },
  });
  try {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(await rs256()) },
      body: JSON.stringify({ query: viewerQuery }),
    });
    expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
    expect(((await response.json()) as Answer['body']).errors?.[0]).toMatchObject({
      message: 'The token could not be checked now: the signing keys (JWT_JWKS_URL) could not be fetched; retry in 5 s.',
      extensions: { code: 'AUTH_UNAVAILABLE' },
    });
    expect((await send(server, viewerQuery, {}, bearer(await hs256()))).body.data).toEqual({
      viewer: { subject: 'jwt-alice', role: 'EDITOR', method: 'JWT', name: null },
    });
  } finally {
    await server.stop();
  }
});

describe('tokens and headers that are not accepted', () => {
  test.each([
    ['a revoked key', () => bearer(tokens.revoked), /^Not authenticated: the API key was revoked \(\d{4}-/],
    [
      'an unknown key id',
      () => bearer(`cg_000000000000_${tokens.editor.split('_').slice(2).join('_')}`),
      /^Not authenticated: the API key is not valid\.$/,
    ],
    [
      'a known id with a wrong secret',
      () => bearer(`cg_${keyIds.editor}_${'A'.repeat(43)}`),
      /^Not authenticated: the API key is not valid\.$/,
    ],
    ['a malformed key', () => bearer('cg_short'), /the API key is malformed/],
    ['neither a key nor a JWT', () => bearer('opaque-token'), /neither an API key .* nor a JWT/],
    ['Bearer missing', () => tokens.editor, /has no scheme/],
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`, /must use the Bearer scheme/],
    ['two tokens', () => `Bearer ${tokens.editor} ${tokens.admin}`, /more than one token/],
    ['a huge header', () => `Bearer ${'a'.repeat(10000)}`, /the Authorization header is 10007 bytes, more than the 8192 allowed/],
  ])('%s: 401 with a clear reason that quotes no secret', async (_, header, message) => {
    const sent = header();
    const answer = await send(open, readQuery, {}, sent);
    expect(answer).toMatchObject({
      status: 401,
      body: { errors: [{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    for (const value of Object.values(tokens)) expect(JSON.stringify(answer.body)).not.toContain(value.split('_').slice(2).join('_'));
  });
});

describe('no answer depends on whether an entity exists', () => {
  /** The body without its request id, which differs per request. */
  const shape = (answer: Answer) =>
    JSON.stringify({
      ...answer,
      body: { ...answer.body, errors: answer.body.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) },
    });

  test('reads that need a token: an id that exists and one that does not get the same 401', async () => {
    const existing = await send(closed, '{ entity(id: "agency:asan-xidmet") { id name } }');
    const missing = await send(closed, '{ entity(id: "agency:no-such-agency") { id name } }');
    expect(existing.status).toBe(401);
    expect(shape(existing)).toBe(shape(missing));
  });

  test('a mutation refused for its role: a bundle naming existing entities and one naming none get the same 403', async () => {
    const known = testBundle('leak');
    const unknown = testBundle('leak');
    unknown.relations[0]!.to = 'country:ZZ';
    const first = await send(open, dryImport, { bundle: known }, bearer(tokens.reader));
    const second = await send(open, dryImport, { bundle: unknown }, bearer(tokens.reader));
    expect(first.status).toBe(403);
    expect(shape(first)).toBe(shape(second));
  });
});

test('no log line carries a token, a secret or an Authorization header, at debug level', async () => {
  // The open server logs into `logged` (debug lines: every operation; errors: internal ones).
  const jwt = await hs256();
  await send(open, viewerQuery, {}, bearer(tokens.editor));
  await send(open, viewerQuery, {}, bearer(jwt));
  await send(open, viewerQuery, {}, bearer(`${tokens.admin}x`));
  await send(open, dryImport, { bundle: { format: 'nope' } }, bearer(tokens.editor));
  const text = logged.join('\n');
  expect(logged.length).toBeGreaterThan(0);
  // The subject a token was verified as is logged with its operation; the token never is.
  expect(logged.some((line) => line.includes(`"subject":"apikey:${keyIds.editor}"`))).toBe(true);
  for (const value of [...Object.values(tokens), jwt]) expect(text).not.toContain(value.slice(-20));
  expect(text).not.toMatch(/authorization|bearer/i);
});

describe('failed authentications throttled per client (AUTH_FAILURES_MAX 3 in a window)', () => {
  let throttled: RunningServer;

  beforeAll(async () => {
    const auth: AuthOptions = { ...defaultAuth, throttle: { maxFailures: 3, windowMs: 60000, maxClients: 100 } };
    throttled = await startServer({ db, log: silentLogger, auth }, { host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await throttled?.stop();
  });

  test('the fourth token from the client gets 429 AUTH_THROTTLED with Retry-After, a valid one too, on GraphQL and the exports; no token is still served', async () => {
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await send(throttled, viewerQuery, {}, bearer(`${tokens.admin}x`))).status).toBe(401);
    for (const token of [`${tokens.admin}x`, tokens.admin]) {
      const response = await fetch(throttled.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token) },
        body: JSON.stringify({ query: viewerQuery }),
      });
      const body = (await response.json()) as Answer['body'];
      expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 429, code: 'AUTH_THROTTLED' });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(body.errors?.[0]?.message).toMatch(/^Too many failed authentications from this client; retry in \d+ s\.$/);
    }
    const exported = await fetch(throttled.url.replace('/graphql', '/export/changes.jsonl'), {
      headers: { authorization: bearer(tokens.admin) },
    });
    expect({ status: exported.status, retryAfter: exported.headers.get('retry-after') !== null }).toEqual({
      status: 429,
      retryAfter: true,
    });
    expect((await send(throttled, readQuery)).status).toBe(200);
  });
});

describe('the audit trail and /metrics behind a role (AUTH_AUDIT_ROLE, AUTH_METRICS_ROLE: admin)', () => {
  let guarded: RunningServer;

  beforeAll(async () => {
    guarded = await startServer(
      { db, log: silentLogger, auth: { ...defaultAuth, auditRole: 'admin', metricsRole: 'admin' } },
      { host: '127.0.0.1', port: 0 },
    );
  });

  afterAll(async () => {
    await guarded?.stop();
  });

  const changesQuery = '{ changes(first: 1) { totalCount } }';
  const get = async (path: string, token?: string) =>
    (await fetch(guarded.url.replace('/graphql', path), { headers: token === undefined ? {} : { authorization: bearer(token) } })).status;

  test('no token: 401; reader: 403; admin: 200, on Query.changes, /export/changes.jsonl and /metrics; other reads stay open', async () => {
    expect((await send(guarded, changesQuery)).status).toBe(401);
    expect((await send(guarded, changesQuery, {}, bearer(tokens.reader))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await send(guarded, changesQuery, {}, bearer(tokens.admin))).body.data).toEqual({
      changes: { totalCount: expect.any(Number) },
    });
    expect([
      await get('/export/changes.jsonl'),
      await get('/export/changes.jsonl', tokens.reader),
      await get('/export/changes.jsonl', tokens.admin),
    ]).toEqual([401, 403, 200]);
    expect([await get('/metrics'), await get('/metrics', tokens.reader), await get('/metrics', tokens.admin)]).toEqual([401, 403, 200]);
    expect((await send(guarded, readQuery)).status).toBe(200);
    expect(await get('/health/live')).toBe(200);
  });
});
