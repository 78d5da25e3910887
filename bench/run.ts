/**
 * `npm run bench`: generates a 10k-entity graph (bench/generate.ts) in the configured Neo4j
 * (NEO4J_URI, or the embedded one on NEO4J_BOLT_PORT / NEO4J_DATA_DIR), then runs the deepest
 * example queries over real HTTP and prints, per query, how many Cypher queries it cost and its
 * latency (median and p95 of BENCH_RUNS runs after one warm-up). The generated graph is deleted
 * at the end. BENCH_ENTITIES sets the size (default 10000).
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/app/config';
import { openDatabase } from '../src/core/db/connection';
import { migrate } from '../src/core/db/migrations';
import { loadSeeds } from '../src/ingest/seeds';
import { createLogger, silentLogger } from '../src/core/logger';
import { startServer } from '../src/app/server';
import { deleteGenerated, generateGraph, type GeneratedGraph } from './generate';

interface Case {
  name: string;
  query: string;
  variables: (graph: GeneratedGraph) => Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'search (folded, 1 word, first 20)',
    query: 'query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { id name } } } }',
    variables: () => ({ q: 'xidmet' }),
  },
  {
    name: 'agencies: relationship filter (memorandum with a party from X after 2015), 50 rows',
    query: `query($p: String, $code: String) { agencies(first: 50, filter: { idPrefix: $p, related: [{ types: [PARTY_TO], direction: OUT, where: { from: "2016", related: [{ types: [PARTY_TO], direction: IN, where: { country: $code } }] } }] }) { totalCount edges { node { id } } } }`,
    variables: (graph) => ({ p: graph.prefix, code: graph.countryCodes[0] }),
  },
  {
    name: 'deep nested list: 50 agencies x country, memoranda x parties x country, staff x positions, partners x links x citations',
    query: `query($p: String) { agencies(first: 50, filter: { idPrefix: $p }) { totalCount edges { node { id
        country { code }
        memoranda { id parties { id ... on Agency { country { code } } } }
        staff { id positions { title organization { id } } }
        ... on Agency { partners { partner { id } links { type citations { source { id } } } } } } } } }`,
    variables: (graph) => ({ p: `${graph.prefix}agency:` }),
  },
  {
    name: 'network depth 4 around the hub country, limit 500',
    query: 'query($c: ID!) { network(center: $c, depth: 4, limit: 500) { truncated nodes { id name } edges { type start { iso } citations { quote } } } }',
    variables: (graph) => ({ c: graph.sample.hubCountry }),
  },
  {
    name: 'paths person -> centre, maxLength 6, first 3',
    query: 'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 6, first: 3) { length explanation relations { type citations { source { id } } } } }',
    variables: (graph) => ({ a: graph.sample.person, b: graph.sample.center }),
  },
  {
    name: 'timeline of a country 2015-2020',
    query: 'query($c: String) { timeline(country: $c, from: "2015", to: "2020") { date { iso } kind entity { id } } }',
    variables: (graph) => ({ c: graph.countryCodes[1] }),
  },
  {
    name: 'partners of the hub country (its agencies included)',
    query: 'query($c: String!) { country(code: $c) { partners { partner { id } links { type } } } }',
    variables: (graph) => ({ c: graph.countryCodes[0] }),
  },
  {
    name: 'stats (all aggregates, generated graph only)',
    query: 'query($p: String) { stats(filter: { idPrefix: $p }) { entitiesByType { key count } relationsByType { key count } memorandaByYear { key count } trainingsByRecipientCountry { country trainings participants { text } } centresByModelAgency { key count } countryYear { country year memoranda trainings } } }',
    variables: (graph) => ({ p: graph.prefix }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const runs = Number(process.env.BENCH_RUNS ?? 10);
  const entities = Number(process.env.BENCH_ENTITIES ?? 10_000);
  const database = await openDatabase(config, log);
  const { db } = database;
  const prefix = `bench-${randomBytes(3).toString('hex')}:`;
  const server = await startServer({ db, log: silentLogger }, { host: '127.0.0.1', port: 0 });
  try {
    await migrate(db, log);
    await loadSeeds(db, config.seedsDir, log);
    const started = Date.now();
    const graph = await generateGraph(db, { prefix, entities, seed: 42 });
    log.info(`Generated ${graph.entities} entities and ${graph.relations} relations in ${Date.now() - started} ms`);
    const results: { name: string; queries: number; median: number; p95: number }[] = [];
    for (const benchCase of cases) {
      const body = JSON.stringify({ query: benchCase.query, variables: benchCase.variables(graph) });
      const times: number[] = [];
      let queries = 0;
      for (let run = 0; run <= runs; run++) {
        let count = 0;
        const stop = db.onQuery(() => count++);
        const t0 = process.hrtime.bigint();
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await response.json()) as { errors?: unknown[] };
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        stop();
        if (json.errors) throw new Error(`${benchCase.name}: ${JSON.stringify(json.errors)}`);
        if (run === 0) continue; // warm-up: plans the Cypher
        times.push(ms);
        queries = count;
      }
      times.sort((a, b) => a - b);
      results.push({ name: benchCase.name, queries, median: percentile(times, 50), p95: percentile(times, 95) });
    }
    console.log(`\n${graph.entities} entities, ${graph.relations} relations; ${runs} runs per query after one warm-up\n`);
    console.log('| query | Cypher queries | median ms | p95 ms |');
    console.log('|---|---:|---:|---:|');
    for (const r of results) console.log(`| ${r.name} | ${r.queries} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  } finally {
    await deleteGenerated(db, prefix).catch((error: Error) => log.error(`cleaning up ${prefix}: ${error.message}`));
    await server.stop();
    await database.close();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
