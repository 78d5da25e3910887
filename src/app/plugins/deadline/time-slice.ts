/**
 * Lets the event loop turn while a large answer is built. graphql-js completes every item a
 * loader returned in one go, in microtasks: a few megabytes of answer kept timers (deadlines
 * included), other requests and /health waiting for seconds. Here every field that returns an
 * object or a list of objects checks the time: once the current turn of the loop has run past
 * `sliceMs`, and the request has already built a lot (`mayYield`), the field resolves on the next
 * turn instead, so others run in between; and a field whose value arrives past the slice (a
 * loader's batch settles thousands at once) is completed on a later turn too.
 *
 * Small requests never yield (`mayYield` says no until their answer is large): their loaders
 * batch as before, and their statements are the same. A large one may batch a level in two
 * turns, which only adds a statement.
 */
import { performance } from 'node:perf_hooks';
import { defaultFieldResolver, getNamedType, isCompositeType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** How long one turn of the event loop may run resolvers before a large request yields, in ms. */
export const defaultSliceMs = 20;

/** When the current turn's first check ran (null: none since the loop last turned). */
let turnStartedAt: number | null = null;
/** Whether this turn has run past `sliceMs`. The first check of a turn marks its start and its end (setImmediate runs after it). */
function turnIsOver(sliceMs: number): boolean {
  const now = performance.now();
  if (turnStartedAt === null) {
    turnStartedAt = now;
    setImmediate(() => (turnStartedAt = null));
    return false;
  }
  return now - turnStartedAt > sliceMs;
}

/** Fields waiting for a later turn, in the order they yielded. */
const waiting: (() => void)[] = [];
/** How many waiting fields one turn resumes: halved when a turn ran long, doubled when it was short. */
let resumeBatch = 64;
/** When the last batch was resumed (its fields then run in that turn's microtasks). */
let resumedAt = 0;

/**
 * Resumes the next batch of waiting fields, and schedules the rest for a later turn. The batch
 * adapts to how long the previous turn took: resuming every waiting field at once would run them
 * all in one turn again (thousands of a hub's items).
 */
function resumeWaiting(sliceMs: number): void {
  const now = performance.now();
  if (resumedAt > 0) resumeBatch = now - resumedAt > 2 * sliceMs ? Math.max(8, resumeBatch >> 1) : Math.min(4096, resumeBatch << 1);
  resumedAt = now;
  for (const resume of waiting.splice(0, resumeBatch)) resume();
  if (waiting.length > 0) setImmediate(() => resumeWaiting(sliceMs));
  else resumedAt = 0;
}

function waitForNextTurn(sliceMs: number): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1 && resumedAt === 0) setImmediate(() => resumeWaiting(sliceMs));
  });
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

const sliced = Symbol('coopgraph.timeSliced');

/**
 * Wraps the resolver of every field of `schema` that returns objects (once per schema): past
 * `sliceMs` in one turn, and when `mayYield(context)`, it runs on the next turn.
 */
export function sliceResolvers<Context>(schema: GraphQLSchema, mayYield: (context: Context) => boolean, sliceMs = defaultSliceMs): void {
  const marked = schema as GraphQLSchema & { [sliced]?: true };
  if (marked[sliced]) return;
  marked[sliced] = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isCompositeType(getNamedType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Context, info) => {
        if (!mayYield(context)) return resolve(source, args, context, info);
        if (turnIsOver(sliceMs)) return waitForNextTurn(sliceMs).then(() => resolve(source, args, context, info));
        const value: unknown = resolve(source, args, context, info);
        // A loader's batch settles thousands of these in one turn: past the slice, the rest complete later.
        return isPromiseLike(value)
          ? value.then((settled) => (turnIsOver(sliceMs) ? waitForNextTurn(sliceMs).then(() => settled) : settled))
          : value;
      };
    }
  }
}
