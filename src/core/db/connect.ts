/** A driver for one Neo4j server, with the pool bounds and fail-fast timeouts the service relies on, proven to connect. */
import neo4j from 'neo4j-driver';
import { ConfigError, DatabaseUnavailableError } from '../errors';
import { Database } from './database';
import { isUnavailable } from './driver-failures';

export interface Neo4jConnection {
  /** NEO4J_URI — when unset, the embedded Neo4j is started and this becomes bolt://127.0.0.1:<port>. */
  uri: string | undefined;
  /** NEO4J_USER — default "neo4j". */
  user: string;
  /** NEO4J_PASSWORD — default unset (the embedded Neo4j runs without auth on loopback). */
  password: string | undefined;
  /** NEO4J_DATABASE — default unset: the server's default database. */
  database: string | undefined;
  /**
   * NEO4J_MAX_POOL_SIZE — connections the driver opens at most (its maxConnectionPoolSize);
   * default 64 (app/config.ts). More statements than this wait for a free connection.
   */
  maxPoolSize: number;
  /**
   * NEO4J_ACQUISITION_TIMEOUT_MS — how long a statement waits for a connection (its
   * connectionAcquisitionTimeout) before it fails as DatabaseOverloadedError; default 2000
   * (app/config.ts): a saturated pool answers "busy, retry" in seconds instead of queueing.
   */
  acquisitionTimeoutMs: number;
}

/**
 * Connects and proves the connection works. Wrong credentials become a ConfigError (the
 * caller exits 1 with its message); an unreachable server a DatabaseUnavailableError.
 */
export async function connect(connection: Neo4jConnection & { uri: string }, queryTimeoutMs: number): Promise<Database> {
  const auth = connection.password !== undefined ? neo4j.auth.basic(connection.user, connection.password) : undefined;
  const driver = neo4j.driver(connection.uri, auth, {
    // A bounded pool with a short wait: when every connection is busy, a statement fails in
    // seconds as DatabaseOverloadedError (SERVICE_OVERLOADED, retry) instead of queueing.
    maxConnectionPoolSize: connection.maxPoolSize,
    connectionAcquisitionTimeout: connection.acquisitionTimeoutMs,
    // Fail fast when the database is gone: requests should get an error in seconds, not hang.
    connectionTimeout: 3000,
    maxTransactionRetryTime: 3000,
    // Counts and sizes arrive as JS numbers (no value we store comes near 2^53).
    disableLosslessIntegers: true,
  });
  try {
    await driver.verifyConnectivity({ database: connection.database });
  } catch (error) {
    await driver.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Neo.ClientError.Security')) {
      throw new ConfigError(
        `Neo4j at ${connection.uri} refused the credentials for user "${connection.user}": check NEO4J_USER and NEO4J_PASSWORD`,
      );
    }
    if (isUnavailable(error)) {
      throw new DatabaseUnavailableError(`cannot reach Neo4j at ${connection.uri}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
  return new Database(driver, {
    database: connection.database,
    queryTimeoutMs,
    maxPoolSize: connection.maxPoolSize,
    acquisitionTimeoutMs: connection.acquisitionTimeoutMs,
  });
}
