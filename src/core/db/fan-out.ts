/**
 * How many relations an entity may have, read from Neo4j: what the cost model
 * (app/plugins/limits) multiplies a relation list by, instead of a guess. A hub has hundreds of
 * relations where a typical entity has a few; a guess of 10 let a four-level walk from a hub
 * pass the cost limit and run Node out of memory.
 *
 * Two reads, both cheap on any graph size: the count store per relation type (`MATCH
 * ()-[r:T]->() RETURN count(r)` is answered from Neo4j's counts, not by a scan), and one pass
 * over the entity nodes that takes each node's degree per relation type and direction
 * (`COUNT { (n)-[:T]->() }` reads a node's degree, not its relations), grouped by entity type:
 * the largest degree and the 99th percentile.
 *
 * They are read straight through the driver, in read transactions of their own: they are no
 * request's statements, so they take no request's turn, are not counted among the statements in
 * flight and do not hold the breaker.
 *
 * Relation type names are the registry's own, written into the statement as identifiers (a
 * relation type cannot be a parameter); nothing a client sends reaches these statements.
 */
import neo4j from 'neo4j-driver';
import { entityTypeNames, isEntityTypeName, relationTypeNames, type EntityTypeName, type RelationTypeName } from '../model/registry';
import type { Database, Params, Row } from './database';
import { toPlain } from './plain-values';

/** The degrees of one relation type, or of all of them, in one direction, over one entity type's nodes. */
export interface DegreeStatistics {
  max: number;
  p99: number;
}

/** One entity type's degrees: per relation type and direction, and over all relation types. */
export interface TypeFanOut {
  out: Readonly<Partial<Record<RelationTypeName, DegreeStatistics>>>;
  in: Readonly<Partial<Record<RelationTypeName, DegreeStatistics>>>;
  /** All relation types together, by direction, BOTH counting each relation once. */
  any: { out: DegreeStatistics; in: DegreeStatistics; both: DegreeStatistics };
}

export interface FanOutStatistics {
  /** Relations of each type, from the count store. */
  relationCounts: Readonly<Partial<Record<RelationTypeName, number>>>;
  /** Degrees by entity type; a type with no nodes is absent (its lists return nothing). */
  byEntityType: Readonly<Partial<Record<EntityTypeName, TypeFanOut>>>;
  /** When they were read, in ms since the epoch. */
  readAt: number;
}

const none: DegreeStatistics = { max: 0, p99: 0 };

/** The column of one relation type and direction in the degree statement (types by their registry index). */
const column = (direction: 'out' | 'in', index: number) => `${direction}${index}`;

/** The degree statement: one row per entity type, two aggregates per degree column. */
export function degreeStatement(): string {
  const all = relationTypeNames.join('|');
  const degrees = relationTypeNames.flatMap((name, i) => [
    `COUNT { (n)-[:${name}]->() } AS ${column('out', i)}`,
    `COUNT { (n)<-[:${name}]-() } AS ${column('in', i)}`,
  ]);
  const columns = [...relationTypeNames.flatMap((_, i) => [column('out', i), column('in', i)]), 'anyOut', 'anyIn', 'anyBoth'];
  return [
    'MATCH (n:Entity) WHERE n.type IN $types',
    `WITH n.type AS type, COUNT { (n)-[:${all}]->() } AS anyOut, COUNT { (n)<-[:${all}]-() } AS anyIn,`,
    `  COUNT { (n)-[:${all}]-() } AS anyBoth, ${degrees.join(', ')}`,
    `RETURN type, ${columns.map((name) => `max(${name}) AS ${name}Max, percentileDisc(${name}, 0.99) AS ${name}P99`).join(', ')}`,
  ].join('\n');
}

/** The count store's relation counts, one CALL per type in one statement. */
export function countStatement(): string {
  const calls = relationTypeNames.map((name, i) => `CALL { MATCH ()-[r:${name}]->() RETURN count(r) AS c${i} }`);
  return `${calls.join('\n')}\nRETURN ${relationTypeNames.map((_, i) => `c${i}`).join(', ')}`;
}

