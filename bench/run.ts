/**
 * `npm run bench -- --size 100000` / `npm run bench:quick` (10k): one run, one Neo4j, one data
 * set, three runners — coopgraph over HTTP, raw Cypher through neo4j-driver, and @neo4j/graphql
 * 7 over HTTP — on the operations of operations.ts. For each operation it first checks that the
 * runners' answers are equal (a mismatch is printed as a diff and makes the run exit 1), then
 * measures latency (concurrency 1), throughput (concurrency 8), Cypher statements per request and
 * db hits (PROFILE). Results: bench/results/<size>-<date>.json and bench/results/<size>.md.
 *
 * Options: --size N (default 100000), --quick (10k, fewer requests: a correctness check with
 * timings, asserting none), --only a,b (operation names). Env: BENCH_NEO4J_URI (never NEO4J_URI; else an embedded Neo4j on
 * NEO4J_BOLT_PORT, default 7721, data in NEO4J_DATA_DIR-<size>, default .data/bench-<size>),
 * PORT (coopgraph's HTTP port, default a free one; @neo4j/graphql uses PORT+1), NEO4J_HEAP_MB,
 * NEO4J_PAGECACHE_MB, BENCH_RUNS, BENCH_REQUESTS.
 */
import { loadConfig } from '../src/app/config';
import { createLogger } from '../src/core/logger';
import { canonical, diff } from './compare';
import { benchConfig, ensureGraph, openBenchDatabase } from './data';
import { dbHits, latencies, throughput, type Limits } from './measure';
import { operations, type Targets } from './operations';
import { machineInfo, markdown, save, type BenchResults, type OperationResult } from './report';
import { coopgraphRunner } from './runners/coopgraph';
import { neo4jGraphqlRunner } from './runners/neo4j-graphql';
import { rawRunner } from './runners/raw';
import type { Runner } from './runners/runner';

function options(argv: string[]) {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const size = Number(value('--size') ?? (quick ? 10_000 : 100_000));
  if (!Number.isInteger(size) || size < 1000) throw new Error(`--size must be a whole number of at least 1000, got ${value('--size')}`);
  const only = value('--only')?.split(',');
  const limits: Limits = quick
    ? {
        runs: Number(process.env.BENCH_RUNS ?? 15),
        requests: Number(process.env.BENCH_REQUESTS ?? 32),
        concurrency: 8,
        warmup: 2,
        phaseMs: 2500,
      }
    : {
        runs: Number(process.env.BENCH_RUNS ?? 30),
        requests: Number(process.env.BENCH_REQUESTS ?? 64),
        concurrency: 8,
        warmup: 3,
        phaseMs: 15000,
      };
  return { quick, size, only, limits };
}

