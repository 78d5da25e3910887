/**
 * `npm run bench:exports -- [--size 100000]`: the service's memory while it streams every export
 * of the generated graph (bench/generate.ts, the size `npm run bench` uses by default), to show
 * that an export does not grow with the graph. The server runs in this process; each export is
 * downloaded over HTTP and its bytes dropped as they arrive, while process.memoryUsage() is
 * sampled every 20 ms. Prints, per export: bytes, seconds, peak RSS and peak heap against the
 * baseline before the first export. The first line times the dataset version (hashing the graph
 * once; later exports take it from the cache).
 *
 * Env: NEO4J_BOLT_PORT (default 7724) and NEO4J_DATA_DIR (default .data/bench, as `npm run
 * bench`: the graph of a size is generated once per data directory and reused).
 */
import { loadConfig } from '../src/app/config';
import { startServer } from '../src/app/server';
import { createLogger, silentLogger } from '../src/core/logger';
import { benchConfig, ensureGraph, openBenchDatabase } from './data';

const exportFiles = [
  'nodes.csv',
  'relations.csv',
  'citations.csv',
  'graph.graphml',
  'graph.gexf',
  'graph.jsonld',
  'sources.bib',
  'sources.csl.json',
  'changes.jsonl',
];
const defaultBoltPort = 7724;

interface Peak {
  rss: number;
  heapUsed: number;
}

/** Samples memory every 20 ms until stopped; returns the peaks. */
function sampleMemory(): () => Peak {
  const peak: Peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

/** Downloads `url`, counting and dropping the bytes. */
async function drain(url: string): Promise<{ bytes: number; version: string | null }> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { bytes, version: response.headers.get('x-dataset-version') };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const sizeArgument = process.argv.indexOf('--size');
  const size = sizeArgument > 0 ? Number(process.argv[sizeArgument + 1]) : 100_000;
  const log = createLogger('info');
  const config = benchConfig(loadConfig(), process.env, size);
  if (!process.env.NEO4J_BOLT_PORT) config.embedded.boltPort = defaultBoltPort;
  const opened = await openBenchDatabase(config, log);
  try {
    const { graph } = await ensureGraph(opened.db, size, log);
    const server = await startServer({ db: opened.db, log: silentLogger }, { host: '127.0.0.1', port: 0 });
    const base = server.url.replace(/\/graphql$/, '');
    try {
      global.gc?.();
      const baseline = process.memoryUsage();
      log.info(
        `Graph: ${graph.entities.toLocaleString('en')} entities, ${graph.relations.toLocaleString('en')} relations. Baseline: RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}`,
      );
      let started = Date.now();
      let stop = sampleMemory();
      const version = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ datasetVersion { label } }' }),
      }).then((r) => r.json());
      let peak = stop();
      log.info(
        `dataset version ${JSON.stringify(version)}: ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${mb(peak.rss)}, peak heap ${mb(peak.heapUsed)}`,
      );
      log.info('| export | bytes | seconds | MB/s | peak RSS | peak heap |');
      log.info('|---|---|---|---|---|---|');
      for (const file of exportFiles) {
        global.gc?.();
        started = Date.now();
        stop = sampleMemory();
        const { bytes } = await drain(`${base}/export/${file}`);
        peak = stop();
        const seconds = (Date.now() - started) / 1000;
        log.info(
          `| ${file} | ${mb(bytes)} | ${seconds.toFixed(1)} | ${(bytes / 1048576 / seconds).toFixed(1)} | ${mb(peak.rss)} | ${mb(peak.heapUsed)} |`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await opened.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
