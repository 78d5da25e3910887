/** Results as JSON (bench/results/<size>-<date>.json) and a Markdown table (bench/results/<size>.md, also printed). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/core/project';
import type { LoadStats } from './data';
import type { Latency, Limits, Throughput } from './measure';
import type { RunnerName } from './runners/runner';

export interface Measured {
  latency: Latency;
  throughput: Throughput;
  statements: number;
  dbHits: number;
  /** Requests that failed while measuring (their time still counts). */
  errors: number;
}

export interface OperationResult {
  name: string;
  title: string;
  /** Per runner: measurements, or why it was not measured. */
  runners: Partial<Record<RunnerName, Measured | { na: string } | { failed: string }>>;
  /** unchecked: fewer than two runners answered. */
  agreement: 'equal' | 'MISMATCH' | 'unchecked';
  /** Runners whose answer was empty, and why: agreement on nothing proves nothing, so the run fails. */
  empty: string[];
  notes: string[];
}

export interface BenchResults {
  size: number;
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    neo4j: string;
    heapMb: number | null;
    pageCacheMb: number | null;
  };
  /** bench:quick: shorter phases, a short throughput window (the table says so). */
  quick: boolean;
  limits: Limits;
  load: LoadStats & { reused: boolean };
  operations: OperationResult[];
}

const resultsDir = path.join(projectRoot, 'bench', 'results');

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`);
const measured = (r: OperationResult, name: RunnerName): Measured | undefined => {
  const m = r.runners[name];
  return m && 'latency' in m ? m : undefined;
};

export function markdown(results: BenchResults): string {
  const { machine, load } = results;
  const lines = [
    `## ${results.size.toLocaleString('en')} entities — ${results.date}`,
    '',
    `${load.entities.toLocaleString('en')} entities, ${load.relations.toLocaleString('en')} relations (${load.reused ? 'reused; ' : ''}loaded in ${load.seconds.toFixed(1)} s: ` +
      `${Math.round(load.entitiesPerSecond).toLocaleString('en')} entities/s, ${Math.round(load.relationsPerSecond).toLocaleString('en')} relations/s). ` +
      `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.neo4j}, heap ${machine.heapMb ?? '?'} MB, page cache ${machine.pageCacheMb ?? '?'} MB. ` +
      `Each runner in its own process. Latency: ${results.limits.runs} sequential requests after ${results.limits.warmup} warm-up, the runners in turns (capped at ${results.limits.phaseMs / 1000} s per runner; n shows what was taken); ` +
      `throughput: ${results.limits.concurrency} clients for ${results.limits.throughputMs / 1000} s per runner${results.quick ? ' (**quick**: a short window, not a throughput measurement)' : ''}. Load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')}.`,
    '',
    '| operation | agree | p50 ms coopgraph / raw / neo4j-graphql | coopgraph/raw p50 | req/s @8 coopgraph / raw / neo4j-graphql | coopgraph/neo4j-graphql req/s | Cypher stmts c / r / n | db hits c / r / n |',
    '|---|---|---|---:|---|---:|---|---|',
  ];
  for (const r of results.operations) {
    const [c, w, n] = (['coopgraph', 'raw', 'neo4j-graphql'] as RunnerName[]).map((name) => measured(r, name));
    const failed = (name: RunnerName) => {
      const m = r.runners[name];
      return m && 'failed' in m;
    };
    const three = (f: (m: Measured) => string) =>
      [c, w, n]
        .map((m, i) => (m ? f(m) : failed((['coopgraph', 'raw', 'neo4j-graphql'] as RunnerName[])[i]!) ? 'FAILED' : 'n/a'))
        .join(' / ');
    lines.push(
      `| ${r.name} | ${r.empty.length > 0 ? 'EMPTY' : r.agreement} | ${three((m) => `${ms(m.latency.p50)}${m.errors ? ` (${m.errors} failed)` : ''}`)} | ${ratio(c?.latency.p50, w?.latency.p50)} | ${three((m) => m.throughput.perSecond.toFixed(1))} | ${ratio(c?.throughput.perSecond, n?.throughput.perSecond)} | ${three((m) => String(m.statements))} | ${three((m) => m.dbHits.toLocaleString('en'))} |`,
    );
  }
  lines.push('', '| operation | runner | n | p50 ms | p95 ms | p99 ms | req/s @8 (requests, s) |', '|---|---|---:|---:|---:|---:|---|');
  for (const r of results.operations) {
    for (const [name, m] of Object.entries(r.runners)) {
      if (!('latency' in m)) continue;
      lines.push(
        `| ${r.name} | ${name} | ${m.latency.n} | ${ms(m.latency.p50)} | ${ms(m.latency.p95)} | ${ms(m.latency.p99)} | ${m.throughput.perSecond.toFixed(1)} (${m.throughput.requests}, ${m.throughput.seconds.toFixed(1)}) |`,
      );
    }
  }
  const notes = results.operations.flatMap((r) => [
    ...Object.entries(r.runners).flatMap(([name, m]) =>
      'na' in m ? [`- ${r.name}, ${name}: n/a: ${m.na}`] : 'failed' in m ? [`- ${r.name}, ${name}: FAILED to answer: ${m.failed}`] : [],
    ),
    ...r.empty.map((note) => `- ${r.name}: EMPTY answer, ${note}`),
    ...r.notes.map((note) => `- ${r.name}: ${note}`),
  ]);
  if (notes.length > 0) lines.push('', 'Notes:', '', ...notes);
  return `${lines.join('\n')}\n`;
}

export function machineInfo(neo4j: string, heapMb: number | null, pageCacheMb: number | null): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    neo4j,
    heapMb,
    pageCacheMb,
  };
}

/** Writes both files; returns their paths. */
export function save(results: BenchResults): { json: string; md: string } {
  fs.mkdirSync(resultsDir, { recursive: true });
  const json = path.join(resultsDir, `${results.size}-${results.date.replace(/[:.]/g, '-')}.json`);
  const md = path.join(resultsDir, `${results.size}.md`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(md, markdown(results));
  return { json, md };
}
