/**
 * The benchmark's database: an embedded Neo4j on its own data directory per size (so a 1M graph
 * is generated once and never deleted), or BENCH_NEO4J_URI. The generated graph is written once; a
 * (:BenchMeta) node remembers what was written (size, seed, targets, load rate) so later runs
 * reuse it.
 */
import path from 'node:path';
import type { Config } from '../src/app/config';
import { openDatabase, type OpenDatabase } from '../src/core/db/connection';
import type { Database } from '../src/core/db/database';
import { migrate } from '../src/core/db/migrations';
import type { Logger } from '../src/core/logger';
import { generateGraph, type GeneratedGraph, type GenerateProgress } from './generate';
import { ensurePartnerRanks, markPartnersRanked } from '../src/ingest/partner-ranks';

/** Bench defaults that keep clear of `npm start` (7687) and the tests (7688): Bolt 7721. */
export const benchBoltPort = 7721;
const seed = 42;
const prefix = 'bench:';

export interface LoadStats {
  entities: number;
  relations: number;
  seconds: number;
  entitiesPerSecond: number;
  relationsPerSecond: number;
}

export interface BenchGraph {
  graph: GeneratedGraph;
  load: LoadStats;
  /** True when this run wrote the graph (false: reused). */
  generated: boolean;
}

/**
 * The bench's database: BENCH_NEO4J_URI when set (never NEO4J_URI: the bench writes a generated
 * graph and must not land in the API's or the tests' database), else an embedded Neo4j with its
 * data in `<NEO4J_DATA_DIR or .data/bench>-<size>` and Bolt on NEO4J_BOLT_PORT or 7721.
 */
export function benchConfig(config: Config, env: NodeJS.ProcessEnv, size: number): Config {
  const base = env.NEO4J_DATA_DIR ? path.resolve(env.NEO4J_DATA_DIR) : path.resolve(config.embedded.dataDir, '..', 'bench');
  return {
    ...config,
    neo4j: { ...config.neo4j, uri: env.BENCH_NEO4J_URI || undefined },
    embedded: { ...config.embedded, dataDir: `${base}-${size}`, boltPort: env.NEO4J_BOLT_PORT ? config.embedded.boltPort : benchBoltPort },
  };
}

export function openBenchDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  // The benchmarks write generated graphs: never into the database of a running service.
  return openDatabase(config, log, { runningService: 'refuse' });
}

/** The graph of `size` entities, generated now unless this database already holds it. */
export async function ensureGraph(db: Database, size: number, log: Logger): Promise<BenchGraph> {
  await migrate(db, log);
  const rows = await db.read('MATCH (m:BenchMeta {size: $size, seed: $seed}) RETURN m.graph AS graph, m.load AS load', { size, seed });
  if (rows[0]) {
    log.info(`Reusing the generated ${size}-entity graph in this data directory`);
    // A graph generated before partner ranks existed is ranked once.
    await ensurePartnerRanks(db, log);
    return {
      graph: JSON.parse(rows[0].graph as string) as GeneratedGraph,
      load: JSON.parse(rows[0].load as string) as LoadStats,
      generated: false,
    };
  }
  const existing = await db.read('MATCH (e:Entity) RETURN count(e) AS n');
  if (((existing[0]?.n as number | undefined) ?? 0) > 0) {
    throw new Error(
      'this data directory holds entities but no benchmark graph of this size: use another NEO4J_DATA_DIR (the bench never deletes data it did not write)',
    );
  }
  const started = Date.now();
  let lastLine = 0;
  const phaseStart = { entities: started, relations: 0, 'partner ranks': 0 };
  const progress = (p: GenerateProgress) => {
    const now = Date.now();
    if (now - lastLine < 2000 && p.done < p.total) return;
    lastLine = now;
    const phaseSeconds = (now - phaseStart[p.phase]) / 1000;
    log.info(
      `  ${p.phase}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} written, ${((now - started) / 1000).toFixed(1)} s elapsed, ` +
        `${Math.round(p.done / phaseSeconds).toLocaleString('en')} ${p.phase}/s`,
    );
  };
  log.info(`Generating ${size.toLocaleString('en')} entities (seed ${seed}) in batched UNWIND writes...`);
  // Entities and relations are timed apart: the relation phase also reads (MATCH by id). Ranking
  // partners is a phase of its own, outside both rates.
  let entitiesDone = 0;
  let relationsDone = 0;
  const graph = await generateGraph(db, {
    prefix,
    entities: size,
    seed,
    onProgress: (p) => {
      if (p.phase === 'entities' && p.done === p.total) entitiesDone = phaseStart.relations = Date.now();
      if (p.phase === 'relations' && p.done === p.total) relationsDone = phaseStart['partner ranks'] = Date.now();
      progress(p);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const load: LoadStats = {
    entities: graph.entities,
    relations: graph.relations,
    seconds,
    entitiesPerSecond: graph.entities / ((entitiesDone - started) / 1000),
    relationsPerSecond: graph.relations / ((relationsDone - entitiesDone) / 1000),
  };
  log.info(
    `Loaded ${graph.entities.toLocaleString('en')} entities and ${graph.relations.toLocaleString('en')} relations in ${seconds.toFixed(1)} s ` +
      `(${Math.round(load.entitiesPerSecond).toLocaleString('en')} entities/s, ${Math.round(load.relationsPerSecond).toLocaleString('en')} relations/s)`,
  );
  // The data directory holds only the generated graph, all of it ranked by generateGraph.
  await markPartnersRanked(db);
  await db.write('CREATE (m:BenchMeta {size: $size, seed: $seed, graph: $graph, load: $load})', {
    size,
    seed,
    graph: JSON.stringify(graph),
    load: JSON.stringify(load),
  });
  return { graph, load, generated: true };
}
