/**
 * A request's body, read up to `maxBytes`. A larger one is refused with 413 PAYLOAD_TOO_LARGE once
 * the client has finished sending (what it sends past the limit is discarded, not kept), so the
 * client reads the answer instead of a reset connection; one that keeps sending past 16x the
 * limit is cut off. Used by /graphql's body-limit stage and by /reconcile.
 */
import type http from 'node:http';
import { HttpRefusal } from './refusal';

export function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
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
