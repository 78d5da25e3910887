/**
 * What the response cache's tests ask of a server: GraphQL over POST and GET with the headers
 * that matter to a cache (X-Cache, ETag, Cache-Control), and the cache's counters in /metrics.
 * Takes a GraphQL URL, so it serves a server in this process and one in a child process alike.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

export interface CachedAnswer {
  status: number;
  /** X-Cache: HIT or MISS; null when the request was not cacheable (or failed). */
  cache: string | null;
  etag: string | null;
  cacheControl: string | null;
  /** The body as text: empty for a 304. */
  text: string;
  data?: Data;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

async function answerOf(response: Response): Promise<CachedAnswer> {
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Pick<CachedAnswer, 'data' | 'errors' | 'extensions'>) : {};
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    text,
    ...body,
  };
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<CachedAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return answerOf(response);
}

/** A GET /graphql?query=...&variables=... (the persisted-query style: the URL is the whole request). */
export async function get(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<CachedAnswer> {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return answerOf(response);
}

export interface CacheCounts {
  hits: number;
  notModified: number;
  misses: number;
  bytes: number;
  entries: number;
}

/** The response cache's counters from the server's /metrics. */
export async function cacheCounts(url: string): Promise<CacheCounts> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  return {
    hits: value(/^coopgraph_response_cache_hits_total\{answer="body"\} (\d+)/m),
    notModified: value(/^coopgraph_response_cache_hits_total\{answer="not_modified"\} (\d+)/m),
    misses: value(/^coopgraph_response_cache_misses_total (\d+)/m),
    bytes: value(/^coopgraph_response_cache_bytes (\d+)/m),
    entries: value(/^coopgraph_response_cache_entries (\d+)/m),
  };
}
