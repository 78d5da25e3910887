/**
 * addRelation's statements, pinned: one write transaction that takes the idempotency key, locks
 * the from-end before reading it, checks the other end and the citation's source, reads the
 * relation, writes it with the import's own statements (relation, partner ranks), reads it
 * again and records the change. The change's id and the times are per request and masked.
 */
import { ApolloServer } from '@apollo/server';
import { buildResolvers } from '../../src/app/resolvers';
import { loadTypeDefs } from '../../src/app/schema';
import { createRequestContext, type RequestContext } from '../../src/core/graphql/context';
import { answer, RecordingRunner } from './recording-runner';

const agency = { id: 'agency:asan-xidmet', type: 'Agency', name: 'ASAN xidmət', version: 3, sourceIds: [], quotes: [] };
const memorandum = { id: 'memorandum:asan-af-2016', type: 'Memorandum', name: 'Memorandum', version: 1, sourceIds: [], quotes: [] };
const edge = {
  type: 'PARTY_TO',
  fromId: agency.id,
  toId: memorandum.id,
  props: { key: '', start: '2016', sourceIds: ['source:s'], quotes: [''], notes: [''] },
};

test('addRelation: one transaction, the from-end locked before it is read', async () => {
  let relationReads = 0;
  const runner = new RecordingRunner([
    answer(/^MERGE \(k:IdempotencyKey/, (params) => [{ request: params.request, result: null }]),
    answer(/SET n\._lock = true/, [{ props: agency }]),
    answer(/^MATCH \(n:Entity \{id: \$id\}\) RETURN properties\(n\)/, [{ props: memorandum }]),
    answer(/^OPTIONAL MATCH \(s:Source/, [{ found: true, text: null }]),
    answer(/^OPTIONAL MATCH \(:Entity \{id: \$from\}\)/, () => [{ row: relationReads++ === 0 ? null : edge }]),
    answer(/^CREATE \(c:Change/, (params) => [{ c: { ...params, before: null, after: JSON.stringify(edge) } }]),
  ]);
  const server = new ApolloServer<RequestContext>({ typeDefs: loadTypeDefs(), resolvers: buildResolvers() });
  const contextValue = {
    ...createRequestContext(runner, 'request-1'),
    viewer: { subject: 'apikey:editor', role: 'editor' as const, method: 'apiKey' as const, name: 'editor' },
  };
  const response = await server.executeOperation(
    {
      query: `mutation { addRelation(type: PARTY_TO, from: "agency:asan-xidmet", to: "memorandum:asan-af-2016", start: "2016", citation: { source: "source:s" }, idempotencyKey: "k-1") {
        replayed change { action } relation { type start { iso } } } }`,
    },
    { contextValue },
  );
  expect(response.body.kind === 'single' && response.body.singleResult).toMatchObject({
    data: { addRelation: { replayed: false, change: { action: 'ADD_RELATION' }, relation: { type: 'PARTY_TO', start: { iso: '2016' } } } },
  });
  expect(runner.queries.every((query) => query.mode === 'WRITE')).toBe(true);
  const masked = runner.queries.map((query) => ({
    ...query,
    params: {
      ...query.params,
      ...('at' in query.params ? { at: '<now>' } : {}),
      ...('expired' in query.params ? { expired: '<now - key lifetime>' } : {}),
      ...(String(query.params.id).startsWith('change:') ? { id: '<change id>' } : {}),
      ...('result' in query.params ? { result: '<answer as JSON>' } : {}),
    },
  }));
  expect(masked).toMatchSnapshot();
});
