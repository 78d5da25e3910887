/**
 * A QueryRunner with no database behind it: it records every query a request emits and
 * answers from a small script, so the cypher tests can pin the exact Cypher and parameters of
 * a GraphQL request (in the style of neo4j/graphql's tck tests) without Neo4j or Java.
 */
import type { Params, QueryRunner, Row, WriteTransaction } from '../../src/core/db/database';

export interface RecordedQuery {
  mode: 'READ' | 'WRITE';
  /** The Cypher text, formatted by formatCypher: independent of the source's whitespace. */
  cypher: string;
  params: Params;
}

/** Rows for a query: fixed, or computed from its parameters (the loaders' batches). */
export type Answer = Row[] | ((params: Params) => Row[]);

/** Answers the queries whose whitespace-collapsed text matches `when`. */
export interface ScriptRule {
  when: RegExp;
  answer: Answer;
}

export function answer(when: RegExp, rows: Answer): ScriptRule {
  return { when, answer: rows };
}

/** Clauses that start a line in a recorded query. STARTS WITH / ENDS WITH / OPTIONAL MATCH stay whole. */
const clauseStart =
  / (?<!STARTS )(?<!ENDS )(?<!OPTIONAL )(?=(?:OPTIONAL MATCH|MATCH|WHERE|WITH|RETURN|UNWIND|CALL|UNION|ORDER BY|LIMIT) )/g;

/**
 * Collapses every run of whitespace (the repositories indent their template literals), then
 * starts a line at each clause, so a snapshot reads like Cypher yet changes only when the
 * query itself changes, never when its source is re-indented.
 */
export function formatCypher(cypher: string): string {
  return cypher.replace(/\s+/g, ' ').trim().replace(clauseStart, '\n');
}

export class RecordingRunner implements QueryRunner {
  readonly queries: RecordedQuery[] = [];

  /** The first rule whose pattern matches a query answers it; an unmatched query gets no rows. */
  constructor(private readonly script: readonly ScriptRule[] = []) {}

  read(cypher: string, params: Params = {}): Promise<Row[]> {
    return this.run('READ', cypher, params);
  }

  writeTransaction<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return work({ run: (cypher, params = {}) => this.run('WRITE', cypher, params) });
  }

  /** The value of parameter `name` in each recorded query matching `when`, in order: what a loader batched. */
  batches(when: RegExp, name: string): unknown[] {
    return this.queries.filter((query) => when.test(oneLine(query.cypher))).map((query) => query.params[name]);
  }

  private async run(mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<Row[]> {
    // A copy: the caller may reuse its objects, and the record must show what was sent.
    this.queries.push({ mode, cypher: formatCypher(cypher), params: structuredClone(params) });
    const rule = this.script.find((candidate) => candidate.when.test(oneLine(cypher)));
    const rows = !rule ? [] : typeof rule.answer === 'function' ? rule.answer(params) : rule.answer;
    // A real driver answers in a later turn of the event loop; DataLoader batching depends on
    // that timing, so the stand-in must not answer synchronously either.
    await new Promise((resolve) => setImmediate(resolve));
    return structuredClone(rows);
  }
}

function oneLine(cypher: string): string {
  return cypher.replace(/\s+/g, ' ').trim();
}
