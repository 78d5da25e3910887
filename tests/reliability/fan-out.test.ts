/**
 * The fan-out family against the real service (a child process, so its event loop and memory
 * are its own) on the seed graph: walks 2 to 6 levels deep from hubs over `relations`, `network`,
 * `partners` and `paths`, one at a time and then each by 10 clients at once. A 152-byte walk four
 * levels deep once blocked Node's event loop for 20 s and grew it to 702 MB before its answer
 * was refused.
 *
 * Each request is refused up front (its cost or depth, its arguments' bounds), or answered, or
 * stopped within its budget (RESPONSE_TOO_LARGE, QUERY_TIMEOUT); none fails otherwise, and the
 * service's memory stays bounded. The seconds in which its event-loop delay (/metrics) passed
 * 200 ms are printed with the load averages, never asserted: on a machine at load 20 they pass
 * it for want of a CPU, whatever the service does. `npm run bench:fan-out` measures the same
 * family on 100k entities for the report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fanOutFamily, relationsWalk } from '../../bench/fan-out-family';

/** The seed graph's hubs: the agency with the most relations, and a country with many partners. */
const hubs = { agency: 'agency:asan-xidmet', country: 'AZ', pathTarget: 'country:AF' };
/** What the service may answer to a walk: refused before running, or stopped within its budget. */
const boundedRefusals = new Set(['COST_LIMIT_EXCEEDED', 'QUERY_TOO_DEEP', 'BAD_USER_INPUT', 'RESPONSE_TOO_LARGE', 'QUERY_TIMEOUT']);
const maxEventLoopDelaySeconds = 0.2;
/** How far the service's peak memory may rise above what it held before the family (this child's TypeScript transpiler included there). */
const maxRssGrowthBytes = 300 * 1024 * 1024;
/**
 * 10 at once, on the 2 shared cores this was written on (load averages 8 to 26), the peak rose
 * 200 to 530 MB: a bound that holds there, well below what the issue saw (a heap exhausted).
 */
const maxRssGrowthTogetherBytes = 700 * 1024 * 1024;
const family = fanOutFamily(hubs);

interface Service {
  child: ChildProcess;
  url: string;
  /** The next line the child prints that starts with `prefix`. */
  next(prefix: string): Promise<string>;
}

let service: Service;

