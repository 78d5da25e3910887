/**
 * Every setting coopgraph reads from the environment, typed, each with the default that runs
 * locally. Nothing else in src/ reads process.env.
 */
import path from 'node:path';

export interface Neo4jConnection {
  /** NEO4J_URI — when unset, the embedded Neo4j is started and this becomes bolt://127.0.0.1:<port>. */
  uri: string | undefined;
  /** NEO4J_USER — default "neo4j". */
  user: string;
  /** NEO4J_PASSWORD — default unset (the embedded Neo4j runs without auth on loopback). */
  password: string | undefined;
  /** NEO4J_DATABASE — default unset: the server's default database. */
  database: string | undefined;
}

export interface EmbeddedNeo4jConfig {
  /** NEO4J_BOLT_PORT — default 7687. Bolt listens on 127.0.0.1 only. */
  boltPort: number;
  /** NEO4J_DATA_DIR — default .data/neo4j (git-ignored); a restart reuses it. */
  dataDir: string;
  /** NEO4J_HEAP_MB — JVM heap of the launcher, default 512. */
  heapMb: number;
  /** NEO4J_PAGECACHE_MB — Neo4j page cache (off-heap), default 256. */
  pageCacheMb: number;
  /** NEO4J_START_TIMEOUT_S — how long to wait for Maven and the JVM, default 600 (a first Maven download can be slow). */
  startTimeoutSeconds: number;
}

export interface Config {
  /** HOST — default 127.0.0.1. */
  host: string;
  /** PORT — default 4000. */
  port: number;
  neo4j: Neo4jConnection;
  embedded: EmbeddedNeo4jConfig;
  /** NEO4J_QUERY_TIMEOUT_MS — transaction timeout for every query, default 10000. */
  queryTimeoutMs: number;
  /** SEEDS_DIR — where the seed documents live, default seeds/ at the project root. */
  seedsDir: string;
  /** DEBUG_ERRORS — "1"/"true" adds stack traces and database messages to client errors; default off. */
  debugErrors: boolean;
  /** LOG_LEVEL — "silent", "info" or "debug"; default "info". */
  logLevel: 'silent' | 'info' | 'debug';
}

/** The project root: src/ and dist/src/ both sit below it. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export class ConfigError extends Error {
  override name = 'ConfigError';
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

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes((env[name] ?? '').toLowerCase());
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
    },
    embedded: {
      boltPort: integer(env, 'NEO4J_BOLT_PORT', 7687, 1, 65535),
      dataDir: path.resolve(projectRoot, env.NEO4J_DATA_DIR ?? '.data/neo4j'),
      heapMb: integer(env, 'NEO4J_HEAP_MB', 512, 128, 65536),
      pageCacheMb: integer(env, 'NEO4J_PAGECACHE_MB', 256, 16, 65536),
      startTimeoutSeconds: integer(env, 'NEO4J_START_TIMEOUT_S', 600, 10, 3600),
    },
    queryTimeoutMs: integer(env, 'NEO4J_QUERY_TIMEOUT_MS', 10000, 100, 600000),
    seedsDir: path.resolve(projectRoot, env.SEEDS_DIR ?? 'seeds'),
    debugErrors: flag(env, 'DEBUG_ERRORS'),
    logLevel,
  };
}
