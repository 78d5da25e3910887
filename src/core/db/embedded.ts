/**
 * Control of the embedded Neo4j: builds the Java launcher in neo4j/ with Maven (jars cached in
 * ~/.m2), starts it as a child process with Bolt on 127.0.0.1, waits for its ready line, and
 * stops it cleanly. The child also watches its stdin, which we hold: if this Node process
 * dies in any way, the pipe closes and the JVM shuts the database down by itself.
 *
 * The JVM runs in a process group of its own, so a Ctrl-C in the terminal (SIGINT to the whole
 * foreground group) reaches Node only: Node drains HTTP first and then stops the JVM, instead
 * of the JVM dying under requests still in flight. Restarting it when it dies is
 * supervisor.ts's job, not this module's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { ConfigError } from '../errors';
import { projectRoot } from '../project';
import type { Logger } from '../logger';

export interface EmbeddedNeo4jConfig {
  /** NEO4J_BOLT_PORT — default 7687. Bolt listens on 127.0.0.1 only. */
  boltPort: number;
  /** NEO4J_DATA_DIR — default .data/neo4j (git-ignored); a restart reuses it. */
  dataDir: string;
  /** NEO4J_HEAP_MB — JVM heap of the launcher, default 512. */
  heapMb: number;
  /** NEO4J_PAGECACHE_MB — Neo4j page cache (off-heap), default 256. */
  pageCacheMb: number;
  /** NEO4J_START_TIMEOUT_S — how long to wait for Maven and the JVM, default 600 (a first Maven download can be slow). */
  startTimeoutSeconds: number;
}

const launcherDir = path.join(projectRoot, 'neo4j');
/** Builds the launcher when its sources changed, with the progress of Maven's download (also run by scripts/build.mjs). */
const launcherBuild = path.join(projectRoot, 'scripts/launcher.mjs');
/** scripts/launcher.mjs's exit code when Maven is missing. */
const mavenMissingExitCode = 3;
const jarDir = path.join(launcherDir, 'target/lib');

/** The flags Neo4j's own neo4j.conf passes to the JVM; without them Java 17+ refuses its reflection. */
const jvmFlags = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  // A JVM out of heap is left half-broken (threads died mid-work); exiting lets the supervisor start a sound one.
  '-XX:+ExitOnOutOfMemoryError',
];

