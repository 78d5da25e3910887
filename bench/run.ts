/**
 * `npm run bench -- --size 100000` / `npm run bench:quick` (10k): one run, one Neo4j, one data
 * set, three runners — coopgraph over HTTP, raw Cypher through neo4j-driver, and @neo4j/graphql
 * 7 over HTTP — on the operations of operations.ts, each runner in a process of its own
 * (runners/remote.ts: this process orchestrates, the children measure and answer in JSON). For
 * each operation it first checks that the runners' answers are equal and not empty (a mismatch
 * is printed as a diff, and a mismatch or an empty answer makes the run exit 1), then measures
 * latency (concurrency 1), throughput (concurrency 8 for a time window), Cypher statements per
 * request and db hits (PROFILE). Results: bench/results/<size>-<date>.json and bench/results/<size>.md.
 *
 * Options: --size N (default 100000), --quick (10k, fewer requests, a 1 s throughput window: a
 * correctness check with timings, asserting none), --only a,b (operation names),
 * --throughput-seconds S (default 15; quick 1). Env: BENCH_NEO4J_URI (never NEO4J_URI; else an
 * embedded Neo4j on NEO4J_BOLT_PORT, default 7721, data in NEO4J_DATA_DIR-<size>, default
 * .data/bench-<size>), PORT (coopgraph's HTTP port, default a free one; @neo4j/graphql uses
 * PORT+1), NEO4J_HEAP_MB, NEO4J_PAGECACHE_MB, BENCH_RUNS.
 */
import type { Session } from 'neo4j-driver';
import { loadConfig, type Config } from '../src/app/config';
import { embeddedPassword, type OpenDatabase } from '../src/core/db/connection';
import { createLogger, type Logger } from '../src/core/logger';
import { canonical, diff } from './compare';
import { benchConfig, ensureGraph, openBenchDatabase } from './data';
import { dbHits, latencies, type Limits } from './measure';
import { operations, type Operation, type Targets } from './operations';
import type { GeneratedGraph } from './generate';
import { machineInfo, markdown, save, type BenchResults, type OperationResult } from './report';
import { remoteRunner, type Connection, type RemoteRunner } from './runners/remote';
import { emptyAnswer } from './empty';

function options(argv: string[]) {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const size = Number(value('--size') ?? (quick ? 10_000 : 100_000));
  if (!Number.isInteger(size) || size < 1000) throw new Error(`--size must be a whole number of at least 1000, got ${value('--size')}`);
  const only = value('--only')?.split(',');
  const seconds = Number(value('--throughput-seconds') ?? (quick ? 1 : 15));
  if (!(seconds > 0)) throw new Error(`--throughput-seconds must be a positive number, got ${value('--throughput-seconds')}`);
  const limits: Limits = quick
    ? { runs: Number(process.env.BENCH_RUNS ?? 15), concurrency: 8, warmup: 2, phaseMs: 2500, throughputMs: seconds * 1000 }
    : { runs: Number(process.env.BENCH_RUNS ?? 30), concurrency: 8, warmup: 3, phaseMs: 15000, throughputMs: seconds * 1000 };
  return { quick, size, only, limits };
}

type Captured = Awaited<ReturnType<RemoteRunner['capture']>>;

/** 1. One captured request per runner: the answer to compare (normalised, verified) and the statements to count and PROFILE. */
async function captureAll(
  op: Operation,
  runners: RemoteRunner[],
  targets: Targets,
  session: () => Session,
  result: OperationResult,
  log: Logger,
) {
  const answers = new Map<string, unknown>();
  const captured = new Map<string, Captured>();
  for (const runner of runners) {
    const na = await runner.unsupported(op);
    if (na) {
      result.runners[runner.name] = { na };
      continue;
    }
    let capture: Captured;
    try {
      capture = await runner.capture(op, targets);
    } catch (error) {
      // Not a disagreement: the runner could not answer at all (e.g. over Neo4j's transaction memory cap).
      result.runners[runner.name] = { failed: (error as Error).message };
      log.error(`  ${runner.name}: could not answer: ${(error as Error).message}`);
      continue;
    }
    captured.set(runner.name, capture);
    const normalised = op.normalise ? op.normalise(capture.answer) : capture.answer;
    const empty = emptyAnswer(normalised);
    if (empty) result.empty.push(`${runner.name}: ${empty}`);
    const s = session();
    try {
      answers.set(runner.name, op.verify ? await op.verify(normalised, s, targets) : normalised);
    } finally {
      await s.close();
    }
  }
  return { answers, captured };
}

