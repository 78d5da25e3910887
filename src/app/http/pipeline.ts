/**
 * The pipeline a request goes through: named stages in order, each a small module in this
 * folder, the way apollo-server lays out its plugins. A stage does its part and awaits `next()`
 * for the rest; what it must undo (a place in flight, a deadline timer) it undoes in `finally`,
 * and what it must do with the answer (cap its size) it does after `next()` returns. A stage
 * that answers the request itself (a CORS preflight, a route) does not call `next()`.
 */
export type Stage<E> = (exchange: E, next: () => Promise<void>) => Promise<void>;

/** The stages run as one: the first is called with the exchange, each `next()` calls the one after it. */
export function pipeline<E>(stages: readonly Stage<E>[]): (exchange: E) => Promise<void> {
  return (exchange) => {
    const run = (index: number): Promise<void> => {
      const stage = stages[index];
      return stage ? stage(exchange, () => run(index + 1)) : Promise.resolve();
    };
    return run(0);
  };
}
