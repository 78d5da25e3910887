/**
 * Run as a child process by the reliability tests that measure the service itself (its event
 * loop, its memory): the real server on the test Neo4j (NEO4J_URI, from the jest global setup),
 * with the app's limits, and the response cache only when RESPONSE_CACHE_BYTES is set (the
 * replicas of tests/reliability/cache-replicas.test.ts). Prints `url <url>`; answers each `memory` line on stdin with
 * `memory <json>` (resident set now and at its peak, in bytes); exits when stdin closes.
 */
import readline from 'node:readline';
import { loadConfig } from '../../src/app/config';
import { connect } from '../../src/core/db/connect';
import { silentLogger } from '../../src/core/logger';
import { startServer } from '../../src/app/server';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.neo4j.uri) throw new Error('NEO4J_URI is not set');
  const db = await connect({ ...config.neo4j, uri: config.neo4j.uri }, config.queryTimeoutMs);
  const responseCacheBytes = process.env.RESPONSE_CACHE_BYTES ? config.responseCacheBytes : 0;
  const server = await startServer({ db, log: silentLogger, limits: config.limits, responseCacheBytes }, { host: '127.0.0.1', port: 0 });
  process.stdout.write(`url ${server.url}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line !== 'memory') return;
    const memory = { rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 };
    process.stdout.write(`memory ${JSON.stringify(memory)}\n`);
  });
  lines.on('close', () => {
    void server
      .stop()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
