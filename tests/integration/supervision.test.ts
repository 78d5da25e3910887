/**
 * A service that heals, on real embedded Neo4js of its own (NEO4J_FAULT_BOLT_PORT + 3 and + 4;
 * service.test.ts and embedded-auth.test.ts take + 0 to + 2):
 *
 * - the JVM SIGKILLed under a read loop: reads fail fast (503 DATABASE_UNAVAILABLE) while the
 *   supervisor restarts it on the same port and data, then succeed again with no API restart;
 * - the real service (src/app/main.ts in a child Node) under load: SIGTERM drains HTTP, closes
 *   keep-alive sockets, stops the JVM and exits 0; a supervisor that cannot restart Neo4j makes
 *   it exit 1 with its reason; a SIGKILLed Node leaves no JVM behind.
 *
 * Recovery and shutdown times are printed (console.log) for the notes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig, projectRoot } from '../../src/app/config';
import { startServer, type RunningServer } from '../../src/app/server';
import { openDatabase, type OpenDatabase } from '../../src/core/db/connection';
import { migrate } from '../../src/core/db/migrations';
import { defaultSupervision, type SupervisorState } from '../../src/core/db/supervisor';
import { silentLogger } from '../../src/core/logger';
import { recordingLogger } from '../support/recording-logger';

const basePort = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? 7698);
const port = basePort + 3;
const servicePort = basePort + 4;
const base = loadConfig();
const query = '{ agencies(first: 1) { totalCount } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while `pid` runs; a zombie (dead, not yet reaped by whoever adopted it) counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Listens on `port` as soon as it is free, accepting connections and never answering (what a
 * stranger holding the port looks like to a Bolt client). A SIGKILLed JVM's main thread shows as
 * a zombie while its other threads still exit, and its sockets close only with the last of them.
 */
