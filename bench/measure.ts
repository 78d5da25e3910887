/**
 * Measuring one operation: latency percentiles at concurrency 1 (all runners in turns, each
 * request timed in its runner's own process), throughput at concurrency 8 over a time window,
 * and Neo4j db hits of the statements one request sends (each run once under PROFILE, hits
 * summed over the whole plan tree).
 */
import type { ProfiledPlan, Session } from 'neo4j-driver';
import type { Statement } from './runners/runner';

export interface Limits {
  /** Requests timed one after another (after the warm-up). */
  runs: number;
  concurrency: number;
  warmup: number;
  /** The latency rounds stop early after this long per runner, so one slow operation cannot hold the run for hours; the count taken is recorded. */
  phaseMs: number;
  /** How long `concurrency` clients send requests for the throughput of one runner (full run: at least 15 s). */
  throughputMs: number;
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Throughput {
  requests: number;
  seconds: number;
  perSecond: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Latency of several runners on one operation, taken in turns: each round times one request of
 * every runner, the first runner rotating from round to round. Neo4j's JVM compiles the
 * operators an operation uses as they run, so a runner timed after another one has run the same
 * operation would find them warm and look faster; in turns, they share that state. The warm-up
 * rounds come first, and the rounds stop early after `phaseMs` per runner (each has at least 3).
 */
export async function latencies(requests: ReadonlyMap<string, () => Promise<number>>, limits: Limits): Promise<Map<string, Latency>> {
  const names = [...requests.keys()];
  const times = new Map<string, number[]>(names.map((name) => [name, []]));
  const started = Date.now();
  for (let round = 0; round < limits.warmup + limits.runs; round++) {
    if (round >= limits.warmup + 3 && Date.now() - started >= limits.phaseMs * names.length) break;
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      const ms = await requests.get(name)!();
      if (round >= limits.warmup) times.get(name)!.push(ms);
    }
  }
  return new Map(names.map((name) => [name, summary(times.get(name)!)]));
}

function summary(times: number[]): Latency {
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

/**
 * `concurrency` clients send requests one after another until the window (`throughputMs`) is
 * over; a request started in the window is finished and counted, and every client sends at
 * least one. Requests per second are the requests over the time until the last one ended.
 */
export async function throughput(
  request: () => Promise<unknown>,
  limits: Pick<Limits, 'concurrency' | 'throughputMs'>,
): Promise<Throughput> {
  let started = 0;
  const deadline = Date.now() + limits.throughputMs;
  const t0 = process.hrtime.bigint();
  const client = async () => {
    do {
      started++;
      await request();
    } while (Date.now() < deadline);
  };
  await Promise.all(Array.from({ length: limits.concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { requests: started, seconds, perSecond: started / seconds };
}

function hits(plan: ProfiledPlan): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + hits(child), 0);
}

/** Runs each statement once under PROFILE and sums db hits over every plan. @neo4j/graphql prefixes "CYPHER 5", which PROFILE must precede. */
export async function dbHits(session: Session, statements: Statement[]): Promise<number> {
  let total = 0;
  for (const statement of statements) {
    const cypher = `PROFILE ${statement.cypher.replace(/^\s*CYPHER 5\s+/, '')}`;
    const result = await session.executeRead((tx) => tx.run(cypher, statement.params));
    const profile = result.summary.profile;
    if (profile) total += hits(profile);
  }
  return total;
}
