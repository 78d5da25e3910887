/**
 * One runner in a process of its own (`fork`ed by remote.ts): its own Node event loop, its own
 * neo4j-driver and, for the two GraphQL runners, its own HTTP server, so no runner's JSON
 * encoding, garbage collection or connection pool slows another's. The parent sends one command
 * at a time over the IPC channel; this process does the work, measures it here, and answers with
 * plain JSON.
 */
import { loadConfig } from '../../src/app/config';
import { connect } from '../../src/core/db/connect';
import type { Database } from '../../src/core/db/database';
import { throughput } from '../measure';
import { operations, type Operation } from '../operations';
import { coopgraphRunner } from './coopgraph';
import { neo4jGraphqlRunner } from './neo4j-graphql';
import { rawRunner } from './raw';
import { encodeParams, type Command, type Connection, type Reply } from './remote';
import type { Runner, RunnerName } from './runner';

async function openRunner(name: RunnerName, connection: Connection): Promise<{ runner: Runner; db: Database }> {
  const config = loadConfig();
  const db = await connect(
    { ...config.neo4j, uri: connection.uri, user: connection.user, password: connection.password },
    config.queryTimeoutMs,
  );
  const runner =
    name === 'coopgraph'
      ? await coopgraphRunner(db, connection.port)
      : name === 'raw'
        ? rawRunner(db.driver, connection.database)
        : await neo4jGraphqlRunner(db.driver, connection.port);
  return { runner, db };
}

function operation(name: string): Operation {
  const op = operations.find((o) => o.name === name);
  if (!op) throw new Error(`unknown operation ${name}`);
  return op;
}

/** One timed request: milliseconds, and the error message if it failed (its time still counts). */
async function timed(runner: Runner, op: Operation, command: Extract<Command, { kind: 'time' }>): Promise<Reply> {
  const t0 = process.hrtime.bigint();
  let error: string | undefined;
  await runner.execute(op, command.targets).catch((e: Error) => {
    error = e.message;
  });
  return { ok: true, value: { ms: Number(process.hrtime.bigint() - t0) / 1e6, error } };
}

async function counted(runner: Runner, op: Operation, command: Extract<Command, { kind: 'throughput' }>): Promise<Reply> {
  const errors = { count: 0, first: undefined as string | undefined };
  const result = await throughput(
    () =>
      runner.execute(op, command.targets).catch((e: Error) => {
        errors.count++;
        errors.first ??= e.message;
      }),
    command.limits,
  );
  return { ok: true, value: { throughput: result, errors } };
}

async function handle(runner: Runner, command: Command): Promise<Reply> {
  if (command.kind === 'close') return { ok: true, value: null };
  const op = operation(command.op);
  switch (command.kind) {
    case 'unsupported':
      return { ok: true, value: runner.unsupported(op) };
    case 'capture': {
      const { answer, statements } = await runner.capture(op, command.targets);
      return { ok: true, value: { answer, statements: statements.map((s) => ({ cypher: s.cypher, params: encodeParams(s.params) })) } };
    }
    case 'time':
      return timed(runner, op, command);
    case 'throughput':
      return counted(runner, op, command);
    default:
      throw new Error('unknown command');
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] as RunnerName;
  const connection = await new Promise<Connection>((resolve) => process.once('message', (m) => resolve(m as Connection)));
  const { runner, db } = await openRunner(name, connection);
  const send = (reply: Reply) => process.send!(reply);
  send({ ok: true, value: 'ready' });
  process.on('message', (message) => {
    const command = message as Command;
    handle(runner, command)
      .catch((error: Error): Reply => ({ ok: false, error: error.message }))
      .then(async (reply) => {
        if (command.kind === 'close') {
          await runner.close().catch(() => undefined);
          await db.close().catch(() => undefined);
          send(reply);
          process.disconnect();
          return;
        }
        send(reply);
      })
      .catch(() => process.exit(1));
  });
}

main().catch((error: Error) => {
  process.send?.({ ok: false, error: error.message } satisfies Reply);
  process.exit(1);
});
