/**
 * A bounded load test on loopback: 50 connections of mixed reads (lookups, filtered lists,
 * search, network, timeline, partners, stats, paths) against the real server and the test
 * Neo4j. Every answer must be a 200 without errors, or a documented 503 (SERVICE_OVERLOADED,
 * DATABASE_UNAVAILABLE); the heap must not grow without bound. The short form (every `npm
 * test`) runs 10 s; `npm run test:reliability` (RELIABILITY_FULL=1) runs 60 s. The figures are
 * printed for README's "Reliability" section; nothing here asserts a latency.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import type { RunningServer } from '../../src/app/server';
import { useTestServer } from '../support/harness';
import { loadMix as queries } from '../../bench/load-mix';

const full = process.env.RELIABILITY_FULL === '1';
const connections = 50;
const durationSeconds = full ? 60 : 10;
// The live heap may grow by caches and compiled code, not by the number of requests served.
const heapGrowthBoundMb = 50;
const documented503Codes = new Set(['SERVICE_OVERLOADED', 'DATABASE_UNAVAILABLE']);

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

interface Tally {
  byStatus: Map<number, number>;
  unexpected: string[];
}

/** Every answer is read: a 200 must carry no error, any other status must be a documented 503. */
function checkAnswer(tally: Tally, name: string, status: number, body: string): void {
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
  const documented = status === 503 && code !== undefined && documented503Codes.has(code);
  if ((status === 200 && body.includes('"errors"')) || (status !== 200 && !documented)) {
    if (tally.unexpected.length < 10) tally.unexpected.push(`${name}: ${status} ${body.slice(0, 300)}`);
  }
}

// Live heap after a full collection: garbage not yet collected is not growth. Jest runs without
// --expose-gc, so the flag is set at run time and gc fetched from a fresh context.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
function heapMb(): number {
  collectGarbage();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

test(`${connections} connections of mixed reads for ${durationSeconds} s: no error but documented 503s, bounded heap`, async () => {
  // Each query answers correctly once before the load: a broken query is a bug, not load.
  for (const { name, query, variables } of queries) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    expect({ name, status: response.status, errors: body.includes('"errors"') ? body : null }).toEqual({ name, status: 200, errors: null });
  }

  const tally: Tally = { byStatus: new Map(), unexpected: [] };
  const heapBefore = heapMb();
  const result = await autocannon({
    url: server.url,
    connections,
    duration: durationSeconds,
    timeout: 20,
    requests: queries.map(({ name, query, variables }) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      onResponse: (status: number, body: string) => checkAnswer(tally, name, status, body),
    })),
  });
  const heapAfter = heapMb();

  console.log(
    `load: ${connections} connections, ${durationSeconds} s: ${result.requests.total} requests (${Math.round(result.requests.average)}/s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `statuses ${JSON.stringify(Object.fromEntries(tally.byStatus))}, errors ${result.errors}, timeouts ${result.timeouts}; ` +
      `heap ${heapBefore} MB before, ${heapAfter} MB after`,
  );
  expect(tally.unexpected).toEqual([]);
  expect({ errors: result.errors, timeouts: result.timeouts }).toEqual({ errors: 0, timeouts: 0 });
  expect(tally.byStatus.get(200) ?? 0).toBeGreaterThan(0);
  expect(heapAfter - heapBefore).toBeLessThan(heapGrowthBoundMb);
});
