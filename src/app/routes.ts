/**
 * The HTTP routes the service answers beside POST /graphql, in the order they are asked
 * (app/http/route.ts). Each feature that serves plain HTTP contributes its routes here.
 */
import { buildSchema } from 'graphql';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { defaultExportOptions, type ExportOptions } from '../features/export/options';
import { exportRoutes } from '../features/export/export.routes';
import type { ExportSlots } from '../features/export/slots';
import { reconcileRoutes } from '../features/reconcile/reconcile.routes';
import { DatasetVersions, type DatasetVersionSource } from '../features/export/version';
import type { HttpRoute } from '../core/http/route';
import { readGate } from './http/read-gate';
import { Authenticator, defaultAuth, type AuthOptions } from './plugins/auth';
import { loadTypeDefs } from './schema';
import { pageRoutes } from './pages/routes';
import { serviceVersion } from './service-version';

export interface RouteOptions {
  db: Database;
  log: Logger;
  /** Who may read (AUTH_READS, tokens): exports follow the same rules as queries. Default defaultAuth. */
  auth?: AuthOptions;
  /** The server's token checker, shared with GraphQL (one throttle of failed authentications). Default one of its own. */
  authenticator?: Authenticator;
  /** EXPORT_TIMEOUT_MS, EXPORTS_IN_FLIGHT. Default defaultExportOptions (features/export/options.ts). */
  exports?: ExportOptions;
  /** The dataset version cache shared with Query.datasetVersion. Default one of its own on `db`. */
  versions?: DatasetVersionSource;
  /** The exports' slots, shared with /metrics. Default slots of their own. */
  exportSlots?: ExportSlots;
}

export function buildRoutes(options: RouteOptions): HttpRoute[] {
  const exports = options.exports ?? defaultExportOptions;
  const schema = buildSchema(loadTypeDefs());
  const gate = readGate(schema, options.auth ?? defaultAuth, options.db, options.authenticator);
  return [
    ...exportRoutes({
      db: options.db,
      log: options.log,
      schema,
      versions: options.versions ?? new DatasetVersions(options.db.withTimeout(exports.timeoutMs), options.log),
      gate,
      options: exports,
      slots: options.exportSlots,
    }),
    ...reconcileRoutes({ db: options.db, gate, serviceVersion }),
    ...pageRoutes(),
  ];
}
