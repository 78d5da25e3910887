/**
 * The response cache (RESPONSE_CACHE_BYTES; docs/explanation/response-cache.md): a query's
 * successful answer is kept in memory under its request key (keys.ts) and the dataset counter
 * read at the request's start, and served again while the counter has not moved. Every write
 * transaction raises the counter in its own commit (core/db/dataset-counter.ts), and each
 * request reads it from Neo4j, so no replica on the same Neo4j ever serves an answer older than
 * the request: 0 ms of staleness, for one index seek a request.
 *
 * It answers at Apollo's responseForOperation, which runs after every plugin's
 * didResolveOperation: the limits (cost, depth, ...) and auth (token, role) have refused the
 * request already if they were going to, so a hit never bypasses either. Only queries sent over
 * HTTP are cached (never mutations, nor the warm-up's in-process reads), only answers without
 * errors, and never a document selecting an `@uncached` field (Query.viewer).
 *
 * Over GET (and the persisted-query style GET whose URL carries the whole request), the answer
 * carries `ETag` (counter and key) and `Cache-Control: no-cache` (public without a token, private
 * with one): a browser or a CDN may keep it but must ask again each time, and an If-None-Match
 * naming the current tag is answered 304 with no body, after the same limits and auth.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, type GraphQLResponse } from '@apollo/server';
import { Counter, Gauge, type Registry } from 'prom-client';
import { counterOf, readDatasetCounter } from '../../../core/db/dataset-counter';
import type { RequestContext } from '../../../core/graphql/context';
import { entityTag, noneMatch, requestKey, selectsUncachedField } from './keys';
import { ByteBoundedLru } from './lru';

/** How a cacheable request was answered: from memory, by execution (then kept), or 304 to the client's copy. */
type Served = 'hit' | 'miss' | 'notModified';

interface Lookup {
  key: string;
  counter: number;
  tag: string;
  served: Served;
  /** Whether a token came with the request: its answer is private to that client's caches. */
  authenticated: boolean;
  /** The kept answer, for a hit. */
  found?: unknown;
}

/** The answers, and what /metrics says of them. */
export class ResponseCache {
  private readonly answers: ByteBoundedLru<unknown>;
  /** The newest counter a request has read: answers under older ones can never be served again. */
  private counter = -1;
  private readonly hits: Counter<'answer'>;
  private readonly misses: Counter;

  constructor(maxBytes: number, registry: Registry) {
    this.answers = new ByteBoundedLru(maxBytes);
    this.hits = new Counter({
      name: 'coopgraph_response_cache_hits_total',
      help: 'Queries answered by the response cache: with the kept answer (body) or 304 to the client copy (not_modified)',
      labelNames: ['answer'],
      registers: [registry],
    });
    this.misses = new Counter({
      name: 'coopgraph_response_cache_misses_total',
      help: 'Cacheable queries the response cache did not hold: executed, and kept when they succeeded',
      registers: [registry],
    });
    // Both series from the start, so a scrape before the first hit reads 0, not nothing.
    for (const answer of ['body', 'not_modified']) this.hits.inc({ answer }, 0);
    const answers = this.answers;
    new Gauge({
      name: 'coopgraph_response_cache_bytes',
      help: 'Bytes of JSON the response cache holds (RESPONSE_CACHE_BYTES bounds it)',
      registers: [registry],
      collect() {
        this.set(answers.bytes);
      },
    });
    new Gauge({
      name: 'coopgraph_response_cache_entries',
      help: 'Answers the response cache holds',
      registers: [registry],
      collect() {
        this.set(answers.size);
      },
    });
  }

  /** The answer kept under `key` at `counter`; a newer counter than any seen empties the cache first. */
  find(counter: number, key: string): unknown {
    if (counter > this.counter) {
      this.answers.clear();
      this.counter = counter;
    }
    return counter === this.counter ? this.answers.get(key) : undefined;
  }

  /** Keeps `data` unless a write has moved the counter since the request read it. */
  keep(counter: number, key: string, data: unknown): void {
    if (counter !== this.counter) return;
    this.answers.set(key, data, Buffer.byteLength(JSON.stringify(data)));
  }

  count(served: Served): void {
    if (served === 'miss') this.misses.inc();
    else this.hits.inc({ answer: served === 'hit' ? 'body' : 'not_modified' });
  }
}

/** The lookup for a cacheable request; null when it must run as usual (a mutation, an @uncached field, no counter). */
async function lookUp(cache: ResponseCache, context: GraphQLRequestContextResponseForOperation<RequestContext>): Promise<Lookup | null> {
  const { operation, request, contextValue } = context;
  if (operation.operation !== 'query' || !request.http || selectsUncachedField(context.schema, context.document)) return null;
  let counter: number;
  try {
    counter = counterOf(await contextValue.db.read(readDatasetCounter));
  } catch {
    // Neo4j did not answer: the execution meets the same failure and reports it as usual.
    return null;
  }
  const viewer = contextValue.viewer ?? null;
  const key = requestKey({
    query: context.queryHash ?? context.source,
    operationName: request.operationName ?? null,
    variables: request.variables ?? {},
    role: viewer?.role ?? 'anonymous',
  });
  const tag = entityTag(counter, key);
  const lookup = { key, counter, tag, authenticated: viewer !== null };
  if (request.http.method === 'GET' && noneMatch(request.http.headers.get('if-none-match'), tag)) {
    return { ...lookup, served: 'notModified' };
  }
  const found = cache.find(counter, key);
  return found === undefined ? { ...lookup, served: 'miss' } : { ...lookup, served: 'hit', found };
}

/** What responseForOperation answers for a hit or a 304 (whose body is never sent). */
function cachedResponse(data: unknown): GraphQLResponse {
  return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
}

/** Sets the cache's headers on a successful answer, and 304 when the client's copy is current. */
function describe(response: GraphQLResponse, lookup: Lookup, get: boolean): void {
  const { headers } = response.http;
  headers.set('x-cache', lookup.served === 'miss' ? 'MISS' : 'HIT');
  if (!get) return;
  headers.set('etag', lookup.tag);
  headers.set('cache-control', `${lookup.authenticated ? 'private' : 'public'}, no-cache`);
  headers.set('vary', 'authorization');
  if (lookup.served === 'notModified') response.http.status = 304;
}

function succeeded(response: GraphQLResponse): unknown {
  if (response.body.kind !== 'single') return undefined;
  const { data, errors } = response.body.singleResult;
  return errors?.length || data === null || data === undefined ? undefined : data;
}

export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let lookup: Lookup | null = null;
      return {
        async responseForOperation(context) {
          lookup = await lookUp(cache, context);
          if (lookup === null) return null;
          cache.count(lookup.served);
          if (lookup.served === 'miss') return null;
          return cachedResponse(lookup.served === 'hit' ? lookup.found : {});
        },
        async willSendResponse({ request, response }) {
          const get = request.http?.method === 'GET';
          const data = succeeded(response);
          if (lookup === null || data === undefined) {
            // Not cacheable, or it failed: a browser or a CDN must not keep it either.
            if (get) response.http.headers.set('cache-control', 'no-store');
            return;
          }
          if (lookup.served === 'miss') cache.keep(lookup.counter, lookup.key, data);
          describe(response, lookup, get);
        },
      };
    },
  };
}