const degree = (row: Record<string, unknown>, name: string): DegreeStatistics => ({
  max: Number(row[`${name}Max`] ?? 0),
  p99: Number(row[`${name}P99`] ?? 0),
});

function typeFanOut(row: Record<string, unknown>): TypeFanOut {
  const out: Partial<Record<RelationTypeName, DegreeStatistics>> = {};
  const inward: Partial<Record<RelationTypeName, DegreeStatistics>> = {};
  relationTypeNames.forEach((name, i) => {
    out[name] = degree(row, column('out', i));
    inward[name] = degree(row, column('in', i));
  });
  return { out, in: inward, any: { out: degree(row, 'anyOut'), in: degree(row, 'anyIn'), both: degree(row, 'anyBoth') } };
}

/** One read statement, in its own read transaction, answered as plain rows. */
export type StatisticsReader = (cypher: string, params?: Params) => Promise<Row[]>;

/** How long one statistics statement may run, in ms (one pass over every entity node). */
export const statisticsTimeoutMs = 60000;

/** Reads through `db`'s driver (executeRead), outside the Database's request path (see above). */
export function driverReader(db: Database): StatisticsReader {
  return async (cypher, params = {}) => {
    const session = db.driver.session({ database: db.databaseName, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(cypher, params), { timeout: statisticsTimeoutMs });
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    } finally {
      await session.close();
    }
  };
}

/** Reads the fan-out statistics (two read statements). */
export async function readFanOut(read: StatisticsReader): Promise<FanOutStatistics> {
  const [counts] = await read(countStatement());
  const relationCounts = Object.fromEntries(relationTypeNames.map((name, i) => [name, Number(counts?.[`c${i}`] ?? 0)]));
  const rows = await read(degreeStatement(), { types: [...entityTypeNames] });
  const byEntityType: Partial<Record<EntityTypeName, TypeFanOut>> = {};
  for (const row of rows) {
    const type = String(row.type);
    if (isEntityTypeName(type)) byEntityType[type] = typeFanOut(row);
  }
  return { relationCounts, byEntityType, readAt: Date.now() };
}

/** The largest degree of `relations` in `direction` over entities of `types` (summed over the relation types: an upper bound). */
export function maxFanOut(
  statistics: FanOutStatistics,
  types: readonly EntityTypeName[],
  direction: 'OUT' | 'IN' | 'BOTH',
  relations: readonly RelationTypeName[] | null,
): number {
  let largest = 0;
  for (const type of types) {
    const fanOut = statistics.byEntityType[type];
    if (!fanOut) continue;
    const anyOf = direction === 'OUT' ? fanOut.any.out : direction === 'IN' ? fanOut.any.in : fanOut.any.both;
    if (relations === null) {
      largest = Math.max(largest, anyOf.max);
      continue;
    }
    let sum = 0;
    for (const relation of relations) {
      if (direction !== 'IN') sum += (fanOut.out[relation] ?? none).max;
      if (direction !== 'OUT') sum += (fanOut.in[relation] ?? none).max;
    }
    largest = Math.max(largest, Math.min(sum, anyOf.max));
  }
  return largest;
}

/**
 * The statistics the app holds, read at start and again on `refresh()` (after an import, or on
 * a timer for imports run by another process). A failed read keeps what was there (null at
 * first: the cost model then falls back to its assumption) and is reported to `onError`.
 */
export class FanOut {
  private current: FanOutStatistics | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly read: StatisticsReader,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  get statistics(): FanOutStatistics | null {
    return this.current;
  }

  /** Reads them again; calls made while a read is under way share it. */
  refresh(): Promise<void> {
    this.reading ??= readFanOut(this.read)
      .then((statistics) => void (this.current = statistics))
      .catch((error: Error) => this.onError(error))
      .finally(() => (this.reading = null));
    return this.reading;
  }
}
