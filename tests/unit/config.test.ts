import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../../src/app/config';
import { defaultLimits } from '../../src/app/plugins/limits';

test('defaults run locally', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    host: '127.0.0.1',
    port: 4000,
    neo4j: { uri: undefined, user: 'neo4j', password: undefined, database: undefined },
    embedded: { boltPort: 7687, dataDir: path.join(projectRoot, '.data/neo4j'), heapMb: 512, pageCacheMb: 256 },
    queryTimeoutMs: 10000,
    importTimeoutMs: 600000,
    importBatchSize: 2000,
    debugErrors: false,
    logLevel: 'info',
    production: false,
    corsOrigins: [],
    cursorSecret: null,
    limits: defaultLimits,
  });
});

test('production: NODE_ENV=production or PRODUCTION=1; DEBUG_ERRORS is ignored there', () => {
  expect(loadConfig({ NODE_ENV: 'production', DEBUG_ERRORS: '1' })).toMatchObject({ production: true, debugErrors: false });
  expect(loadConfig({ PRODUCTION: '1' }).production).toBe(true);
  expect(loadConfig({ DEBUG_ERRORS: '1' })).toMatchObject({ production: false, debugErrors: true });
});

test('CORS_ORIGINS and LIMIT_* are read, bad limits refused by name', () => {
  expect(loadConfig({ CORS_ORIGINS: ' https://a.example , https://b.example,' }).corsOrigins).toEqual([
    'https://a.example',
    'https://b.example',
  ]);
  expect(loadConfig({ LIMIT_MAX_DEPTH: '8', LIMIT_MAX_COST: '5000' }).limits).toMatchObject({ maxDepth: 8, maxCost: 5000 });
  expect(() => loadConfig({ LIMIT_MAX_DEPTH: '0' })).toThrow(
    new ConfigError('LIMIT_MAX_DEPTH must be a whole number from 1 to 1000, got "0"'),
  );
});

test('bounded execution: the pool, the deadline, statement caps, requests in flight and response size, with their defaults', () => {
  const defaults = loadConfig({});
  expect(defaults.neo4j).toMatchObject({ maxPoolSize: 64, acquisitionTimeoutMs: 2000 });
  expect(defaults.limits).toMatchObject({
    requestDeadlineMs: 15000,
    mutationDeadlineMs: 600000,
    maxStatementConcurrency: 4,
    maxStatements: 100,
    maxRequestsInFlight: 32,
    maxResponseBytes: 5 * 1024 * 1024,
  });
  const set = loadConfig({
    NEO4J_MAX_POOL_SIZE: '8',
    NEO4J_ACQUISITION_TIMEOUT_MS: '500',
    REQUEST_DEADLINE_MS: '3000',
    LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY: '2',
    LIMIT_STATEMENTS_PER_REQUEST: '20',
    LIMIT_REQUESTS_IN_FLIGHT: '5',
    LIMIT_RESPONSE_BYTES: '100000',
    REQUEST_MUTATION_DEADLINE_MS: '120000',
  });
  expect(set.neo4j).toMatchObject({ maxPoolSize: 8, acquisitionTimeoutMs: 500 });
  expect(loadConfig({}).curation.idempotencyKeyTtlMs).toBe(24 * 3600 * 1000);
  expect(loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '2' }).curation.idempotencyKeyTtlMs).toBe(2 * 3600 * 1000);
  expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '0' })).toThrow(/IDEMPOTENCY_KEY_TTL_HOURS must be a whole number from 1/);
  expect(set.limits).toMatchObject({
    requestDeadlineMs: 3000,
    mutationDeadlineMs: 120000,
    maxStatementConcurrency: 2,
    maxStatements: 20,
    maxRequestsInFlight: 5,
    maxResponseBytes: 100000,
  });
  expect(() => loadConfig({ LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY: '0' })).toThrow(
    /LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY must be a whole number from 1/,
  );
  expect(() => loadConfig({ NEO4J_MAX_POOL_SIZE: 'many' })).toThrow(/NEO4J_MAX_POOL_SIZE/);
});

test('the admission queue and the exports: ADMISSION_QUEUE_*, EXPORT_*, with their defaults; bad values refused by name', () => {
  expect(loadConfig({})).toMatchObject({
    admission: { queueSize: 128, queueWaitMs: 5000 },
    exports: { timeoutMs: 900000, maxInFlight: 2, stallMs: 30000, queueSize: 16, queueWaitMs: 10000 },
  });
  const env = {
    ADMISSION_QUEUE_SIZE: '0',
    ADMISSION_QUEUE_WAIT_MS: '250',
    EXPORT_STALL_MS: '1000',
    EXPORT_QUEUE_SIZE: '3',
    EXPORT_QUEUE_WAIT_MS: '2000',
  };
  expect(loadConfig(env)).toMatchObject({
    admission: { queueSize: 0, queueWaitMs: 250 },
    exports: { stallMs: 1000, queueSize: 3, queueWaitMs: 2000 },
  });
  expect(() => loadConfig({ ADMISSION_QUEUE_WAIT_MS: '0' })).toThrow(/ADMISSION_QUEUE_WAIT_MS must be a whole number/);
  expect(() => loadConfig({ EXPORT_STALL_MS: 'soon' })).toThrow(/EXPORT_STALL_MS must be a whole number/);
});

test('RESPONSE_CACHE_BYTES: 64 MiB by default, 0 turns the cache off, anything else not a byte count is refused by name', () => {
  expect(loadConfig({}).responseCacheBytes).toBe(64 * 1024 * 1024);
  expect(loadConfig({ RESPONSE_CACHE_BYTES: '0' }).responseCacheBytes).toBe(0);
  expect(loadConfig({ RESPONSE_CACHE_BYTES: '1048576' }).responseCacheBytes).toBe(1048576);
  expect(() => loadConfig({ RESPONSE_CACHE_BYTES: '-1' })).toThrow(/RESPONSE_CACHE_BYTES must be a whole number/);
  expect(() => loadConfig({ RESPONSE_CACHE_BYTES: '64MB' })).toThrow(/RESPONSE_CACHE_BYTES must be a whole number/);
});

test('every supported URI scheme is accepted', () => {
  for (const uri of ['neo4j://db:7687', 'neo4j+s://x.databases.neo4j.io', 'bolt://127.0.0.1:7687', 'bolt+s://db']) {
    expect(loadConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
  }
});

test.each([
  [{ PORT: 'abc' }, /PORT must be a whole number from 0 to 65535/],
  [{ NEO4J_BOLT_PORT: '70000' }, /NEO4J_BOLT_PORT/],
  [{ NEO4J_URI: 'http://localhost:7474' }, /NEO4J_URI must start with/],
  [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  [{ IMPORT_TIMEOUT_MS: '10' }, /IMPORT_TIMEOUT_MS must be a whole number from 1000/],
])('bad setting %p is a clear ConfigError', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});
