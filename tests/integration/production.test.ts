/**
 * Production mode (NODE_ENV=production or PRODUCTION=1) and CORS, over real HTTP: introspection
 * off, no field suggestions; CORS headers only for the configured origins. The default server
 * beside it keeps both for local exploring.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { graphql, startTestServer, useTestServer } from '../support/harness';

let db: Database;
let local: RunningServer;
let production: RunningServer;
useTestServer((opened) => ({ db, server: local } = opened));

const dashboard = 'https://dashboard.example.org';

beforeAll(async () => {
  production = await startTestServer(db, { production: true, corsOrigins: [dashboard] });
});
afterAll(() => production.stop());

test('introspection: on locally, refused in production', async () => {
  const query = '{ __schema { queryType { name } } }';
  expect((await graphql(local, query)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  const refused = await graphql(production, query);
  expect(refused.status).toBe(400);
  expect(refused.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) });
});

test('field suggestions: given locally, masked in production', async () => {
  const query = '{ entity(id: "agency:abad") { nmae } }';
  expect((await graphql(local, query)).errors![0]!.message).toBe(
    'Cannot query field "nmae" on type "Entity". Did you mean "name" or "names"?',
  );
  expect((await graphql(production, query)).errors![0]!.message).toBe('Cannot query field "nmae" on type "Entity".');
});

test('CORS: the configured origin gets its header and a preflight answer; any other gets none', async () => {
  const preflight = await fetch(production.url, {
    method: 'OPTIONS',
    headers: { origin: dashboard, 'access-control-request-method': 'POST' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(dashboard);
  const post = await fetch(production.url, {
    method: 'POST',
    headers: { origin: dashboard, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ entity(id: "agency:abad") { id } }' }),
  });
  expect(post.headers.get('access-control-allow-origin')).toBe(dashboard);
  const other = await fetch(production.url, {
    method: 'POST',
    headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ entity(id: "agency:abad") { id } }' }),
  });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const unconfigured = await fetch(local.url, {
    method: 'POST',
    headers: { origin: dashboard, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ entity(id: "agency:abad") { id } }' }),
  });
  expect(unconfigured.headers.get('access-control-allow-origin')).toBeNull();
});
