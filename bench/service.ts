/**
 * The built service as a child process on a bench data directory, for the scripts that measure
 * it from outside (bench/restart.ts, bench/fan-out.ts): its own event loop and memory, as a user runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/app/config';
import { createLogger } from '../src/core/logger';
import { benchConfig, ensureGraph, openBenchDatabase } from './data';
import type { GeneratedGraph } from './generate';

export interface BenchService {
  child: ChildProcess;
  url: string;
  /** Whether /health/ready answers 200 now. */
  ready(): Promise<boolean>;
  /** Node's peak resident memory so far (VmHWM), in bytes. */
  peakRss(): number;
  stop(): void;
}

/** The generated graph of `size` entities in the bench's data directory (generated once, then reused), and that directory. */
export async function prepareGraph(size: number, boltPort: string): Promise<{ dataDir: string; graph: GeneratedGraph }> {
  const config = benchConfig(loadConfig(), { ...process.env, NEO4J_BOLT_PORT: boltPort }, size);
  const log = createLogger(config.logLevel);
  const opened = await openBenchDatabase(config, log);
  try {
    const { graph } = await ensureGraph(opened.db, size, log);
    return { dataDir: config.embedded.dataDir, graph };
  } finally {
    await opened.close();
  }
}

/** Starts `node dist/src/app/main.js` on `dataDir` (it loads the seeds beside the graph) and waits until it is ready. */
export async function startService(dataDir: string, port: string, boltPort: string): Promise<BenchService> {
  let stopping = false;
  const child = spawn(process.execPath, [path.join(__dirname, '../src/app/main.js')], {
    env: { ...process.env, PORT: port, NEO4J_BOLT_PORT: boltPort, NEO4J_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`the service exited (${code ?? signal})`);
  });
  const url = `http://127.0.0.1:${port}`;
  const service: BenchService = {
    child,
    url,
    ready: () =>
      fetch(`${url}/health/ready`)
        .then((response) => response.status === 200)
        .catch(() => false),
    peakRss: () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024,
    stop: () => {
      stopping = true;
      child.kill('SIGTERM');
    },
  };
  await until(service.ready, 600_000, 'the service to be ready');
  return service;
}

/** Resolves once `check` holds, asking every 100 ms; throws after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const loadAverages = (): string => (fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3) as string[]).join(' ');
