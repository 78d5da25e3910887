/**
 * The parent's side of a runner in its own process (runner-process.ts): it forks the process,
 * hands it the Bolt address, and sends one command at a time. The child measures (a request's
 * milliseconds, a throughput window) and answers in JSON, so the parent's own work (comparing,
 * PROFILE, orchestration) never runs on a runner's event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Limits, Throughput } from '../measure';
import type { Operation, Targets } from '../operations';
import type { RunnerName, Statement } from './runner';

/** Where the child finds Neo4j, and the HTTP port its server takes (0: any free one). */
export interface Connection {
  uri: string;
  user: string;
  password: string | undefined;
  database: string | undefined;
  port: number;
}

export type Command =
  | { kind: 'unsupported'; op: string }
  | { kind: 'capture'; op: string; targets: Targets }
  | { kind: 'time'; op: string; targets: Targets }
  | { kind: 'throughput'; op: string; targets: Targets; limits: Limits }
  | { kind: 'close' };

export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export interface RemoteRunner {
  name: RunnerName;
  pid: number;
  unsupported(op: Operation): Promise<string | null>;
  capture(op: Operation, targets: Targets): Promise<{ answer: unknown; statements: Statement[] }>;
  /** One request timed in the child; a failed request still has its time. */
  time(op: Operation, targets: Targets): Promise<{ ms: number; error?: string }>;
  throughput(
    op: Operation,
    targets: Targets,
    limits: Limits,
  ): Promise<{ throughput: Throughput; errors: { count: number; first?: string } }>;
  close(): Promise<void>;
}

/**
 * Statement parameters cross the IPC channel as JSON, where a driver Integer (@neo4j/graphql
 * sends LIMIT as one) would arrive as a map {low, high} that PROFILE rejects: it travels tagged.
 */
export function encodeParams(value: unknown): unknown {
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (Array.isArray(value)) return value.map(encodeParams);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeParams(v)]));
  return value;
}

export function decodeParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeParams);
  if (value !== null && typeof value === 'object') {
    const tagged = value as { $int?: string };
    if (typeof tagged.$int === 'string' && Object.keys(value).length === 1) return neo4j.int(tagged.$int);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeParams(v)]));
  }
  return value;
}

function ask(child: ChildProcess, command: Command | Connection): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`runner process ${child.pid} exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      const reply = message as Reply;
      if (reply.ok) resolve(reply.value);
      else reject(new Error(reply.error));
    });
    child.send(command);
  });
}

/** Forks `name`'s process (compiled next to this file) and waits until its runner is ready. */
export async function remoteRunner(name: RunnerName, connection: Connection): Promise<RemoteRunner> {
  const child = fork(path.join(__dirname, 'runner-process.js'), [name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await ask(child, connection);
  return {
    name,
    pid: child.pid!,
    unsupported: async (op) => (await ask(child, { kind: 'unsupported', op: op.name })) as string | null,
    capture: async (op, targets) => {
      const captured = (await ask(child, { kind: 'capture', op: op.name, targets })) as Awaited<ReturnType<RemoteRunner['capture']>>;
      return {
        ...captured,
        statements: captured.statements.map((s) => ({ cypher: s.cypher, params: decodeParams(s.params) as Statement['params'] })),
      };
    },
    time: async (op, targets) => (await ask(child, { kind: 'time', op: op.name, targets })) as { ms: number; error?: string },
    throughput: async (op, targets, limits) =>
      (await ask(child, { kind: 'throughput', op: op.name, targets, limits })) as Awaited<ReturnType<RemoteRunner['throughput']>>,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask(child, { kind: 'close' }).catch(() => child.kill());
      await exited;
    },
  };
}
