/**
 * What every resolver receives: the database door, and a memo of what this request built once
 * (DataLoaders above all, whose caches must never serve another request). Features declare
 * their loaders with `perRequest`, so core knows none of them.
 */
import type { QueryRunner } from '../db/database';

/** Roles, least first: a reader reads, an editor also writes, an admin also manages what editors cannot. */
export type Role = 'reader' | 'editor' | 'admin';

/** Who is asking, as their bearer token says. */
export interface Viewer {
  /** The token's subject: an API key's name, a JWT's sub. What the audit trail records as `by`. */
  subject: string;
  role: Role;
}

export interface RequestContext {
  db: QueryRunner;
  /** Set from the request's bearer token; null or unset when it came without one (or in-process). */
  viewer?: Viewer | null;
  /** Keyed by the builder function a feature passed to perRequest. */
  memo: Map<unknown, unknown>;
  /** The request's id (X-Request-Id) when it came over HTTP; unset for in-process runs (the warm-up). */
  requestId?: string;
}

export function createRequestContext(db: QueryRunner, requestId?: string): RequestContext {
  return { db, memo: new Map(), requestId };
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
