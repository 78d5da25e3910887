/**
 * GraphQL stage 2, body limit: a POST's body is read up to its limit (maxBodyBytes; a request
 * with a bearer token may send up to maxTokenBodyBytes, room for importBundle's bundle). A larger
 * one is refused with 413 once the client has finished sending (what it sends past the limit is
 * discarded, not kept), so the client reads the answer instead of a reset connection; one that
 * keeps sending past 16x the limit is cut off.
 */
import type http from 'node:http';
import { HttpRefusal } from '../../core/http/refusal';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export interface BodyLimits {
  maxBodyBytes: number;
  maxTokenBodyBytes: number;
}

export function limitBody({ maxBodyBytes, maxTokenBodyBytes }: BodyLimits): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    if (exchange.request.method === 'POST') {
      const bearer = exchange.authorization.kind === 'bearer';
      exchange.rawBody = await readBody(exchange.request, bearer ? maxTokenBodyBytes : maxBodyBytes);
    }
    await next();
  };
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes * 16) request.destroy();
      else if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > maxBytes) reject(tooLarge(size, maxBytes));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function tooLarge(size: number, maxBytes: number): HttpRefusal {
  return new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is ${size} bytes, more than the ${maxBytes} allowed.`, {
    found: size,
    maximum: maxBytes,
  });
}
