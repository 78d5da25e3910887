/**
 * The recovery check (a script, not a test): how long after a SIGKILL of the embedded Neo4j's JVM
 * the service gives its first correct answer, on a generated graph (100k entities by default).
 * Issue 23's target: within 30 s.
 *
 * It generates the graph in its own data directory (or reuses it, as the bench does), starts the
 * built service on it (`node dist/src/app/main.js`, which loads the seeds beside the graph), reads
 * a reference answer, then `--kills` times: kills the JVM (SIGKILL), asks the same question every
 * 100 ms and records, until the answer is correct again, every status and error code it got and
 * when /health/ready turned 200. QUERY_TIMEOUT during recovery is a failure of the readiness
 * design (requests must be refused at once with 503 while Neo4j recovers); it is counted apart.
 *
 *   npm run bench:restart                       # 100,000 entities, 3 kills
 *   npm run bench:restart -- --entities 10000 --kills 5
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadAverages, prepareGraph, startService, until, type BenchService } from './service';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    kills: { type: 'string', default: '3' },
    port: { type: 'string', default: '4791' },
    'bolt-port': { type: 'string', default: '7791' },
  },
});
const size = Number(args.entities);
const url = `http://127.0.0.1:${args.port}`;

/** A generated agency: its answer reads the generated part of the graph, not only the seeds. */
async function probeEntity(service: BenchService, prefix: string): Promise<string> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($prefix: String) { agencies(first: 1, filter: { idPrefix: $prefix }) { edges { node { id } } } }',
      variables: { prefix },
    }),
  });
  const body = (await response.json()) as { data: { agencies: { edges: { node: { id: string } }[] } } };
  return body.data.agencies.edges[0]!.node.id;
}

const question = (id: string) => ({
  query: `query($id: ID!) { entity(id: $id) { id name relations { type to { id } } }
    memorandum: entity(id: "memorandum:asan-af-2016") { id name } }`,
  variables: { id },
});

/** The answer's body and status, or the error that stopped it. */
async function ask(id: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(question(id)),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: (error as Error).name };
  }
}

/** Kills the JVM under the service and times the way back to a correct answer. */
async function killAndRecover(service: BenchService, id: string, reference: string) {
  const jvm = Number(
    execFileSync('pgrep', ['-P', String(service.child.pid), 'java'])
      .toString()
      .trim()
      .split('\n')[0],
  );
  const killedAt = Date.now();
  process.kill(jvm, 'SIGKILL');
  const answers: Record<string, number> = {};
  let readyAfter: number | null = null;
  let queryTimeouts = 0;
  for (;;) {
    const { status, body } = await ask(id);
    if (readyAfter === null && (await service.ready())) readyAfter = (Date.now() - killedAt) / 1000;
    const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
    if (code === 'QUERY_TIMEOUT') queryTimeouts++;
    const key = `${status}${code ? ` ${code}` : ''}`;
    answers[key] = (answers[key] ?? 0) + 1;
    if (status === 200 && body === reference) break;
    if (Date.now() - killedAt > 300_000) throw new Error('no correct answer within 300 s of the kill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const firstCorrectAnswerSeconds = (Date.now() - killedAt) / 1000;
  // /health/ready turns 200 once the warm-up after the restart is done too, which may be after the first correct answer.
  if (readyAfter === null) {
    await until(service.ready, 120_000, 'ready again');
    readyAfter = (Date.now() - killedAt) / 1000;
  }
  return { firstCorrectAnswerSeconds, readySeconds: readyAfter, answers, queryTimeouts };
}

async function main(): Promise<void> {
  console.error(`Preparing the ${size.toLocaleString('en')}-entity graph (generated once, then reused)...`);
  const { dataDir, graph } = await prepareGraph(size, args['bolt-port']);
  console.error(`Starting the service on ${dataDir}...`);
  const service = await startService(dataDir, args.port, args['bolt-port']);
  try {
    const probeId = await probeEntity(service, graph.prefix);
    const reference = await ask(probeId);
    if (reference.status !== 200 || !reference.body.includes(probeId)) throw new Error(`no reference answer: ${reference.body}`);
    for (let kill = 1; kill <= Number(args.kills); kill++) {
      const before = loadAverages();
      const figures = await killAndRecover(service, probeId, reference.body);
      console.log(JSON.stringify({ entities: size, kill, ...figures, loadAverages: { before, after: loadAverages() } }));
    }
  } finally {
    service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