/**
 * 2. Equal answers. A runner that can give only part of an answer (stats on @neo4j/graphql) is
 * compared on that part. The reference is coopgraph's answer, or the next runner's when coopgraph
 * could not answer. Returns false on a mismatch.
 */
function agree(op: Operation, answers: Map<string, unknown>, result: OperationResult, log: Logger): boolean {
  const [referenceName, reference] = ([...answers.entries()][0] ?? ['none', undefined]) as [string, Record<string, unknown>];
  let equal = true;
  for (const [name, answer] of answers) {
    if (name === referenceName) continue;
    const ours =
      name === 'neo4j-graphql' && op.name === 'stats'
        ? Object.fromEntries(Object.keys(answer as object).map((k) => [k, reference[k]]))
        : reference;
    if (canonical(ours) !== canonical(answer)) {
      equal = false;
      result.agreement = 'MISMATCH';
      const lines = diff(ours, answer);
      result.notes.push(`MISMATCH ${referenceName} vs ${name}: ${lines.join(' | ')}`);
      log.error(`[${op.name}] MISMATCH ${referenceName} vs ${name}:\n    ${lines.join('\n    ')}`);
    }
  }
  if (answers.size < 2) result.agreement = 'unchecked';
  if (op.verify) result.notes.push(`compared: ${canonical(reference)}`);
  return equal;
}

/** 3. Measurements: db hits (here), then latency with the runners in turns, then each runner's throughput (in its process). */
async function measure(
  op: Operation,
  runners: RemoteRunner[],
  captured: Map<string, Captured>,
  targets: Targets,
  limits: Limits,
  session: () => Session,
  result: OperationResult,
  log: Logger,
) {
  const measured = runners.filter((runner) => captured.has(runner.name));
  const errors = new Map<string, { count: number; first?: string }>(measured.map((runner) => [runner.name, { count: 0 }]));
  // A request that fails under load (e.g. Neo4j's total transaction memory cap at
  // concurrency 8) is counted and reported, not allowed to end the run.
  const requests = new Map(
    measured.map((runner) => [
      runner.name,
      async () => {
        const { ms, error } = await runner.time(op, targets);
        if (error) {
          const seen = errors.get(runner.name)!;
          seen.count++;
          seen.first ??= error;
        }
        return ms;
      },
    ]),
  );
  const hitsOf = new Map<string, number>();
  for (const runner of measured) {
    const s = session();
    try {
      hitsOf.set(runner.name, await dbHits(s, captured.get(runner.name)!.statements));
    } finally {
      await s.close();
    }
  }
  const lat = await latencies(requests, limits);
  for (const runner of measured) {
    const { throughput: tput, errors: loadErrors } = await runner.throughput(op, targets, limits);
    const statements = captured.get(runner.name)!.statements.length;
    const hits = hitsOf.get(runner.name)!;
    const seen = errors.get(runner.name)!;
    const count = seen.count + loadErrors.count;
    const first = seen.first ?? loadErrors.first;
    const l = lat.get(runner.name)!;
    result.runners[runner.name] = { latency: l, throughput: tput, statements, dbHits: hits, errors: count };
    if (first) {
      result.notes.push(`${runner.name}: ${count} request(s) failed while measuring, first: ${first}`);
      log.error(`  ${runner.name}: ${count} request(s) failed while measuring, first: ${first}`);
    }
    log.info(
      `  ${runner.name.padEnd(13)} p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms (n ${l.n}); ${tput.perSecond.toFixed(1)} req/s @${limits.concurrency} (${tput.requests} in ${tput.seconds.toFixed(1)} s); ${statements} statement(s), ${hits.toLocaleString('en')} db hits`,
    );
  }
}

function targetsOf(graph: GeneratedGraph): Targets {
  return {
    agency: graph.sample.agency,
    hubCountry: graph.hubs.countries[0]!,
    hubCountryCode: graph.hubs.countryCodes[0]!,
    hubAgency: graph.hubs.agencies[0]!,
    pathFrom: graph.hubs.agencies[0]!,
    pathTo: graph.sample.farAgency,
    search: 'xidmet',
    // Beyond the three hubs, facts pick their country uniformly: any other country is typical.
    typicalCountryCode: graph.countryCodes[Math.floor(graph.countryCodes.length / 2)]!,
    // Two hub agencies: each is the first party of many memoranda, so many others are parties
    // with both (the hub country and the hub agency shared none at 10k). run.ts fails on an empty answer.
    interlocks: [graph.hubs.agencies[0]!, graph.hubs.agencies[1]!],
  };
}

