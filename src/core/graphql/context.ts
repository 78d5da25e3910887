/**
 * What every resolver receives: the database door, and a memo of what this request built once
 * (DataLoaders above all, whose caches must never serve another request). Features declare
 * their loaders with `perRequest`, so core knows none of them.
 */
import type { AuthorizationHeader } from '../auth/authorization-header';
import type { Viewer } from '../auth/roles';
import type { Logger } from '../logger';
import type { QueryRunner } from '../db/database';

export interface RequestContext {
  db: QueryRunner;
  /** Keyed by the builder function a feature passed to perRequest. */
  memo: Map<unknown, unknown>;
  /** The request's id (X-Request-Id) when it came over HTTP; unset for in-process runs (the warm-up). */
  requestId?: string;
  /** The request's logger (its lines carry requestId, app/http/request-id.ts); unset for in-process runs. */
  log?: Logger;
  /** The Authorization header, parsed once by the HTTP pipeline (app/http/authorization.ts); unset for in-process runs. */
  authorization?: AuthorizationHeader;
  /**
   * Who sent the request: set by the auth plugin (app/plugins/auth) before any resolver runs;
   * null when anonymous, undefined for in-process runs (the warm-up).
   */
  viewer?: Viewer | null;
  /**
   * Aborted when the request must stop (its deadline passed, its client left): for work that does
   * not go through `db`'s statements, such as waiting for a computation others share. Unset for
   * in-process runs.
   */
  signal?: AbortSignal;
  /** The client's address (its socket's remote IP): failed authentications are throttled per client. */
  clientAddress?: string;
}

export function createRequestContext(db: QueryRunner, requestId?: string, signal?: AbortSignal): RequestContext {
  return { db, memo: new Map(), requestId, signal };
}

/**
 * Declares something a request builds on first use and then shares, e.g.
 * `export const entityLoader = perRequest((db) => new DataLoader(...))`, used as
 * `entityLoader(context).load(id)`.
 */
export function perRequest<T>(build: (db: QueryRunner) => T): (context: RequestContext) => T {
  return (context) => {
    if (!context.memo.has(build)) context.memo.set(build, build(context.db));
    return context.memo.get(build) as T;
  };
}
