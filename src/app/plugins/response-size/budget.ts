/**
 * The response-size cap and the deadline, kept while the answer is built rather than after it:
 * every field resolved adds what it will weigh in the JSON answer (its key and its value), and
 * once the running total passes LIMIT_RESPONSE_BYTES no further field resolves. The request then
 * answers RESPONSE_TOO_LARGE (HTTP 400, as the check of the finished body in server.ts), having
 * built about the budget instead of the whole answer: a hub walked four levels deep once built
 * 26 MB, blocked the event loop for 20 s and grew Node to 702 MB before that check refused it.
 *
 * The same guard stops resolving fields once the request's signal is aborted (its deadline passed
 * or its client left), with the signal's reason (QUERY_TIMEOUT for the deadline): work done in
 * Node stops there too, not only the statements in Neo4j.
 *
 * A large answer (past yieldAfterBytes) costs Node about 20 times its size in memory while it is
 * built, so only `largeAnswers` are built at once (the others wait their turn, within their
 * deadline), and each lets the event loop turn between slices (deadline/time-slice.ts). Small
 * answers run exactly as before: no waiting, their loaders batching as they always did.
 *
 * The weight is a close estimate of JSON.stringify's output (keys, quotes, separators; escapes
 * and the envelope aside): the budget trips at about the size the exact check would refuse, and
 * that check stays the last word on the finished body.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  defaultFieldResolver,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { Semaphore } from '../../../core/db/semaphore';
import type { RequestContext } from '../../../core/graphql/context';
import { admitted, nextTurn, turnIsOver } from '../deadline/time-slice';
import { requestCosts } from '../limits';

/**
 * A large answer waits for a large-answer slot and shares the event loop: one whose cost is this
 * much or more from the start, and any other once it has built this many bytes or settled this
 * many items. Below it, an answer's loaders batch exactly as they always did.
 *
 * Why 100,000: an answer that only becomes large once built has already loaded its data, so the
 * bar must catch costly requests before they run. On 100k generated entities, ten paths walks
 * from a hub (cost 164,000 each, 3 MB answers) ran at once under a bar of 250,000 and took Node
 * to 1.4 GB; under 100,000 they take a slot each and peaked at 677 MB. LIMIT_MAX_COST's example
 * dashboard page (about 235,000) is large too: two are built at once.
 */
export const largeCost = 100000;
export const yieldAfterBytes = 256 * 1024;
export const yieldAfterItems = 5000;
/** Large answers built at once; the others wait. */
export const defaultLargeAnswers = 2;

/** The answer being built grew past `maximum` bytes after `found`: thrown to stop resolving. */
export class ResponseBudgetError extends GraphQLError {
  constructor(
    readonly found: number,
    readonly maximum: number,
  ) {
    super(
      `The response grew past ${found} bytes while it was built, more than the ${maximum} allowed (maxResponseBytes); it was stopped there. Ask for less: a smaller page, fewer fields or levels.`,
      { extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', found, maximum } },
    );
  }
}

/** What a leaf value weighs in JSON, about (a number's digits, a string's characters and quotes). */
function leafWeight(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  // A JSON scalar: its text, as it will be sent.
  return JSON.stringify(value)?.length ?? 4;
}

/** What a resolved field adds to the answer: its key, and its value (`leaf`: of a scalar or enum type; an object's fields add their own). */
export function fieldWeight(info: GraphQLResolveInfo, value: unknown, leaf: boolean): number {
  const key = typeof info.path.key === 'string' ? info.path.key.length + 4 : 1;
  if (value === null || value === undefined) return key + 4;
  if (Array.isArray(value)) {
    // Brackets and commas; a list of leaves (aliases, keys) is weighed here, a list of objects by their fields.
    let weight = key + 2 + value.length;
    if (leaf) for (const item of value) weight += leafWeight(item);
    else weight += 2 * value.length;
    return weight;
  }
  return key + (leaf ? leafWeight(value) : 2);
}

/** One request's running total, and its large-answer slot once it needs one. */
class ResponseBudget {
  spent = 0;
  /** List items and objects settled so far: the work graphql-js has yet to complete. */
  items = 0;
  exceeded: ResponseBudgetError | null = null;
  /** Settles when the request holds a large-answer slot (it needs one past yieldAfterBytes). */
  slot: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private finished = false;

  constructor(
    readonly maximum: number,
    private readonly largeAnswers: Semaphore,
    private readonly signal: AbortSignal | undefined,
    /** Whether a large answer lets the event loop turn between slices (a later turn starts new loader batches). */
    readonly slices: boolean,
  ) {}

