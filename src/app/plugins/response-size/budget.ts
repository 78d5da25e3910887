/**
 * The response-size cap and the deadline, kept while the answer is built rather than after:
 * every field resolved adds what it will weigh in the JSON answer (its key and its value), and
 * once the running total passes LIMIT_RESPONSE_BYTES no further field resolves. The request then
 * answers RESPONSE_TOO_LARGE (HTTP 400, as the check of the finished body in server.ts), having
 * built at most about the budget instead of the whole answer: a hub walked four levels deep once
 * built 26 MB and blocked the event loop for 20 s before that check refused it.
 *
 * The same hook stops resolving fields once the request's signal is aborted (its deadline passed
 * or its client left), with the signal's reason (QUERY_TIMEOUT for the deadline): work done in
 * Node stops there too, not only the statements in Neo4j.
 *
 * The weight is a close estimate of JSON.stringify's output (keys, quotes, separators; escapes
 * and the envelope aside), so the budget trips at about the same size as the exact check, which
 * stays as the last word on the finished body.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, isLeafType, type GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../../core/graphql/context';
import { sliceResolvers } from '../deadline/time-slice';

/**
 * A request that has built this much of its answer lets the event loop turn between slices
 * (deadline/time-slice.ts); a smaller one runs as it always did, its loaders batching as before.
 */
export const yieldAfterBytes = 256 * 1024;

/** The answer being built grew past `maximum` bytes after `found`: thrown to stop resolving. */
export class ResponseBudgetError extends GraphQLError {
  constructor(
    readonly found: number,
    readonly maximum: number,
  ) {
    super(responseGrewMessage(found, maximum), {
      extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found, maximum },
    });
  }
}

function responseGrewMessage(found: number, maximum: number): string {
  return `The response grew past ${found} bytes while it was built, more than the ${maximum} allowed (maxResponseBytes); it was stopped there. Ask for less: a smaller page, fewer fields or levels.`;
}

/** What a leaf value weighs in JSON, about (a number's digits, a string's characters and quotes). */
function leafWeight(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  // A JSON scalar: its text, as it will be sent.
  return JSON.stringify(value)?.length ?? 4;
}

/** What a resolved field adds to the answer: its key, and its value (a composite value's fields add their own later). */
export function fieldWeight(info: GraphQLResolveInfo, value: unknown): number {
  const key = typeof info.path.key === 'string' ? info.path.key.length + 4 : 1;
  if (value === null || value === undefined) return key + 4;
  const leaf = isLeafType(getNamedType(info.returnType));
  if (Array.isArray(value)) {
    // Brackets and commas; a list of leaves (aliases, keys) is weighed here, a list of objects by their fields.
    let weight = key + 2 + value.length;
    if (leaf) for (const item of value) weight += leafWeight(item);
    else weight += 2 * value.length;
    return weight;
  }
  return key + (leaf ? leafWeight(value) : 2);
}

/** One request's running total. */
class ResponseBudget {
  spent = 0;
  exceeded: ResponseBudgetError | null = null;

  constructor(readonly maximum: number) {}

  /** Throws once the budget is spent (and for every field after), or the request's work must stop. */
  check(signal: AbortSignal | undefined): void {
    if (this.exceeded) throw this.exceeded;
    if (signal?.aborted) throw signal.reason;
  }

  add(weight: number): void {
    this.spent += weight;
    if (this.spent > this.maximum && !this.exceeded) this.exceeded = new ResponseBudgetError(this.spent, this.maximum);
  }
}

/**
 * Keeps `maxResponseBytes` and the request's signal while fields resolve; a request whose budget
 * ran out answers only RESPONSE_TOO_LARGE, HTTP 400, whatever it had built (its `extensions`,
 * the cost, are kept). A request past yieldAfterBytes shares the event loop as it goes on.
 */
export function responseBudgetPlugin(maxResponseBytes: number): ApolloServerPlugin<RequestContext> {
  const budgets = new WeakMap<RequestContext, ResponseBudget>();
  return {
    async serverWillStart({ schema }) {
      sliceResolvers<RequestContext>(schema, (context) => (budgets.get(context)?.spent ?? 0) > yieldAfterBytes);
    },
    async requestDidStart({ contextValue }) {
      const budget = new ResponseBudget(maxResponseBytes);
      budgets.set(contextValue, budget);
      return {
        async executionDidStart() {
          return {
            willResolveField({ contextValue, info }) {
              budget.check(contextValue.signal);
              return (error, result) => {
                if (!error) budget.add(fieldWeight(info, result));
              };
            },
          };
        },
        async willSendResponse({ response }) {
          const exceeded = budget.exceeded;
          if (!exceeded || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.data = undefined;
          result.errors = [{ message: exceeded.message, extensions: { ...exceeded.extensions } }];
          response.http.status = 400;
        },
      };
    },
  };
}
