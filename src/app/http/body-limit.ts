/**
 * GraphQL stage 2, body limit: a POST's body is read up to its limit (maxBodyBytes; a request
 * whose bearer token verifies may send up to maxTokenBodyBytes, room for importBundle's bundle).
 * The token is checked here, before the body is read, only when the body may be larger than
 * maxBodyBytes (a Content-Length over it, or none): any `Bearer x` header used to raise the
 * limit, so an anonymous client could send 4 MiB. The auth plugin still decides what the
 * token may do; a refused token here only keeps the smaller limit. A larger
 * one is refused with 413 once the client has finished sending (what it sends past the limit is
 * discarded, not kept), so the client reads the answer instead of a reset connection; one that
 * keeps sending past 16x the limit is cut off.
 */
import { readBody } from '../../core/http/read-body';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export interface BodyLimits {
  maxBodyBytes: number;
  maxTokenBodyBytes: number;
  /** True when the token verifies (and its client is not throttled); never throws. */
  tokenVerifies: (token: string, exchange: GraphQLExchange) => Promise<boolean>;
}

export function limitBody(limits: BodyLimits): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    if (exchange.request.method === 'POST') exchange.rawBody = await readBody(exchange.request, await maxBytesOf(exchange, limits));
    await next();
  };
}

async function maxBytesOf(exchange: GraphQLExchange, { maxBodyBytes, maxTokenBodyBytes, tokenVerifies }: BodyLimits): Promise<number> {
  const { authorization, request } = exchange;
  if (authorization.kind !== 'bearer' || maxTokenBodyBytes <= maxBodyBytes) return maxBodyBytes;
  const declared = Number(request.headers['content-length']);
  // A body that says it fits the smaller limit needs no check here (it is cut there if it lies).
  if (Number.isFinite(declared) && declared <= maxBodyBytes) return maxBodyBytes;
  return (await tokenVerifies(authorization.token, exchange)) ? maxTokenBodyBytes : maxBodyBytes;
}
