/**
 * Every setting coopgraph reads from the environment, typed, each with the default that runs
 * locally. Nothing else in src/ reads process.env.
 */
import path from 'node:path';
import { ConfigError } from '../core/errors';
import type { Neo4jConnection } from '../core/db/connect';
import type { EmbeddedNeo4jConfig } from '../core/db/embedded';
import { defaultSupervision, type SupervisionOptions } from '../core/db/supervisor';
import { projectRoot } from '../core/project';
import { defaultCuration, type CurationOptions } from '../features/curation/curation.resolvers';
import { defaultAuth, type AuthOptions } from './plugins/auth/options';
import { defaultThrottle } from './plugins/auth/throttle';
import { isRole, type Role } from '../core/auth/roles';
import { defaultLimits, type RequestLimits } from './plugins/limits';
import { defaultAdmission, type AdmissionOptions } from './plugins/overload';
import { defaultBatchSize } from '../ingest/write-batches';
import { defaultAbandonedAfterMs, defaultTransactionRows } from '../ingest/import-run';
import { defaultExportOptions, type ExportOptions } from '../features/export/options';

export { ConfigError, projectRoot };
export type { EmbeddedNeo4jConfig, Neo4jConnection };

export interface Config {
  /** HOST — default 127.0.0.1. */
  host: string;
  /** PORT — default 4000. */
  port: number;
  neo4j: Neo4jConnection;
  embedded: EmbeddedNeo4jConfig;
  /** NEO4J_RESTART_* — how the embedded Neo4j is restarted when it dies; each default in core/db/supervisor and core/db/backoff. */
  supervision: SupervisionOptions;
  /** NEO4J_QUERY_TIMEOUT_MS — transaction timeout for every query, default 10000. */
  queryTimeoutMs: number;
  /**
   * IMPORT_TIMEOUT_MS — transaction timeout for imports and the seed load at start, default
   * 600000 (10 min): a write of a whole facts table is not an API read and must not fail on a
   * busy machine under the API's timeout.
   */
  importTimeoutMs: number;
  /**
   * IMPORT_BATCH_SIZE — rows per UNWIND statement when a bundle is written (all batches in the
   * file's one transaction, or one transaction each in an import run), default 2000
   * (ingest/writer.ts defaultBatchSize).
   */
  importBatchSize: number;
  /**
   * IMPORT_TRANSACTION_ROWS — `npm run import` writes a bundle with more rows (entities +
   * relations + claims) than this as an import run: one transaction per batch with an undo log,
   * still all or nothing (ingest/import-run.ts). Default 20000.
   */
  importTransactionRows: number;
  /**
   * IMPORT_ABANDONED_AFTER_MS — an import run silent for this long (its process died) is rolled
   * back when the service or the CLI starts, by the service every this often, and before an
   * import of the same source. Default 60000 (1 min).
   */
  importAbandonedAfterMs: number;
  /** SEEDS_DIR — where the seed documents live, default seeds/ at the project root. */
  seedsDir: string;
  /** DEBUG_ERRORS — "1"/"true" adds stack traces and database messages to client errors; default off, always off in production. */
  debugErrors: boolean;
  /**
   * NODE_ENV=production or PRODUCTION=1 — introspection off, no field suggestions in errors,
   * DEBUG_ERRORS ignored. Default off (a local, explorable API).
   */
  production: boolean;
  /** CORS_ORIGINS — comma-separated origins browsers may call the API from; default none (no CORS headers: same origin only). */
  corsOrigins: string[];
  /** LOG_LEVEL — "silent", "info" or "debug"; default "info". */
  logLevel: 'silent' | 'info' | 'debug';
  /** CURSOR_SECRET — signs page cursors so they survive restarts and are shared by replicas; default unset: a random key per process. */
  cursorSecret: string | null;
  /** LIMIT_* and REQUEST_DEADLINE_MS — what a request may ask and use before it is refused; each default in app/plugins/limits. */
  limits: RequestLimits;
  /**
   * AUTH_READS ("open" or "token", default "open") and JWT_SECRET, JWT_JWKS_URL, JWT_ISSUER,
   * JWT_AUDIENCE (each default unset), JWT_ROLE_CLAIM (default "role"), JWT_CLOCK_TOLERANCE_S
   * (default 5): who may read and write; each documented in app/plugins/auth/options.ts.
   * Mutations always need a token (an API key from `npm run token`, or a JWT).
   */
  auth: AuthOptions;
  /** ADMISSION_QUEUE_SIZE (default 128) and ADMISSION_QUEUE_WAIT_MS (default 5000): how GraphQL requests past LIMIT_REQUESTS_IN_FLIGHT wait; each documented in app/plugins/overload. */
  admission: AdmissionOptions;
  /** IMPORT_MAX_BUNDLE_BYTES — the largest bundle importBundle accepts, in bytes; default 4194304 (4 MiB), in features/curation. */
  curation: CurationOptions;
  /**
   * EXPORT_TIMEOUT_MS (default 900000), EXPORTS_IN_FLIGHT (default 2), EXPORT_STALL_MS (default 30000),
   * EXPORT_QUEUE_SIZE (default 16), EXPORT_QUEUE_WAIT_MS (default 10000): how exports run; each
   * documented in features/export/options.ts.
   */
  exports: Required<ExportOptions>;
  /**
   * RESPONSE_CACHE_BYTES — the response cache's bound, in bytes of answers kept; default 67108864
   * (64 MiB); 0 turns it off (app/plugins/response-cache, docs/explanation/response-cache.md).
   */
  responseCacheBytes: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production' || flag(env, 'PRODUCTION');
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes((env[name] ?? '').toLowerCase());
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The auth settings; a JWT setting that cannot work is refused at start, not at the first request. */
/**
 * AUTH_AUDIT_ROLE or AUTH_METRICS_ROLE: none, reader, editor or admin; unset: admin in
 * production mode, else none. Set only when a role is needed, so an open service reads as before.
 */
function protectedRead(env: NodeJS.ProcessEnv, name: string, production: boolean): Role | null {
  const value = optional(env, name) ?? (production ? 'admin' : 'none');
  if (value === 'none') return null;
  if (!isRole(value)) throw new ConfigError(`${name} must be none, reader, editor or admin, got "${value}"`);
  return value;
}

function authOptions(env: NodeJS.ProcessEnv): AuthOptions {
  const production = isProduction(env);
  const auditRole = protectedRead(env, 'AUTH_AUDIT_ROLE', production);
  const metricsRole = protectedRead(env, 'AUTH_METRICS_ROLE', production);
  const reads = env.AUTH_READS ?? defaultAuth.reads;
  if (reads !== 'open' && reads !== 'token') throw new ConfigError(`AUTH_READS must be open or token, got "${reads}"`);
  const secret = optional(env, 'JWT_SECRET') ?? null;
  // HS256 with a short secret can be brute-forced from any token it signed (RFC 7518: at least the hash size).
  if (secret !== null && Buffer.byteLength(secret, 'utf8') < 32)
    throw new ConfigError('JWT_SECRET must be at least 32 bytes long (256 bits for HS256)');
  const jwksUrl = optional(env, 'JWT_JWKS_URL') ?? null;
  if (jwksUrl !== null && !/^https?:\/\/[^\s]+$/.test(jwksUrl))
    throw new ConfigError(`JWT_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
  return {
    reads,
    jwt: {
      secret,
      jwksUrl,
      issuer: optional(env, 'JWT_ISSUER') ?? defaultAuth.jwt.issuer,
      audience: optional(env, 'JWT_AUDIENCE') ?? defaultAuth.jwt.audience,
      roleClaim: optional(env, 'JWT_ROLE_CLAIM') ?? defaultAuth.jwt.roleClaim,
      clockToleranceSeconds: integer(env, 'JWT_CLOCK_TOLERANCE_S', defaultAuth.jwt.clockToleranceSeconds, 0, 3600),
      ...(optional(env, 'AUTH_REQUIRE_EXP') === undefined ? {} : { requireExp: flag(env, 'AUTH_REQUIRE_EXP') }),
    },
    ...(auditRole === null ? {} : { auditRole }),
    ...(metricsRole === null ? {} : { metricsRole }),
    // Unset: the plugin's defaultThrottle.
    ...(optional(env, 'AUTH_FAILURES_MAX') === undefined && optional(env, 'AUTH_FAILURES_WINDOW_S') === undefined
      ? {}
      : {
          throttle: {
            ...defaultThrottle,
            maxFailures: integer(env, 'AUTH_FAILURES_MAX', defaultThrottle.maxFailures, 0, 1000000),
            windowMs: integer(env, 'AUTH_FAILURES_WINDOW_S', defaultThrottle.windowMs / 1000, 1, 86400) * 1000,
          },
        }),
  };
}

/** The request limits (LIMIT_*, REQUEST_*_DEADLINE_MS), each within its bounds. */
function limitOptions(env: NodeJS.ProcessEnv): RequestLimits {
  return {
    maxDepth: integer(env, 'LIMIT_MAX_DEPTH', defaultLimits.maxDepth, 1, 1000),
    maxAliases: integer(env, 'LIMIT_MAX_ALIASES', defaultLimits.maxAliases, 0, 100000),
    maxDirectives: integer(env, 'LIMIT_MAX_DIRECTIVES', defaultLimits.maxDirectives, 0, 100000),
    maxRootFields: integer(env, 'LIMIT_MAX_ROOT_FIELDS', defaultLimits.maxRootFields, 1, 1000),
    maxTokens: integer(env, 'LIMIT_MAX_TOKENS', defaultLimits.maxTokens, 10, 10000000),
    maxQueryBytes: integer(env, 'LIMIT_MAX_QUERY_BYTES', defaultLimits.maxQueryBytes, 100, 100000000),
    maxCost: integer(env, 'LIMIT_MAX_COST', defaultLimits.maxCost, 1, 1000000000),
    assumedListSize: integer(env, 'LIMIT_ASSUMED_LIST_SIZE', defaultLimits.assumedListSize, 1, 100000),
    requestDeadlineMs: integer(env, 'REQUEST_DEADLINE_MS', defaultLimits.requestDeadlineMs, 100, 3600000),
    maxStatementConcurrency: integer(env, 'LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY', defaultLimits.maxStatementConcurrency, 1, 1000),
    maxStatements: integer(env, 'LIMIT_STATEMENTS_PER_REQUEST', defaultLimits.maxStatements, 1, 1000000),
    mutationDeadlineMs: integer(env, 'REQUEST_MUTATION_DEADLINE_MS', defaultLimits.mutationDeadlineMs, 100, 86400000),
    maxRequestsInFlight: integer(env, 'LIMIT_REQUESTS_IN_FLIGHT', defaultLimits.maxRequestsInFlight, 1, 100000),
    maxResponseBytes: integer(env, 'LIMIT_RESPONSE_BYTES', defaultLimits.maxResponseBytes, 1024, 1073741824),
  };
}

/** How GraphQL requests past LIMIT_REQUESTS_IN_FLIGHT wait (ADMISSION_QUEUE_*). */
function admissionOptions(env: NodeJS.ProcessEnv): AdmissionOptions {
  return {
    queueSize: integer(env, 'ADMISSION_QUEUE_SIZE', defaultAdmission.queueSize, 0, 100000),
    queueWaitMs: integer(env, 'ADMISSION_QUEUE_WAIT_MS', defaultAdmission.queueWaitMs, 1, 3600000),
  };
}

/** How exports run (EXPORT_*, EXPORTS_IN_FLIGHT). */
function exportOptions(env: NodeJS.ProcessEnv): Required<ExportOptions> {
  return {
    timeoutMs: integer(env, 'EXPORT_TIMEOUT_MS', defaultExportOptions.timeoutMs, 1000, 86400000),
    maxInFlight: integer(env, 'EXPORTS_IN_FLIGHT', defaultExportOptions.maxInFlight, 1, 1000),
    stallMs: integer(env, 'EXPORT_STALL_MS', defaultExportOptions.stallMs, 100, 86400000),
    queueSize: integer(env, 'EXPORT_QUEUE_SIZE', defaultExportOptions.queueSize, 0, 10000),
    queueWaitMs: integer(env, 'EXPORT_QUEUE_WAIT_MS', defaultExportOptions.queueWaitMs, 1, 3600000),
  };
}

/** The response cache's default bound: a dashboard's worth of answers many times over, a small share of a server's memory. */
export const defaultResponseCacheBytes = 64 * 1024 * 1024;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = isProduction(env);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (logLevel !== 'silent' && logLevel !== 'info' && logLevel !== 'debug') {
    throw new ConfigError(`LOG_LEVEL must be silent, info or debug, got "${logLevel}"`);
  }
  const uri = optional(env, 'NEO4J_URI');
  if (uri !== undefined && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(uri)) {
    throw new ConfigError(`NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got "${uri}"`);
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    neo4j: {
      uri,
      user: env.NEO4J_USER ?? 'neo4j',
      password: optional(env, 'NEO4J_PASSWORD'),
      database: optional(env, 'NEO4J_DATABASE'),
      maxPoolSize: integer(env, 'NEO4J_MAX_POOL_SIZE', 64, 1, 10000),
      acquisitionTimeoutMs: integer(env, 'NEO4J_ACQUISITION_TIMEOUT_MS', 2000, 10, 600000),
    },
    embedded: {
      boltPort: integer(env, 'NEO4J_BOLT_PORT', 7687, 1, 65535),
      dataDir: path.resolve(projectRoot, env.NEO4J_DATA_DIR ?? '.data/neo4j'),
      heapMb: integer(env, 'NEO4J_HEAP_MB', 512, 128, 65536),
      pageCacheMb: integer(env, 'NEO4J_PAGECACHE_MB', 256, 16, 65536),
      startTimeoutSeconds: integer(env, 'NEO4J_START_TIMEOUT_S', 600, 10, 3600),
    },
    supervision: {
      ...defaultSupervision,
      initialDelayMs: integer(env, 'NEO4J_RESTART_DELAY_MS', defaultSupervision.initialDelayMs, 1, 3600000),
      maxDelayMs: integer(env, 'NEO4J_RESTART_MAX_DELAY_MS', defaultSupervision.maxDelayMs, 1, 3600000),
      maxFailedStarts: integer(env, 'NEO4J_RESTART_MAX_FAILURES', defaultSupervision.maxFailedStarts, 0, 1000),
    },
    queryTimeoutMs: integer(env, 'NEO4J_QUERY_TIMEOUT_MS', 10000, 100, 600000),
    importTimeoutMs: integer(env, 'IMPORT_TIMEOUT_MS', 600000, 1000, 86400000),
    importBatchSize: integer(env, 'IMPORT_BATCH_SIZE', defaultBatchSize, 1, 100000),
    importTransactionRows: integer(env, 'IMPORT_TRANSACTION_ROWS', defaultTransactionRows, 1, 100000000),
    importAbandonedAfterMs: integer(env, 'IMPORT_ABANDONED_AFTER_MS', defaultAbandonedAfterMs, 1000, 86400000),
    cursorSecret: optional(env, 'CURSOR_SECRET') ?? null,
    limits: limitOptions(env),
    auth: authOptions(env),
    admission: admissionOptions(env),
    curation: {
      maxBundleBytes: integer(env, 'IMPORT_MAX_BUNDLE_BYTES', defaultCuration.maxBundleBytes, 1024, 1073741824),
      idempotencyKeyTtlMs: integer(env, 'IDEMPOTENCY_KEY_TTL_HOURS', defaultCuration.idempotencyKeyTtlMs / 3600000, 1, 87600) * 3600000,
    },
    exports: exportOptions(env),
    responseCacheBytes: integer(env, 'RESPONSE_CACHE_BYTES', defaultResponseCacheBytes, 0, 68719476736),
    seedsDir: path.resolve(projectRoot, env.SEEDS_DIR ?? 'seeds'),
    debugErrors: flag(env, 'DEBUG_ERRORS') && !production,
    production,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    logLevel,
  };
}