async function main(): Promise<number> {
  const { quick, size, only, limits } = options(process.argv.slice(2));
  const config = benchConfig(loadConfig(), process.env, size);
  const log = createLogger(config.logLevel);
  const database = await openBenchDatabase(config, log);
  const { db } = database;
  const runners: Runner[] = [];
  try {
    // Generating and ranking a hub's partners are imports: they get the import timeout.
    const { graph, load, generated } = await ensureGraph(db.withTimeout(config.importTimeoutMs), size, log);
    const targets: Targets = {
      agency: graph.sample.agency,
      hubCountry: graph.hubs.countries[0]!,
      hubCountryCode: graph.hubs.countryCodes[0]!,
      hubAgency: graph.hubs.agencies[0]!,
      pathFrom: graph.hubs.agencies[0]!,
      pathTo: graph.sample.farAgency,
      search: 'xidmet',
      // Beyond the three hubs, facts pick their country uniformly: any other country is typical.
      typicalCountryCode: graph.countryCodes[Math.floor(graph.countryCodes.length / 2)]!,
    };
    const port = Number(process.env.PORT ?? 0);
    runners.push(
      await coopgraphRunner(db, port),
      rawRunner(db.driver, config.neo4j.database),
      await neo4jGraphqlRunner(db.driver, port ? port + 1 : 0),
    );
    const info = await db.driver.getServerInfo();
    const results: BenchResults = {
      size,
      date: new Date().toISOString(),
      machine: machineInfo(
        `Neo4j ${info.agent ?? ''}`.trim(),
        config.neo4j.uri ? null : config.embedded.heapMb,
        config.neo4j.uri ? null : config.embedded.pageCacheMb,
      ),
      limits,
      load: { ...load, reused: !generated },
      operations: [],
    };
    let failed = false;
    const session = () => db.driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
    for (const op of operations.filter((o) => !only || only.includes(o.name))) {
      log.info(`[${op.name}] ${op.title}`);
      const result: OperationResult = { name: op.name, title: op.title, runners: {}, agreement: 'equal', notes: [] };
      if (op.neo4jGraphqlNote) result.notes.push(`@neo4j/graphql: ${op.neo4jGraphqlNote}`);
      // 1. One captured request per runner: the answer to compare and the statements to count and PROFILE.
      const answers = new Map<string, unknown>();
      const captured = new Map<string, Awaited<ReturnType<Runner['capture']>>>();
      for (const runner of runners) {
        const na = runner.unsupported(op);
        if (na) {
          result.runners[runner.name] = { na };
          continue;
        }
        let capture: Awaited<ReturnType<Runner['capture']>>;
        try {
          capture = await runner.capture(op, targets);
        } catch (error) {
          // Not a disagreement: the runner could not answer at all (e.g. over Neo4j's transaction memory cap).
          result.runners[runner.name] = { failed: (error as Error).message };
          log.error(`  ${runner.name}: could not answer: ${(error as Error).message}`);
          continue;
        }
        captured.set(runner.name, capture);
        const s = session();
        try {
          const normalised = op.normalise ? op.normalise(capture.answer) : capture.answer;
          answers.set(runner.name, op.verify ? await op.verify(normalised, s, targets) : normalised);
        } finally {
          await s.close();
        }
      }
      // 2. Equal answers. A runner that can give only part of an answer (stats on @neo4j/graphql) is compared on that part.
      // The reference is coopgraph's answer, or the next runner's when coopgraph could not answer.
      const [referenceName, reference] = ([...answers.entries()][0] ?? ['none', undefined]) as [string, Record<string, unknown>];
      for (const [name, answer] of answers) {
        if (name === referenceName) continue;
        const ours =
          name === 'neo4j-graphql' && op.name === 'stats'
            ? Object.fromEntries(Object.keys(answer as object).map((k) => [k, reference[k]]))
            : reference;
        if (canonical(ours) !== canonical(answer)) {
          failed = true;
          result.agreement = 'MISMATCH';
          const lines = diff(ours, answer);
          result.notes.push(`MISMATCH ${referenceName} vs ${name}: ${lines.join(' | ')}`);
          log.error(`[${op.name}] MISMATCH ${referenceName} vs ${name}:\n    ${lines.join('\n    ')}`);
        }
      }
      if (answers.size < 2) result.agreement = 'unchecked';
      if (op.verify) result.notes.push(`compared: ${canonical(reference)}`);
      // 3. Measurements: db hits, then latency with the runners in turns, then each runner's throughput.
      const measured = runners.filter((runner) => captured.has(runner.name));
      const errors = new Map<string, { count: number; first?: string }>(measured.map((runner) => [runner.name, { count: 0 }]));
      // A request that fails under load (e.g. Neo4j's total transaction memory cap at
      // concurrency 8) is counted and reported, not allowed to end the run.
      const requests = new Map(
        measured.map((runner) => [
          runner.name,
          () =>
            runner.execute(op, targets).catch((error: Error) => {
              const seen = errors.get(runner.name)!;
              seen.count++;
              seen.first ??= error.message;
            }),
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
        const tput = await throughput(requests.get(runner.name)!, limits);
        const statements = captured.get(runner.name)!.statements.length;
        const hits = hitsOf.get(runner.name)!;
        const { count, first } = errors.get(runner.name)!;
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
      results.operations.push(result);
    }
    const files = save(results);
    console.log(`\n${markdown(results)}`);
    console.log(`Written ${files.json} and ${files.md}`);
    if (failed) {
      console.error(
        `\nFAILED: the runners disagree on ${results.operations
          .filter((r) => r.agreement !== 'equal')
          .map((r) => r.name)
          .join(', ')} (diffs above).`,
      );
      return 1;
    }
    const unanswered = results.operations.filter((r) => Object.values(r.runners).some((m) => 'failed' in m)).map((r) => r.name);
    if (quick && unanswered.length > 0) {
      console.error(`\nFAILED: a runner could not answer ${unanswered.join(', ')} (see the notes), so agreement was not checked there.`);
      return 1;
    }
    if (quick) console.log('\nbench:quick: the three runners agree on every operation they can answer.');
    return 0;
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
