/**
 * A cap on what one answer may weigh (LIMIT_RESPONSE_BYTES): the cost limit bounds what a query
 * may ask, but not how big the stored values it reaches are (a document's full text, a hub's
 * citations). A larger answer is replaced, before any of it is sent, by RESPONSE_TOO_LARGE naming
 * its size and the maximum, HTTP 400 as the other limits: the client asks for less.
 *
 * That check weighs the finished body; ./budget.ts keeps the same cap while the answer is built,
 * so an answer far over it stops at about the cap instead of being built whole first.
 */
export { responseBudgetPlugin, defaultLargeAnswerOptions, type LargeAnswerOptions } from './budget';

/** The body's size in UTF-8 bytes when it is over `maximum`, else null. */
export function oversize(body: string, maximum: number): number | null {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most bodies are answered without counting.
  if (body.length * 3 <= maximum) return null;
  const bytes = Buffer.byteLength(body, 'utf8');
  return bytes > maximum ? bytes : null;
}

/** The refusal that replaces an answer of `found` bytes: its message and extensions. */
export function responseTooLarge(found: number, maximum: number): { message: string; extensions: Record<string, unknown> } {
  return {
    message: `The response is ${found} bytes, more than the ${maximum} allowed (maxResponseBytes); ask for less: a smaller page, fewer fields or levels.`,
    extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found, maximum },
  };
}
