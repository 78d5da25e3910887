/**
 * What startServer takes, each option with its default beside it: `serverDefaults` holds them
 * all, and withDefaults fills them in once, so no stage guesses a default of its own.
 */
import type { Database } from '../../core/db/database';
import type { SupervisorStatus } from '../../core/db/supervisor';
import type { HttpRoute } from '../../core/http/route';
import type { Logger } from '../../core/logger';
import { defaultCuration, type CurationOptions } from '../../features/curation/resolvers';
import { defaultExportOptions, type ExportOptions } from '../../features/export/options';
import type { Readiness } from './readiness';
import { defaultAuth, type AuthOptions } from '../plugins/auth';
import { defaultLimits, type RequestLimits } from '../plugins/limits';

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
  production: false,
  corsOrigins: [] as readonly string[],
  exports: defaultExportOptions,
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
