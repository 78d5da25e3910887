/** GET /metrics (prom-client text format) counts what the service did, with bounded labels. */
import type { RunningServer } from '../../src/app/server';
import { graphql, useTestServer } from '../support/harness';

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

const metricsText = async () => {
  const response = await fetch(server.url.replace('/graphql', '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
};

/** The value of one sample line, e.g. sample(text, 'coopgraph_graphql_requests_total{root_field="entity",code="OK"}'). */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

test('requests by root field and outcome, latency, cost and Neo4j statement times', async () => {
  const before = await metricsText();
  await graphql(server, '{ entity(id: "agency:asan-xidmet") { id ... on Agency { country { code } } } }');
  await graphql(server, '{ entity(id: "agency:asan-xidmet") { id } }');
  await graphql(server, `{ entity(id: "agency:abad") { ... on Agency { ${'parent { '.repeat(20)}id${' }'.repeat(20)} } } }`);
  await graphql(server, '{ agencies(asOf: "0000") { totalCount } }');
  const after = await metricsText();
  const delta = (series: string) => sample(after, series) - sample(before, series);
  expect(delta('coopgraph_graphql_requests_total{root_field="entity",code="OK"}')).toBe(2);
  expect(delta('coopgraph_graphql_requests_total{root_field="entity",code="QUERY_TOO_DEEP"}')).toBe(1);
  expect(delta('coopgraph_graphql_requests_total{root_field="agencies",code="BAD_USER_INPUT"}')).toBe(1);
  expect(delta('coopgraph_graphql_request_duration_seconds_count{root_field="entity"}')).toBe(3);
  expect(delta('coopgraph_graphql_request_cost_count')).toBe(3);
  // Two compiled entity(id) statements; the refused and the invalid requests sent none.
  expect(delta('coopgraph_neo4j_statement_duration_seconds_count{mode="READ",ok="true"}')).toBe(2);
  expect(after).toContain('coopgraph_process_resident_memory_bytes');
});

test('abuse: an invented operationName never becomes a label', async () => {
  await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query Evil123 { entity(id: "x") { id } }', operationName: 'Evil123' }),
  });
  expect(await metricsText()).not.toContain('Evil123');
});
