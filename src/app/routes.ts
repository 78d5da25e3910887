/**
 * The HTTP routes the service answers beside POST /graphql, in the order they are asked
 * (app/http/route.ts). Each feature that serves plain HTTP contributes its routes here.
 */
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import type { HttpRoute } from './http/route';
import { pageRoutes } from './pages/routes';

export interface RouteOptions {
  db: Database;
  log: Logger;
}

export function buildRoutes(_options: RouteOptions): HttpRoute[] {
  return [...pageRoutes()];
}