async function takePort(port: number, timeoutMs: number): Promise<{ close(): Promise<void> }> {
  const deadline = Date.now() + timeoutMs;
  const sockets = new Set<net.Socket>();
  for (;;) {
    const server = net.createServer((socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
    try {
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      return {
        close: async () => {
          // server.close() waits for every accepted connection to end, the driver's too: end them.
          for (const socket of sockets) socket.destroy();
          await new Promise((resolve) => server.close(resolve));
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      // A bounded retry, not a wait: nothing tells another process when a dying JVM's socket closes.
      await sleep(50);
    }
  }
}

/** `promise`, or a failure naming what was awaited (and what the service said) once `ms` pass. */
/** The message of one line the service logged: its JSON log line's `msg` (stderr is not a terminal here), or the line itself. */
function logMessage(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { msg?: unknown }).msg === 'string'
      ? (parsed as { msg: string }).msg
      : line;
  } catch {
    return line;
  }
}

async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what()}`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `check` until it holds or `timeoutMs` pass. Only for what sends no event: the death of a
 * process that is not our child (the service's JVM), seen through /proc.
 */
async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(100);
  return check();
}

/** One POST of `query`: when it started, how long it took, its status and first error code. */
interface Read {
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
}

// The read in flight when the JVM dies waits out the driver's retries (6-8 s); on a quick
// restart that took the whole outage, and the read loop sent no read during it (seen in CI).
// The loop's client gives up after this long and goes on; such a read is status 0.
const loopTimeoutMs = 3000;

/** One read; with `timeoutMs` the client gives up then (status 0, CLIENT_TIMEOUT), without it it waits. */
async function read(url: string, timeoutMs?: number): Promise<Read> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { startedAt, ms: Date.now() - startedAt, status: response.status, code: body.errors?.[0]?.extensions?.code };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { startedAt, ms: Date.now() - startedAt, status: 0, code: 'CLIENT_TIMEOUT' };
  }
}

describe('the embedded Neo4j SIGKILLed under a read loop (in-process service)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-supervision-'));
  const log = recordingLogger('info');
  let opened: OpenDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    const settings = {
      neo4j: { ...base.neo4j, uri: undefined, password: 'supervision-test-password' },
      embedded: { ...base.embedded, boltPort: port, dataDir },
      queryTimeoutMs: 5000,
    };
    // stableAfterMs 0: this JVM is killed seconds after its start, and the test measures the
    // schedule after a healthy run (the first restart 1 s after the death), not a crash loop's.
    opened = await openDatabase(settings, log, { supervision: { ...defaultSupervision, stableAfterMs: 0 } });
    await migrate(opened.db.withTimeout(base.importTimeoutMs), silentLogger);
    server = await startServer({ db: opened.db, log: silentLogger, neo4jSupervisor: opened.supervisor! }, { host: '127.0.0.1', port: 0 });
  }, 240000);

  afterAll(async () => {
    await server?.stop();
    await opened?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('reads fail fast while it is down, the supervisor restarts it, reads succeed again; restart counted', async () => {
    const supervisor = opened.supervisor!;
    const probeId = `supervision-${process.pid}`;
    await opened.db.write('CREATE (:SupervisionProbe { id: $id })', { id: probeId });
    expect((await read(server.url)).status).toBe(200);

    const states: { state: SupervisorState; at: number }[] = [];
    supervisor.onStateChange((state) => states.push({ state, at: Date.now() }));
    const reads: Read[] = [];
    let killedAt = 0;
    let recoveredAt = 0;
    // The JVM is killed once the loop has seen it answer: 20 good reads before the kill.
    let warm: () => void = () => undefined;
    const warmedUp = new Promise<void>((resolve) => (warm = resolve));
    const loop = (async () => {
      const deadline = Date.now() + 150000;
      let okAfterRecovery = 0;
      while (okAfterRecovery < 20 && Date.now() < deadline) {
        const result = await read(server.url, loopTimeoutMs);
        reads.push(result);
        if (reads.filter((each) => each.status === 200).length >= 20) warm();
        if (killedAt > 0 && result.startedAt > killedAt && result.status === 200) {
          recoveredAt ||= result.startedAt + result.ms;
          okAfterRecovery++;
        } else if (recoveredAt > 0) {
          // A stale pooled connection can fail one read just after the restart (and open the
          // breaker for a probe interval): recovery means 20 good reads in a row.
          okAfterRecovery = 0;
        }
        // A pace, not a wait for anything: about 100 reads a second at most, on two cores shared
        // with the JVM (503s come back at once, and a tight loop would starve the restart).
        await sleep(10);
      }
    })();

    // The probes a load balancer would send, beside the reads: /health/live and /health/ready.
    const probes: { path: string; startedAt: number; ms: number; status: number; retryAfter: string | null }[] = [];
    let readsAgainAt = 0;
    opened.recovery!.onReadable(() => (readsAgainAt = Date.now()));
    let loopDone = false;
    const probeLoop = (async () => {
      while (!loopDone) {
        for (const probePath of ['/health/live', '/health/ready']) {
          const startedAt = Date.now();
          const response = await fetch(server.url.replace('/graphql', probePath), { signal: AbortSignal.timeout(loopTimeoutMs) });
          await response.text();
          probes.push({
            path: probePath,
            startedAt,
            ms: Date.now() - startedAt,
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
          });
        }
        // A pace, as the read loop's: a probe every 50 ms or so.
        await sleep(50);
      }
    })();

    await Promise.race([warmedUp, loop]);
    const oldPid = supervisor.status().pid!;
    killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL');
    await loop;
    loopDone = true;
    await probeLoop;

    const downAt = states.find((entry) => entry.state === 'down')?.at ?? Number.NaN;
    const upAt = states.find((entry) => entry.state === 'up')?.at ?? Number.NaN;
    expect(states.map((entry) => entry.state)).toEqual(['down', 'restarting', 'up']);
    expect(recoveredAt).toBeGreaterThan(0);

    // Every read that started once the supervisor knew the JVM was dead, and before it was back,
    // was refused at once: 503 DATABASE_UNAVAILABLE, no wait on a port nobody listens on.
    const duringOutage = reads.filter((entry) => entry.startedAt >= downAt && entry.startedAt + entry.ms <= upAt);
    expect(duringOutage.length).toBeGreaterThan(10);
    for (const entry of duringOutage) expect(entry).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const slowest = Math.max(...duringOutage.map((entry) => entry.ms));
    expect(slowest).toBeLessThan(1000);

    // The read in flight when the JVM died ends as the driver gives up on its connection.
    const inFlight = reads.find((entry) => entry.startedAt < killedAt && entry.startedAt + entry.ms > killedAt);
    const recoveryMs = recoveredAt - killedAt;
    console.log(
      `supervision: SIGKILL -> death seen in ${downAt - killedAt} ms; ${duringOutage.length} reads during the outage, all 503 DATABASE_UNAVAILABLE, slowest ${slowest} ms; ` +
        `restarted (Neo4j ready) ${upAt - killedAt} ms after the kill; first successful read ${recoveryMs} ms after the kill` +
        (inFlight ? `; the read in flight at the kill: ${inFlight.status} ${inFlight.code ?? ''} after ${inFlight.ms} ms` : ''),
    );
    expect(recoveryMs).toBeLessThan(120000);

    // After recovery: the loop's last 20 reads succeeded, on the same data, with the same Node and
    // driver; any read that failed after the first success was a documented, fast 503.
    expect(reads.slice(-20).every((entry) => entry.status === 200)).toBe(true);
    const failedAfterRecovery = reads.filter((entry) => entry.startedAt >= recoveredAt && entry.status !== 200);
    for (const entry of failedAfterRecovery) expect(entry).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    console.log(
      `supervision: ${failedAfterRecovery.length} read(s) refused with 503 after the first success, before 20 in a row succeeded`,
    );
    expect(await opened.db.read('MATCH (p:SupervisionProbe { id: $id }) RETURN p.id AS id', { id: probeId })).toEqual([{ id: probeId }]);
    expect((await fetch(server.url.replace('/graphql', '/health'))).status).toBe(200);

    // Live stays 200 throughout; ready is 503 (with Retry-After) from the death until a real read
    // worked after the restart, and 200 again after. No read ever timed out because of the recovery.
    const afterKill = probes.filter((probe) => probe.startedAt > killedAt);
    expect(afterKill.filter((probe) => probe.path === '/health/live').every((probe) => probe.status === 200)).toBe(true);
    const readyProbes = afterKill.filter((probe) => probe.path === '/health/ready');
    expect(readsAgainAt).toBeGreaterThanOrEqual(upAt);
    const whileRecovering = readyProbes.filter((probe) => probe.startedAt >= downAt && probe.startedAt + probe.ms <= readsAgainAt);
    expect(whileRecovering.length).toBeGreaterThan(5);
    for (const probe of whileRecovering) expect(probe).toMatchObject({ status: 503, retryAfter: '5' });
    const firstReady = readyProbes.find((probe) => probe.status === 200);
    expect(firstReady!.startedAt + firstReady!.ms).toBeGreaterThanOrEqual(readsAgainAt);
    expect(readyProbes.at(-1)?.status).toBe(200);
    expect(reads.filter((entry) => entry.code === 'QUERY_TIMEOUT')).toEqual([]);
    const duringRecovery = reads.filter((entry) => entry.startedAt >= downAt && entry.startedAt + entry.ms <= readsAgainAt);
    for (const entry of duringRecovery) expect(entry).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    console.log(
      `supervision: Neo4j ready ${upAt - killedAt} ms after the kill, reads again ${readsAgainAt - killedAt} ms after; ` +
        `/health/ready first 200 ${firstReady!.startedAt + firstReady!.ms - killedAt} ms after the kill (${whileRecovering.length} probes 503 before)`,
    );

    const status = supervisor.status();
    expect(status).toMatchObject({ state: 'up', restarts: 1, failedStarts: 0 });
    expect(status.pid).not.toBe(oldPid);
    expect(alive(oldPid)).toBe(false);
    const metrics = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^coopgraph_neo4j_restarts_total 1$/m);
    expect(metrics).toMatch(/^coopgraph_neo4j_embedded_state\{state="up"\} 1$/m);
    expect(metrics).toMatch(/^coopgraph_neo4j_embedded_state\{state="down"\} 0$/m);
    const lines = log.records().map((record) => record.msg);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^embedded Neo4j died \\(pid ${oldPid}, killed by SIGKILL\\)`)));
    expect(lines).toContainEqual(expect.stringMatching(/^embedded Neo4j: restarting in 1 s \(attempt 1 of 5\)$/));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^embedded Neo4j restarted \\(pid ${status.pid}, bolt://127.0.0.1:${port}; restart 1 since`)),
    );
  }, 240000);
});

