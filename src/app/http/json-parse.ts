/**
 * GraphQL stage 3, JSON parse: a POST's body is parsed here (400 BAD_REQUEST when it is not
 * JSON), and variables nested deeper than maxVariableDepth are refused before GraphQL coerces
 * them, recursively, into a stack overflow.
 */
import { HttpRefusal } from '../../core/http/refusal';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

/** Variables nested deeper than this are refused before GraphQL coerces them (recursively). */
export const maxVariableDepth = 64;

export const parseJsonBody: Stage<GraphQLExchange> = async (exchange, next) => {
  if (exchange.rawBody !== undefined) {
    exchange.body = parseBody(exchange.rawBody);
    const variablesDepth = jsonDepth((exchange.body as { variables?: unknown } | undefined)?.variables);
    if (variablesDepth > maxVariableDepth) {
      throw new HttpRefusal(
        400,
        'BAD_USER_INPUT',
        `The variables nest ${variablesDepth} levels deep, more than the ${maxVariableDepth} allowed.`,
        { found: variablesDepth, maximum: maxVariableDepth },
      );
    }
  }
  await next();
};

function parseBody(raw: string): unknown {
  try {
    return raw.length > 0 ? JSON.parse(raw) : undefined;
  } catch {
    throw new HttpRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/** How deep a parsed JSON value nests, counted without recursion (a hostile body may nest thousands of levels). */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (item !== null && typeof item === 'object') for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return deepest;
}