export const missingToolsMessage = 'install Java 17+ and Maven, or set NEO4J_URI to an existing Neo4j';

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  /** Stops the database cleanly (SIGTERM, then SIGKILL after 30 s). Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the JVM has exited, for whatever reason, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** The same moment with the signal too, for saying how it died (a SIGKILL has no exit code). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** Progress for slow steps: one line when it starts, then the elapsed time every 5 s. */
export function withProgress<T>(log: Logger, label: string, work: Promise<T>): Promise<T> {
  const started = Date.now();
  log.info(`${label}...`);
  const timer = setInterval(() => log.info(`${label}... ${Math.round((Date.now() - started) / 1000)} s`), 5000);
  return work.finally(() => {
    clearInterval(timer);
    log.info(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

/** Set once the launcher was found built (or was built) in this process: a supervised restart does not check again. */
let launcherBuilt = false;

/**
 * Builds the launcher with Maven when it is missing or its sources changed (scripts/launcher.mjs,
 * whose progress lines are logged: files and MB downloaded so far). Maven missing is a ConfigError.
 */
export async function buildLauncher(log: Logger): Promise<void> {
  if (launcherBuilt) return;
  const errors: string[] = [];
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [launcherBuild], { stdio: ['ignore', 'pipe', 'pipe'] });
    readline
      .createInterface({ input: child.stdout! })
      .on('line', (line) => (line.endsWith('up to date') ? log.debug(line) : log.info(line)));
    readline.createInterface({ input: child.stderr! }).on('line', (line) => errors.push(line));
    child.once('error', reject);
    // 'close', not 'exit': every line of its output has been read by then.
    child.once('close', resolve);
  });
  if (exitCode === mavenMissingExitCode) throw new ConfigError(errors.join(' '));
  if (exitCode !== 0) throw new Error(errors.join('\n') || `scripts/launcher.mjs exited with ${exitCode}`);
  launcherBuilt = true;
}

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the JVM and resolves once its database is ready. `cancel` (optional) gives up on a
 * start still in progress and stops its JVM: a service shutting down does not wait for it.
 */
export async function startEmbeddedNeo4j(
  config: EmbeddedNeo4jConfig,
  log: Logger,
  password?: string,
  cancel?: AbortSignal,
): Promise<EmbeddedNeo4j> {
  await prepareStart(config, log);
  const child = spawnLauncher(config, password);
  const { exit, exited } = watchExit(child);
  const ready = readyUri(child, exited, log);
  const deadline = startDeadline(config, exited, cancel);
  const stop = stopperOf(child, exited);
  try {
    const uri = await withProgress(
      log,
      `Starting embedded Neo4j (bolt 127.0.0.1:${config.boltPort}, data ${config.dataDir})`,
      Promise.race([ready, deadline.reached]),
    );
    return { uri, pid: child.pid!, stop, exited, exit };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    deadline.clear();
  }
}

/**
 * Set once `java -version` worked in this process. The check starts a JVM through spawnSync, which
 * blocks Node's event loop while it runs (seconds on a busy machine): a supervised restart must
 * not stall every request that is being refused fast meanwhile, nor add to the outage.
 */
let javaFound = false;

/** Java there, the launcher built, the Bolt port free and the data directory made: what the JVM needs before it starts. */
async function prepareStart(config: EmbeddedNeo4jConfig, log: Logger): Promise<void> {
  if (!javaFound && !commandWorks('java', ['-version'])) throw new ConfigError(`Java (java) was not found: ${missingToolsMessage}`);
  javaFound = true;
  await buildLauncher(log);
  if (await portInUse(config.boltPort)) {
    throw new ConfigError(
      `port ${config.boltPort} on 127.0.0.1 is already in use, so the embedded Neo4j cannot open Bolt there: ` +
        'set NEO4J_BOLT_PORT to a free port, or set NEO4J_URI to use the Neo4j already listening',
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
}

function spawnLauncher(config: EmbeddedNeo4jConfig, password: string | undefined): ChildProcess {
  return spawn(
    'java',
    [
      `-Xmx${config.heapMb}m`,
      `-Xms${Math.min(config.heapMb, 256)}m`,
      ...jvmFlags,
      '-cp',
      `${path.join(launcherDir, 'target/classes')}${path.delimiter}${jarDir}/*`,
      'org.coopgraph.neo4j.Launcher',
      '--exit-on-stdin-eof',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: terminal signals reach Node only, which stops the JVM in order (see above).
      detached: true,
      env: {
        ...process.env,
        NEO4J_BOLT_PORT: String(config.boltPort),
        NEO4J_DATA_DIR: config.dataDir,
        NEO4J_PAGECACHE_MB: String(config.pageCacheMb),
        ...(password ? { NEO4J_AUTH_PASSWORD: password } : {}),
      },
    },
  );
}

/** How and when the JVM exits; until then, Node's own exit takes it down. */
function watchExit(child: ChildProcess): Pick<EmbeddedNeo4j, 'exit' | 'exited'> {
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const exited = exit.then(({ code }) => code);
  // If Node exits without a graceful stop, closing our end of stdin tells the JVM to shut down.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  exited.then(() => process.removeListener('exit', killOnExit));
  return { exit, exited };
}

/** The Bolt URI the launcher reports once ready; rejects with its error, or with its last stderr lines if it exits first. */
function readyUri(child: ChildProcess, exited: Promise<number | null>, log: Logger): Promise<string> {
  const lastLines: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    lastLines.push(line);
    if (lastLines.length > 40) lastLines.shift();
    log.debug(line);
  });
  return new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('coopgraph-neo4j ready')) resolve(line.split(' ').pop()!);
      else if (line.startsWith('coopgraph-neo4j error'))
        reject(new ConfigError(line.replace('coopgraph-neo4j error: ', 'embedded Neo4j: ')));
      else log.debug(line);
    });
    child.once('error', reject);
    exited.then((code) => reject(new Error(`the embedded Neo4j exited with code ${code} before it was ready:\n${lastLines.join('\n')}`)));
  });
}

/** What ends a start early: its timeout (startTimeoutSeconds) or `cancel`; `clear` drops the timer once the start is decided. */
function startDeadline(
  config: EmbeddedNeo4jConfig,
  exited: Promise<number | null>,
  cancel: AbortSignal | undefined,
): { reached: Promise<never>; clear(): void } {
  let timeout: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timeout = setTimeout(
      () => reject(new Error(`the embedded Neo4j was not ready within ${config.startTimeoutSeconds} s`)),
      config.startTimeoutSeconds * 1000,
    );
  });
  const cancelled = new Promise<never>((_, reject) => {
    const onCancel = () => reject(new Error('the start of the embedded Neo4j was cancelled'));
    if (cancel?.aborted) onCancel();
    cancel?.addEventListener('abort', onCancel, { once: true });
    exited.then(() => cancel?.removeEventListener('abort', onCancel));
  });
  return { reached: Promise.race([timedOut, cancelled]), clear: () => clearTimeout(timeout) };
}

/** Stops the JVM (SIGTERM, SIGKILL after 30 s) and waits for its exit; calls after the first share its stop. */
function stopperOf(child: ChildProcess, exited: Promise<number | null>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 30000);
      await exited;
      clearTimeout(forced);
    })();
    return stopping;
  };
}