/** The real service in a child Node: the TypeScript sources run through tests/support/register-ts (no build needed). */
interface Service {
  child: ChildProcess;
  url: string;
  javaPid: number;
  /** What the service logged on stderr, a message a line (the `msg` of its JSON lines). */
  stderr: string[];
  /** Resolves once the service has written a line containing `text`; fails naming it after `ms`. */
  says(text: string, ms: number): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startService(dataDir: string, env: Record<string, string> = {}): Promise<Service> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    NEO4J_BOLT_PORT: String(servicePort),
    NEO4J_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...env,
  };
  // Not the test suite's Neo4j (jest's global setup sets NEO4J_URI for its workers), and not
  // NODE_ENV=test: Apollo then handles SIGTERM itself as it does in production.
  delete childEnv.NEO4J_URI;
  delete childEnv.NEO4J_PASSWORD;
  delete childEnv.NODE_ENV;
  const child = spawn(
    process.execPath,
    ['-r', path.join(projectRoot, 'tests/support/register-ts.js'), path.join(projectRoot, 'src/app/main.ts')],
    {
      cwd: projectRoot,
      env: childEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stderr: string[] = [];
  const lines = readline.createInterface({ input: child.stderr! });
  const says = (text: string, ms: number) =>
    within(
      new Promise<void>((resolve) => {
        if (stderr.some((line) => line.includes(text))) resolve();
        lines.on('line', (line) => line.includes(text) && resolve());
      }),
      ms,
      () => `the service to say "${text}":\n${stderr.join('\n')}`,
    );
  let javaPid = 0;
  const ready = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const message = logMessage(line);
      stderr.push(message);
      const supervised = /^embedded Neo4j supervised: pid (\d+)/.exec(message);
      if (supervised) javaPid = Number(supervised[1]);
      const ready = /^coopgraph ready: (\S+)/.exec(message);
      if (ready) resolve(ready[1]!);
    });
    void exit.then(({ code }) => reject(new Error(`the service exited with ${code} before it was ready:\n${stderr.join('\n')}`)));
  });
  try {
    const url = await within(ready, 180000, () => `the service to be ready:\n${stderr.join('\n')}`);
    return { child, url, javaPid, stderr, says, exit };
  } catch (error) {
    // A service that never said it was ready is still a running child: it would keep jest (and its JVM) alive.
    child.kill('SIGKILL');
    throw error;
  }
}

