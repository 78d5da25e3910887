/**
 * Raw: the operation's one hand-written Cypher statement through neo4j-driver's executeRead, in
 * this process (no HTTP, no GraphQL): the floor the two GraphQL layers are measured against.
 */
import type { Driver } from 'neo4j-driver';
import type { Row } from '../../src/core/db/database';
import { toPlain } from '../../src/core/db/plain-values';
import type { Operation, Targets } from '../operations';
import type { Runner } from './runner';

export function rawRunner(driver: Driver, database: string | undefined): Runner {
  const run = async (op: Operation, t: Targets) => {
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    try {
      const result = await session.executeRead((tx) => tx.run(op.raw.cypher, op.raw.params(t)));
      return op.raw.answer(result.records.map((record) => toPlain(record.toObject()) as Row));
    } finally {
      await session.close();
    }
  };
  return {
    name: 'raw',
    unsupported: () => null,
    execute: run,
    capture: async (op, t) => ({ answer: await run(op, t), statements: [{ cypher: op.raw.cypher, params: op.raw.params(t) }] }),
    close: async () => undefined,
  };
}
