/**
 * The GraphQL over HTTP conformance audits of graphql-http (the spec's reference
 * implementation) against the real server. Every MUST is a test of its own and has to pass:
 * generic clients (graphql-request, urql, Apollo Client...) rely on exactly these. SHOULD and MAY
 * are recommendations: they are listed in the output so a reader sees where the server differs
 * from the spec's advice (often by Apollo's design, e.g. CSRF prevention), without failing.
 */
import { serverAudits, type Audit, type AuditResult } from 'graphql-http';
import type { RunningServer } from '../../src/app/server';
import { useTestServer } from '../support/harness';

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

// The URL is read when each audit runs: the server is only up once beforeAll has run.
const audits = serverAudits({ url: () => server.url, fetchFn: fetch });
const requirement = (audit: Audit) => audit.name.split(' ')[0];
const must = audits.filter((audit) => requirement(audit) === 'MUST');
const recommendations = audits.filter((audit) => requirement(audit) !== 'MUST');

/** The reason and the start of the response body of a failed audit: what a reader needs to judge it. */
async function explain(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '(body already read)');
  return `${result.reason} (HTTP ${result.response.status}: ${body.slice(0, 200)})`;
}

test('graphql-http still has MUST audits to run (an empty list would pass vacuously)', () => {
  expect(must.length).toBeGreaterThan(10);
});

test.each(must.map((audit) => ({ ...audit, title: `${audit.name} [${audit.id}]` })))('$title', async (audit) => {
  const result = await audit.fn();
  expect(await explain(result)).toBe('ok');
});

test('SHOULD and MAY audits all run to a verdict; the ones not met are listed', async () => {
  // One at a time, as a client would: a burst could meet the in-flight limit and skew the verdicts.
  const results: AuditResult[] = [];
  for (const audit of recommendations) results.push(await audit.fn());
  const notMet = results.filter((result) => result.status !== 'ok');
  const lines: string[] = [];
  for (const result of notMet) lines.push(`  ${result.name} [${result.id}]: ${await explain(result)}`);
  console.log(`graphql-http: ${results.length - notMet.length} of ${results.length} SHOULD/MAY audits met; not met:\n${lines.join('\n')}`);
  // An audit throws only on a fatal failure (no answer at all); a recommendation not met is a warning or a notice.
  expect(results.map((result) => [result.id, result.status])).toEqual(
    recommendations.map((audit) => [audit.id, expect.stringMatching(/^(ok|warn|notice)$/)]),
  );
});