function startService(): Promise<Service> {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('../support/register-ts'), path.join(__dirname, '../support/server-child.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const index = waiting.findIndex((wait) => line.startsWith(`${wait.prefix} `));
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(line.slice(line.indexOf(' ') + 1));
  });
  const next = (prefix: string) => new Promise<string>((resolve) => waiting.push({ prefix, resolve }));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited early with ${code}`)));
    void next('url').then((url) => resolve({ child, url, next }));
  });
}

async function memory(): Promise<{ rss: number; maxRss: number }> {
  const answer = service.next('memory');
  service.child.stdin!.write('memory\n');
  return JSON.parse(await answer) as { rss: number; maxRss: number };
}

/** The event-loop delay histogram: how many one-second windows were observed, and how many of them stayed within the bound. */
interface EventLoopWindows {
  count: number;
  within: number;
}

async function eventLoopWindows(): Promise<EventLoopWindows> {
  const metrics = await (await fetch(service.url.replace('/graphql', '/metrics'))).text();
  const value = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? NaN);
  return {
    count: value(/^coopgraph_event_loop_delay_seconds_count (\d+)/m),
    within: value(new RegExp(`^coopgraph_event_loop_delay_seconds_bucket\\{le="${maxEventLoopDelaySeconds}"\\} (\\d+)`, 'm')),
  };
}

/** Waits until the histogram observed a window that began after now (it observes once a second). */
async function nextWindow(after: number): Promise<EventLoopWindows> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const windows = await eventLoopWindows();
    if (windows.count >= after + 2 || Date.now() > deadline) return windows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Outcome {
  name: string;
  status: number;
  codes: string[];
  bytes: number;
  ms: number;
}

async function send(name: string, query: string): Promise<Outcome> {
  const started = Date.now();
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
  return {
    name,
    status: response.status,
    codes: [...new Set((body.errors ?? []).map((error) => String(error.extensions?.code)))],
    bytes: text.length,
    ms: Date.now() - started,
  };
}

/** Codes outside the bounded refusals: what must never be answered. */
const unexpected = (outcomes: Outcome[]) =>
  outcomes
    .filter((outcome) => outcome.codes.some((code) => !boundedRefusals.has(code)))
    .map((outcome) => `${outcome.name}: ${outcome.codes}`);

beforeAll(async () => {
  service = await startService();
}, 120000);

afterAll(() => {
  service?.child.stdin!.end();
});

/** The histogram's seconds past `bound` between two readings of it. */
function secondsOver(from: EventLoopWindows, to: EventLoopWindows): number {
  return to.count - to.within - (from.count - from.within);
}

/** Sends the family one request at a time, or each walk by 10 clients at once; prints and returns what it saw. */
async function runFamily(clients: number): Promise<{ outcomes: Outcome[]; blockedSeconds: number; rssGrowth: number }> {
  await send('warm', relationsWalk(hubs.agency, 2));
  const start = await memory();
  const before = await nextWindow((await eventLoopWindows()).count);
  const load = os.loadavg();
  const outcomes: Outcome[] = [];
  for (const { name, query } of family) {
    const answers = await Promise.all(Array.from({ length: clients }, () => send(clients > 1 ? `${name} x${clients}` : name, query)));
    outcomes.push(...answers);
  }
  const after = await nextWindow((await eventLoopWindows()).count);
  const end = await memory();
  const blockedSeconds = secondsOver(before, after);
  const rssGrowth = end.maxRss - start.rss;
  console.log(
    [
      ...(clients === 1
        ? outcomes.map(
            (outcome) => `${outcome.name}: ${outcome.status} ${outcome.codes.join(',') || 'OK'} ${outcome.bytes} B ${outcome.ms} ms`,
          )
        : [
            `${outcomes.length} requests, ${clients} at once: codes ${[...new Set(outcomes.flatMap((outcome) => outcome.codes))].join(',')}`,
          ]),
      `event-loop seconds with a delay over ${maxEventLoopDelaySeconds * 1000} ms: ${blockedSeconds} of ${after.count - before.count}`,
      `RSS ${(start.rss / 1e6).toFixed(0)} MB before, peak ${(end.maxRss / 1e6).toFixed(0)} MB (+${(rssGrowth / 1e6).toFixed(0)} MB)`,
      `load averages ${load.map((value) => value.toFixed(2)).join(' ')} before, ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')} after, on ${os.cpus().length} cores`,
    ].join('\n'),
  );
  return { outcomes, blockedSeconds, rssGrowth };
}

test('the fan-out family one request at a time: each refused up front or bounded; memory bounded', async () => {
  const { outcomes, rssGrowth } = await runFamily(1);
  expect(unexpected(outcomes)).toEqual([]);
  // The walk of the issue, four levels of relations from the hub, is refused before it runs.
  expect(outcomes.find((outcome) => outcome.name === 'relations x4')).toMatchObject({ status: 400, codes: ['COST_LIMIT_EXCEEDED'] });
  expect(rssGrowth).toBeLessThan(maxRssGrowthBytes);
}, 600000);

test('the fan-out family, each walk by 10 clients at once: each refused up front, bounded or timed out; memory bounded; the service still answers', async () => {
  const { outcomes, rssGrowth } = await runFamily(10);
  expect(unexpected(outcomes)).toEqual([]);
  expect((await fetch(service.url.replace('/graphql', '/health/live'))).status).toBe(200);
  expect(rssGrowth).toBeLessThan(maxRssGrowthTogetherBytes);
}, 600000);
