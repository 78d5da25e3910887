/** What the measuring code needs from a runner: one request, and one request with its Cypher recorded. */
import type { Operation, Targets } from '../operations';

export type RunnerName = 'coopgraph' | 'raw' | 'neo4j-graphql';
export const runnerNames: RunnerName[] = ['coopgraph', 'raw', 'neo4j-graphql'];

/** A Cypher statement as sent to Neo4j, for counting and PROFILE. */
export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

export interface Runner {
  name: RunnerName;
  /** Why this runner cannot answer `op`, or null when it can. */
  unsupported(op: Operation): string | null;
  /** One request; resolves to the answer mapped into the operation's shared shape. */
  execute(op: Operation, targets: Targets): Promise<unknown>;
  /** One request with every Cypher statement it sent. Requests must not overlap while this runs. */
  capture(op: Operation, targets: Targets): Promise<{ answer: unknown; statements: Statement[] }>;
  close(): Promise<void>;
}

/** POSTs a GraphQL request and returns `data`; GraphQL errors throw with the server's message. */
export async function postGraphql(url: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let json: { data?: unknown; errors?: { message: string }[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  if (json.errors && json.errors.length > 0) throw new Error(`${url}: ${json.errors.map((e) => e.message).join('; ')}`);
  return json.data;
}