/** `workers` keep-alive clients each sending `query` in a loop until `stop()`: statuses, and errors by message. */
function load(url: string, workers: number) {
  const statuses: number[] = [];
  const errors: string[] = [];
  let running = true;
  // Under way once the clients have had five answers each between them (or they have stopped).
  let started: () => void = () => undefined;
  const underWay = new Promise<void>((resolve) => (started = resolve));
  const done = Promise.all(
    Array.from({ length: workers }, async () => {
      while (running) {
        try {
          statuses.push((await read(url)).status);
          if (statuses.length >= workers * 5) started();
        } catch (error) {
          errors.push(String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message));
          // The server is gone: this worker is done.
          return;
        }
      }
    }),
  );
  return { statuses, errors, underWay: Promise.race([underWay, done]), stop: () => ((running = false), done), done };
}

/** A keep-alive connection that asked once and then sits idle: when (and whether the JVM was still up) the server closed it. */
async function idleKeepAlive(url: string, javaPid: number): Promise<{ closed: Promise<{ at: number; jvmAlive: boolean }> }> {
  const { hostname, port: httpPort } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(httpPort) });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  await answered;
  const closed = new Promise<{ at: number; jvmAlive: boolean }>((resolve) =>
    socket.once('close', () => resolve({ at: Date.now(), jvmAlive: alive(javaPid) })),
  );
  socket.on('error', () => undefined);
  return { closed };
}

