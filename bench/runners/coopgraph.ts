/**
 * coopgraph itself: the real server (src/app/server.ts) on its own port, real HTTP POSTs.
 * Statements are counted with Database.onQuery, the hook the N+1 tests use.
 */
import { startServer, type RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';
import type { Operation, Targets } from '../operations';
import { postGraphql, type Runner, type Statement } from './runner';

export async function coopgraphRunner(db: Database, port: number): Promise<Runner & { url: string }> {
  const server: RunningServer = await startServer({ db, log: silentLogger }, { host: '127.0.0.1', port });
  const execute = async (op: Operation, t: Targets) =>
    op.coopgraph.answer(await postGraphql(server.url, op.coopgraph.query, op.coopgraph.variables(t)));
  return {
    name: 'coopgraph',
    url: server.url,
    unsupported: () => null,
    execute,
    capture: async (op, t) => {
      const statements: Statement[] = [];
      const stop = db.onQuery((event) => statements.push({ cypher: event.cypher, params: event.params }));
      try {
        return { answer: await execute(op, t), statements };
      } finally {
        stop();
      }
    },
    close: () => server.stop(),
  };
}
