/**
 * The fan-out family (bench/fan-out-family.ts) against the built service on a generated graph
 * (100k entities by default), from the graph's own hubs: one request at a time, then each walk
 * by 10 clients at once. For each run it prints every outcome's codes, the seconds in which the
 * event loop's delay passed 200 ms (the service's /metrics histogram) and Node's resident memory
 * before and at its peak (VmHWM), beside the load averages. Issue 23's targets: no second over
 * 200 ms, and the service's RSS never past 400 MB. Figures, not a test.
 *
 *   npm run bench:fan-out                          # 100,000 entities
 *   npm run bench:fan-out -- --entities 10000 --clients 1,10
 */
import { parseArgs } from 'node:util';
import { fanOutFamily, relationsWalk, type FanOutHubs } from './fan-out-family';
import { loadAverages, prepareGraph, startService, type BenchService } from './service';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '1,10' },
    port: { type: 'string', default: '4792' },
    'bolt-port': { type: 'string', default: '7792' },
  },
});

async function post(service: BenchService, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    bytes: text.length,
    body,
    codes: [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))],
  };
}

/** The event-loop histogram's one-second windows so far, and how many stayed within 200 ms. */
async function windows(service: BenchService): Promise<{ count: number; within: number }> {
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? NaN);
  return {
    count: value(/^coopgraph_event_loop_delay_seconds_count (\d+)/m),
    within: value(/^coopgraph_event_loop_delay_seconds_bucket\{le="0.2"\} (\d+)/m),
  };
}

async function runFamily(service: BenchService, hubs: FanOutHubs, clients: number) {
  await post(service, relationsWalk(hubs.agency, 2));
  const before = await windows(service);
  const rssBefore = service.peakRss();
  const load = loadAverages();
  const outcomes: string[] = [];
  for (const { name, query } of fanOutFamily(hubs)) {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: clients }, () => post(service, query)));
    const codes = [...new Set(answers.flatMap((answer) => answer.codes))].join(',') || 'OK';
    outcomes.push(`${name}: ${answers[0]!.status} ${codes} ${answers[0]!.bytes} B ${Date.now() - started} ms`);
  }
  // The histogram observes once a second: wait for a window that began after the family.
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const after = await windows(service);
  return {
    clients,
    outcomes,
    secondsOver200ms: after.count - after.within - (before.count - before.within),
    secondsObserved: after.count - before.count,
    rssPeakBeforeMb: Math.round(rssBefore / 1e6),
    rssPeakMb: Math.round(service.peakRss() / 1e6),
    loadAverages: { before: load, after: loadAverages() },
  };
}

async function main(): Promise<void> {
  const size = Number(args.entities);
  console.error(`Preparing the ${size.toLocaleString('en')}-entity graph (generated once, then reused)...`);
  const { dataDir, graph } = await prepareGraph(size, args['bolt-port']);
  console.error(`Starting the service on ${dataDir}...`);
  const service = await startService(dataDir, args.port, args['bolt-port']);
  try {
    // The generator's own hubs: its busiest agency and country, and a far agency for paths.
    const hubs: FanOutHubs = { agency: graph.hubs.agencies[0]!, country: graph.hubs.countryCodes[0]!, pathTarget: graph.sample.farAgency };
    console.error(`Hubs: ${JSON.stringify(hubs)}`);
    for (const clients of args.clients.split(',').map(Number)) {
      console.log(JSON.stringify({ entities: size, ...(await runFamily(service, hubs, clients)) }, null, 1));
    }
  } finally {
    service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