describe('the service process (src/app/main.ts in a child Node)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-service-'));
  let service: Service | undefined;

  afterEach(async () => {
    // A failed test must not leave its service (and so its JVM) running.
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exit;
      await waitUntil(() => !alive(service!.javaPid), 60000);
    }
    service = undefined;
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('SIGTERM under load: in-flight requests answered, keep-alive sockets closed, JVM stopped, exit 0', async () => {
    service = await startService(dataDir);
    expect(service.javaPid).toBeGreaterThan(0);
    expect(alive(service.javaPid)).toBe(true);
    const idle = await idleKeepAlive(service.url, service.javaPid);
    const traffic = load(service.url, 8);
    await traffic.underWay;

    const termAt = Date.now();
    service.child.kill('SIGTERM');
    const exit = await service.exit;
    const exitedAt = Date.now();
    await traffic.stop();
    const idleClosed = await idle.closed;

    expect(exit).toEqual({ code: 0, signal: null });
    // No orphan: the JVM was stopped before Node exited.
    expect(alive(service.javaPid)).toBe(false);
    await expect(
      new Promise((resolve) =>
        net
          .connect({ host: '127.0.0.1', port: servicePort })
          .once('error', () => resolve('refused'))
          .once('connect', () => resolve('open')),
      ),
    ).resolves.toBe('refused');
    // The idle keep-alive socket was closed by the HTTP drain, while Neo4j still ran (it stops last).
    expect(idleClosed.jvmAlive).toBe(true);
    expect(idleClosed.at).toBeLessThanOrEqual(exitedAt);
    // Every request that got an answer got a real one: Neo4j outlived the drain.
    expect(traffic.statuses.length).toBeGreaterThan(0);
    expect(traffic.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(service.stderr).toContain('SIGTERM: shutting down');
    console.log(
      `shutdown: SIGTERM under load (8 keep-alive clients, ${traffic.statuses.length} answered, all 200; ${traffic.errors.length} refused after the close: ${[...new Set(traffic.errors)].join(', ')}) -> ` +
        `idle keep-alive socket closed after ${idleClosed.at - termAt} ms -> exit 0 after ${exitedAt - termAt} ms, JVM gone`,
    );
    expect(exitedAt - termAt).toBeLessThan(60000);
  }, 300000);

  test('a supervisor that cannot restart Neo4j (its port taken) gives up: exit 1 with the reason, no JVM left', async () => {
    // The JVM is killed within a minute of its start, so that counts as failed start 1 and the
    // restart waits 2 x 3 s: time enough, on a loaded machine, for someone else to take its port.
    service = await startService(dataDir, { NEO4J_RESTART_MAX_FAILURES: '2', NEO4J_RESTART_DELAY_MS: '3000' });
    const { javaPid, exit: exited, stderr: said } = service;
    process.kill(javaPid, 'SIGKILL');
    expect(await waitUntil(() => !alive(javaPid), 5000)).toBe(true);
    const squatter = await takePort(servicePort, 5000);
    try {
      // Once the service knows the JVM died its reads are refused at once. Before that, a read
      // goes to the driver, which reaches the squatter, gets no Bolt handshake and waits out its
      // acquisition timeout (SERVICE_OVERLOADED, seen on a loaded machine): not what this tests.
      await service.says('embedded Neo4j died', 10000);
      expect(await read(service.url, 10000)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      const exit = await within(exited, 120000, () => `the service to exit after its restart failed:\n${said.join('\n')}`);
      expect(exit).toEqual({ code: 1, signal: null });
      const stderr = service.stderr.join('\n');
      expect(stderr).toMatch(new RegExp(`embedded Neo4j died \\(pid ${javaPid}, killed by SIGKILL\\)`));
      expect(stderr).toMatch(/embedded Neo4j: restarting in 6 s \(attempt 2 of 2\)/);
      expect(stderr).toMatch(/embedded Neo4j: restart failed \(2 of 2\): port \d+ on 127.0.0.1 is already in use/);
      expect(stderr).toMatch(
        /coopgraph: the embedded Neo4j is down and stays down: 2 consecutive starts failed \(NEO4J_RESTART_MAX_FAILURES=2\); last: port \d+ on 127.0.0.1 is already in use.*; exiting so that a process manager can restart the service/,
      );
    } finally {
      await squatter.close();
    }
  }, 300000);

  test('a SIGKILLed Node leaves no JVM: it sees its stdin close and shuts down by itself', async () => {
    service = await startService(dataDir);
    const { javaPid } = service;
    const killedAt = Date.now();
    service.child.kill('SIGKILL');
    await service.exit;
    expect(await waitUntil(() => !alive(javaPid), 60000)).toBe(true);
    console.log(`orphan check: the JVM exited ${Date.now() - killedAt} ms after its Node was SIGKILLed`);
  }, 300000);
});