  /** Throws once the budget is spent (and for every field after), or once the request's work must stop. */
  check(): void {
    if (this.exceeded) throw this.exceeded;
    if (this.signal?.aborted) throw this.signal.reason;
  }

  add(weight: number, items: number): void {
    this.spent += weight;
    this.items += items;
    if (this.spent > this.maximum && !this.exceeded) this.exceeded = new ResponseBudgetError(this.spent, this.maximum);
    if (this.spent > yieldAfterBytes || this.items > yieldAfterItems) void this.enterLarge();
  }

  /** Takes a large-answer slot (once): settles when it holds one, rejects if the request is stopped first. */
  enterLarge(): Promise<void> {
    if (!this.slot) {
      this.slot = this.largeAnswers.acquire(this.signal).then((release) => {
        if (this.finished) release();
        else this.release = release;
      });
      // A request stopped while it waited rejects its waiting fields; the slot's own promise must not go unhandled.
      this.slot.catch(() => undefined);
    }
    return this.slot;
  }

  /** The request is answered: its slot goes to the next large answer. */
  finish(): void {
    this.finished = true;
    this.release?.();
  }
}

const budgetKey = Symbol('coopgraph.responseBudget');
type Budgeted = RequestContext & { [budgetKey]?: ResponseBudget };

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** `value`, weighed into `budget` once it settles; a large answer's composite value completes when a turn has room for its items. */
function settle(budget: ResponseBudget, info: GraphQLResolveInfo, value: unknown, leaf: boolean): unknown {
  if (!isPromiseLike(value)) {
    budget.add(fieldWeight(info, value, leaf), 0);
    return value;
  }
  return value.then((settled: unknown) => {
    const items = leaf || settled === null || settled === undefined ? 0 : Array.isArray(settled) ? settled.length : 1;
    budget.add(fieldWeight(info, settled, leaf), items);
    const wait = items > 0 && budget.slices ? admitted(items, budget.slot !== null) : null;
    return wait ? wait.then(() => settled) : settled;
  });
}

/** Wraps every field's resolver (once per schema) with the budget of the request that runs it. */
function guardResolvers(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [budgetKey]?: true };
  if (marked[budgetKey]) return;
  marked[budgetKey] = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      const leaf = isLeafType(getNamedType(field.type));
      field.resolve = (source, args, context: Budgeted, info) => {
        const budget = context?.[budgetKey];
        if (!budget) return resolve(source, args, context, info);
        budget.check();
        if (!leaf && budget.slot) {
          // A large answer: it waits for its slot, and lets the loop turn past each slice.
          const wait = budget.slices && turnIsOver() ? budget.slot.then(nextTurn) : budget.slot;
          return wait.then(() => {
            budget.check();
            return settle(budget, info, resolve(source, args, context, info), leaf);
          });
        }
        return settle(budget, info, resolve(source, args, context, info), leaf);
      };
    }
  }
}

/** How large answers are built. */
export interface LargeAnswerOptions {
  /** Large answers built at once; the others wait. */
  atOnce: number;
  /**
   * Whether a large answer lets the event loop turn between slices. On: /health, timers and other
   * requests keep running while it is built, at the price of loader batches split at each turn
   * (a busy machine makes a few more statements). Off only to measure batching alone.
   */
  slices: boolean;
}

export const defaultLargeAnswerOptions: LargeAnswerOptions = { atOnce: defaultLargeAnswers, slices: true };

/**
 * Keeps `maxResponseBytes` and the request's signal while fields resolve; a request whose budget
 * ran out answers only RESPONSE_TOO_LARGE, HTTP 400, whatever it had built (its `extensions`,
 * the cost, are kept). At most `large.atOnce` answers past yieldAfterBytes are built at once.
 */
export function responseBudgetPlugin(
  maxResponseBytes: number,
  large: LargeAnswerOptions = defaultLargeAnswerOptions,
): ApolloServerPlugin<RequestContext> {
  const slots = new Semaphore(large.atOnce);
  return {
    async serverWillStart({ schema }) {
      guardResolvers(schema);
    },
    async requestDidStart({ contextValue }) {
      const budget = new ResponseBudget(maxResponseBytes, slots, contextValue.signal, large.slices);
      (contextValue as Budgeted)[budgetKey] = budget;
      return {
        async executionDidStart() {
          // The costliest requests load no more than their turn allows: they wait here for a slot, within their deadline.
          // Stopped while waiting, the request runs on into its first field, which answers why (QUERY_TIMEOUT): a hook
          // that threw here would be an internal error.
          if ((requestCosts.get(contextValue) ?? 0) >= largeCost) await budget.enterLarge().catch(() => undefined);
        },
        async willSendResponse({ response }) {
          budget.finish();
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