/** The exit code, after printing why the run failed, if it did. */
function verdict(results: BenchResults, quick: boolean): number {
  const disagree = results.operations.filter((r) => r.agreement === 'MISMATCH').map((r) => r.name);
  if (disagree.length > 0) console.error(`\nFAILED: the runners disagree on ${disagree.join(', ')} (diffs above).`);
  const empty = results.operations.filter((r) => r.empty.length > 0);
  for (const r of empty) console.error(`\nFAILED: ${r.name} answered nothing to compare: ${r.empty.join('; ')}`);
  const unanswered = results.operations.filter((r) => Object.values(r.runners).some((m) => 'failed' in m)).map((r) => r.name);
  if (quick && unanswered.length > 0) {
    console.error(`\nFAILED: a runner could not answer ${unanswered.join(', ')} (see the notes), so agreement was not checked there.`);
  }
  if (disagree.length > 0 || empty.length > 0 || (quick && unanswered.length > 0)) return 1;
  if (quick) console.log('\nbench:quick: the three runners agree, on answers that are not empty, on every operation they can answer.');
  return 0;
}

/** The Bolt address, user and password the runner processes connect with: BENCH_NEO4J_URI's, or the embedded Neo4j's. */
function connectionOf(config: Config, database: OpenDatabase, port: number): Connection {
  const uri = config.neo4j.uri ?? database.embedded!.uri;
  const password = config.neo4j.uri ? config.neo4j.password : (config.neo4j.password ?? embeddedPassword(config.embedded.dataDir));
  return { uri, user: config.neo4j.user, password, database: config.neo4j.database, port };
}

async function main(): Promise<number> {
  const { quick, size, only, limits } = options(process.argv.slice(2));
  const config = benchConfig(loadConfig(), process.env, size);
  const log = createLogger(config.logLevel);
  const database = await openBenchDatabase(config, log);
  const { db } = database;
  const runners: RemoteRunner[] = [];
  try {
    // Generating and ranking a hub's partners are imports: they get the import timeout.
    const { graph, load, generated } = await ensureGraph(db.withTimeout(config.importTimeoutMs), size, log);
    const targets = targetsOf(graph);
    const port = Number(process.env.PORT ?? 0);
    for (const [name, at] of [
      ['coopgraph', port],
      ['raw', 0],
      ['neo4j-graphql', port ? port + 1 : 0],
    ] as const) {
      runners.push(await remoteRunner(name, connectionOf(config, database, at)));
    }
    log.info(`Runners in their own processes: ${runners.map((r) => `${r.name} (pid ${r.pid})`).join(', ')}`);
    const info = await db.driver.getServerInfo();
    const results: BenchResults = {
      size,
      date: new Date().toISOString(),
      machine: machineInfo(
        `Neo4j ${info.agent ?? ''}`.trim(),
        config.neo4j.uri ? null : config.embedded.heapMb,
        config.neo4j.uri ? null : config.embedded.pageCacheMb,
      ),
      quick,
      limits,
      load: { ...load, reused: !generated },
      operations: [],
    };
    const session = () => db.driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
    for (const op of operations.filter((o) => !only || only.includes(o.name))) {
      log.info(`[${op.name}] ${op.title}`);
      const result: OperationResult = { name: op.name, title: op.title, runners: {}, agreement: 'equal', notes: [], empty: [] };
      if (op.neo4jGraphqlNote) result.notes.push(`@neo4j/graphql: ${op.neo4jGraphqlNote}`);
      const { answers, captured } = await captureAll(op, runners, targets, session, result, log);
      agree(op, answers, result, log);
      for (const empty of result.empty) log.error(`[${op.name}] EMPTY ${empty}`);
      await measure(op, runners, captured, targets, limits, session, result, log);
      results.operations.push(result);
    }
    const files = save(results);
    console.log(`\n${markdown(results)}`);
    console.log(`Written ${files.json} and ${files.md}`);
    return verdict(results, quick);
  } finally {
    for (const runner of runners) await runner.close().catch(() => undefined);
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? String(error));
    process.exit(1);
  },
);
