/**
 * What startServer takes, each option with its default beside it: `serverDefaults` holds them
 * all, and withDefaults fills them in once, so no stage guesses a default of its own.
 */
import type { Database } from '../../core/db/database';
import type { SupervisorStatus } from '../../core/db/supervisor';
import type { HttpRoute } from '../../core/http/route';
import type { Logger } from '../../core/logger';
import { defaultCuration, type CurationOptions } from '../../features/curation/curation.resolvers';
import { defaultExportOptions, type ExportOptions } from '../../features/export/options';
import type { Readiness } from './readiness';
import { defaultAuth, type AuthOptions } from '../plugins/auth';
import { defaultLimits, type RequestLimits } from '../plugins/limits';
import { defaultAdmission, type AdmissionOptions } from '../plugins/overload';
import { defaultLargeAnswerOptions, type LargeAnswerOptions } from '../plugins/response-size';

export interface ServerOptions {
  db: Database;
  log: Logger;
  /** Client errors include internal messages and stack traces (DEBUG_ERRORS). */
  debugErrors?: boolean;
  /**
   * Largest request body accepted, in bytes. A request with a bearer token in its Authorization
   * header may send up to the bundle limit plus 64 KiB instead (importBundle), if that is more.
   */
  maxBodyBytes?: number;
  /** Who may read and write (AUTH_READS, JWT_*). */
  auth?: AuthOptions;
  /** The mutations' settings (IMPORT_MAX_BUNDLE_BYTES). */
  curation?: CurationOptions;
  /** What a request may ask and use before it is refused (deadline, statements, requests in flight, response size too). */
  limits?: RequestLimits;
  /** How requests past LIMIT_REQUESTS_IN_FLIGHT wait (ADMISSION_QUEUE_SIZE, ADMISSION_QUEUE_WAIT_MS). */
  admission?: AdmissionOptions;
  /** How answers past the large-answer bar are built: how many at once, and whether they share the event loop. */
  largeAnswers?: LargeAnswerOptions;
  /** Production: introspection off, no field suggestions in errors. */
  production?: boolean;
  /** Origins browsers may call from (CORS); none: no CORS headers, same origin only. */
  corsOrigins?: readonly string[];
  /** The embedded Neo4j's supervisor, for its restarts and state in /metrics; none with NEO4J_URI and in tests. */
  neo4jSupervisor?: { status(): SupervisorStatus };
  /** What /health/ready reports (main.ts marks the warm-up); none: ready whenever a read succeeds. */
  readiness?: Readiness;
  /** EXPORT_TIMEOUT_MS, EXPORTS_IN_FLIGHT. */
  exports?: ExportOptions;
  /**
   * How long an idle keep-alive connection stays open, in ms. Longer than the idle timeout of the
   * proxies and clients that reuse connections (a load balancer's 60 s, undici's 4 s), so the server
   * is never the side that closes a connection a client is about to reuse: Node's own 5 s default
   * lets a request written on such a socket fail with ECONNRESET.
   */
  keepAliveTimeoutMs?: number;
  /**
   * RESPONSE_CACHE_BYTES: the response cache's bound, in bytes of JSON answers kept (least
   * recently used first out); 0 turns it off (plugins/response-cache). Off unless given: the app
   * gives it from the environment (default 64 MiB there), tests where they mean it.
   */
  responseCacheBytes?: number;
  /** Plain HTTP routes asked after /health and /metrics and before /graphql (pages, exports); default buildRoutes (app/routes.ts). */
  routes?: readonly HttpRoute[];
}

/** The default of every optional setting but `routes` (built from the others), `neo4jSupervisor` and `readiness` (none). */
export const serverDefaults = {
  debugErrors: false,
  maxBodyBytes: 1024 * 1024,
  auth: defaultAuth,
  curation: defaultCuration,
  limits: defaultLimits,
  admission: defaultAdmission,
  largeAnswers: defaultLargeAnswerOptions,
  production: false,
  corsOrigins: [] as readonly string[],
  exports: defaultExportOptions,
  keepAliveTimeoutMs: 65_000,
  responseCacheBytes: 0,
};

export type ResolvedServerOptions = Omit<ServerOptions, keyof typeof serverDefaults> & typeof serverDefaults;

export function withDefaults(options: ServerOptions): ResolvedServerOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...serverDefaults, ...given } as ResolvedServerOptions;
}

/** Room for a bundle and the document around it, for requests that carry a bearer token (body-limit.ts). */
export function maxTokenBodyBytes(options: ResolvedServerOptions): number {
  return Math.max(options.maxBodyBytes, options.curation.maxBundleBytes + 64 * 1024);
}
