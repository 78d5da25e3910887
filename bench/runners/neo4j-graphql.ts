/**
 * @neo4j/graphql 7 on the same Neo4j and data: `new Neo4jGraphQL({ typeDefs, driver })` with the
 * type definitions of neo4j-graphql-typedefs.ts, served by its own Apollo Server over HTTP on
 * another port, so it pays the same HTTP and GraphQL costs as coopgraph.
 *
 * Statements are counted by wrapping the driver it is given: the library opens a session per
 * request and runs its Cypher inside executeRead (classes/Executor.js), so every tx.run and
 * session.run passes through the proxies below.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import type { Operation, Targets } from '../operations';
import { neo4jGraphqlTypeDefs } from './neo4j-graphql-typedefs';
import { postGraphql, type Runner, type Statement } from './runner';

type Recorder = { statements: Statement[] | null };

/** A proxy over `target` whose listed methods are replaced; every other member is the target's own, bound to it. */
function override<T extends object>(target: T, methods: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === 'string' && Object.hasOwn(methods, property)) return methods[property];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

function record(recorder: Recorder, cypher: unknown, params: unknown): void {
  recorder.statements?.push({ cypher: String(cypher), params: (params ?? {}) as Record<string, unknown> });
}

function countingTransaction(tx: ManagedTransaction, recorder: Recorder): ManagedTransaction {
  return override(tx, {
    run: (cypher: string, params?: Record<string, unknown>) => {
      record(recorder, cypher, params);
      return tx.run(cypher, params);
    },
  });
}

function countingSession(session: Session, recorder: Recorder): Session {
  type Work = (tx: ManagedTransaction) => Promise<unknown>;
  return override(session, {
    executeRead: (work: Work, config?: object) => session.executeRead((tx) => work(countingTransaction(tx, recorder)), config),
    executeWrite: (work: Work, config?: object) => session.executeWrite((tx) => work(countingTransaction(tx, recorder)), config),
    run: (cypher: string, params?: Record<string, unknown>, config?: object) => {
      record(recorder, cypher, params);
      return session.run(cypher, params, config);
    },
  });
}

export async function neo4jGraphqlRunner(driver: Driver, port: number): Promise<Runner & { url: string }> {
  const recorder: Recorder = { statements: null };
  const counted = override(driver, {
    session: (config?: Parameters<Driver['session']>[0]) => countingSession(driver.session(config), recorder),
  });
  const neoSchema = new Neo4jGraphQL({
    typeDefs: neo4jGraphqlTypeDefs(),
    driver: counted,
    // signed >= "2016" and the timeline's date range compare strings: off by default in v7.
    features: { filters: { String: { GTE: true, GT: true, LTE: true, LT: true } } },
  });
  const schema = await neoSchema.getSchema();
  // Indexes and constraints are coopgraph's migrations; the library's check is not run (it would
  // ask for constraints it does not need to read).
  const apollo = new ApolloServer({ schema });
  const { url: base } = await startStandaloneServer(apollo, { listen: { port, host: '127.0.0.1' } });
  const url = base.replace('localhost', '127.0.0.1');
  const request = (op: Operation) => {
    if ('na' in op.neo4jGraphql) throw new Error(`${op.name}: @neo4j/graphql cannot answer it`);
    return op.neo4jGraphql;
  };
  const execute = async (op: Operation, t: Targets) => {
    const r = request(op);
    return r.answer(await postGraphql(url, r.query, r.variables(t)));
  };
  return {
    name: 'neo4j-graphql',
    url,
    unsupported: (op) => ('na' in op.neo4jGraphql ? op.neo4jGraphql.na : null),
    execute,
    capture: async (op, t) => {
      recorder.statements = [];
      try {
        const answer = await execute(op, t);
        return { answer, statements: recorder.statements };
      } finally {
        recorder.statements = null;
      }
    },
    close: () => apollo.stop(),
  };
}
