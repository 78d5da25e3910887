/**
 * addRelation's statements, pinned: one write transaction that takes the idempotency key, locks
 * both ends (in id order) and only then reads them in a statement of their own (a merge that
 * raced the lock has deleted what it dropped by then), checks the citation's source, reads the
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

test('addRelation: one transaction, both ends locked before they are read', async () => {
  let relationReads = 0;
  const runner = new RecordingRunner([
    answer(/^MERGE \(k:IdempotencyKey/, (params) => [{ request: params.request, result: null }]),
    answer(/^MATCH \(n:Entity\) WHERE n\.id IN \$ids RETURN properties\(n\)/, [{ n: agency }, { n: memorandum }]),
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
  expect(masked).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
MATCH (k:IdempotencyKey {subject: $subject, key: $key})
WHERE k.at < $expired DELETE k }
CALL () {
MATCH (k:IdempotencyKey)
WHERE k.at < $expired
WITH k
LIMIT 100 DELETE k }",
    "mode": "WRITE",
    "params": {
      "expired": "<now - key lifetime>",
      "key": "k-1",
      "subject": "apikey:editor",
    },
  },
  {
    "cypher": "MERGE (k:IdempotencyKey {subject: $subject, key: $key}) ON CREATE SET k.at = $at, k.request = $request
RETURN k.request AS request, k.result AS result",
    "mode": "WRITE",
    "params": {
      "at": "<now>",
      "key": "k-1",
      "request": "283e08bb8752f2bad98887e6f9132021eae2f256be10d30b0013f5f6cc70936f",
      "subject": "apikey:editor",
    },
  },
  {
    "cypher": "MATCH (n:Entity)
WHERE n.id IN $ids
WITH n
ORDER BY n.id SET n._lock = true REMOVE n._lock",
    "mode": "WRITE",
    "params": {
      "ids": [
        "agency:asan-xidmet",
        "memorandum:asan-af-2016",
      ],
    },
  },
  {
    "cypher": "MATCH (n:Entity)
WHERE n.id IN $ids
RETURN properties(n) AS n",
    "mode": "WRITE",
    "params": {
      "ids": [
        "agency:asan-xidmet",
        "memorandum:asan-af-2016",
      ],
    },
  },
  {
    "cypher": "OPTIONAL MATCH (s:Source {id: $id})
RETURN s IS NOT NULL AS found, s.text AS text",
    "mode": "WRITE",
    "params": {
      "id": "source:s",
    },
  },
  {
    "cypher": "OPTIONAL MATCH (:Entity {id: $from})-[r {key: $key}]->(:Entity {id: $to})
WHERE type(r) = $type
RETURN CASE WHEN r IS NULL THEN null ELSE {type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)} END AS row",
    "mode": "WRITE",
    "params": {
      "from": "agency:asan-xidmet",
      "key": "",
      "to": "memorandum:asan-af-2016",
      "type": "PARTY_TO",
    },
  },
  {
    "cypher": "UNWIND $relations AS rel
MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to}), (s:Source {id: $sourceId}) MERGE (a)-[:MENTIONED_IN]->(s) MERGE (b)-[:MENTIONED_IN]->(s) MERGE (a)-[r:$(rel.type) {key: rel.key}]->(b) ON CREATE SET r.sourceIds = [], r.quotes = [] SET r.role = coalesce(r.role, rel.role), r.start = coalesce(r.start, rel.start), r.end = coalesce(r.end, rel.end), r.claimSubject = coalesce(r.claimSubject, rel.claimSubject), r.claimProperty = coalesce(r.claimProperty, rel.claimProperty), r.disputed = coalesce(r.disputed, false)
WITH r, rel.quotes AS quotes, rel.note AS note, rel.translations AS translations
WITH r, note, quotes, translations, [q IN quotes
WHERE NONE(i IN range(0, size(r.sourceIds) - 1)
WHERE r.sourceIds[i] = $sourceId AND r.quotes[i] = q)] AS newQuotes SET r.notes = coalesce(r.notes, [q IN r.quotes | '']) + [q IN newQuotes | coalesce(note, '')], r.sourceIds = r.sourceIds + [q IN newQuotes | $sourceId], r.quotes = r.quotes + newQuotes
WITH r, quotes, translations SET r.quoteTranslations = CASE WHEN translations IS NULL THEN r.quoteTranslations ELSE [i IN range(0, size(r.sourceIds) - 1) | CASE WHEN coalesce(r.quoteTranslations[i], '') <> '' OR r.sourceIds[i] <> $sourceId THEN coalesce(r.quoteTranslations[i], '') ELSE coalesce(head([j IN range(0, size(quotes) - 1)
WHERE quotes[j] = r.quotes[i] | translations[j]]), '') END] END",
    "mode": "WRITE",
    "params": {
      "relations": [
        {
          "claimProperty": null,
          "claimSubject": null,
          "end": null,
          "from": "agency:asan-xidmet",
          "key": "",
          "note": null,
          "quotes": [
            "",
          ],
          "role": null,
          "start": "2016",
          "to": "memorandum:asan-af-2016",
          "translations": null,
          "type": "PARTY_TO",
        },
      ],
      "sourceId": "source:s",
    },
  },
  {
    "cypher": "UNWIND $ends AS id
MATCH (x:Entity {id: id})
CALL (x) {
RETURN x AS z
UNION
MATCH (x)-[:MEMBER_OF|PARTY_TO|SIGNED|MODELLED_ON|OPERATED_BY|ESTABLISHED_UNDER|LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|RECEIVED|PARTICIPATED_IN|HELD_AT]-(z:Entity)
WHERE x.type IN $factTypes OR x.kind = 'ASSOCIATION'
RETURN z
UNION
MATCH (x:Person)-[:MEMBER_OF|PARTY_TO|SIGNED|MODELLED_ON|OPERATED_BY|ESTABLISHED_UNDER|LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|RECEIVED|PARTICIPATED_IN|HELD_AT]-(f:Entity)-[:MEMBER_OF|PARTY_TO|SIGNED|MODELLED_ON|OPERATED_BY|ESTABLISHED_UNDER|LOCATED_IN|PROVIDED_BY|TRAINED|CONFERRED_BY|RECEIVED|PARTICIPATED_IN|HELD_AT]-(z:Entity)
WHERE f.type IN $factTypes OR f.kind = 'ASSOCIATION'
RETURN z }
WITH DISTINCT z
CALL (z) {
WITH z
WHERE z:Agency OR z:Country
RETURN z AS org
UNION
MATCH (z:Person)-[:HOLDS_POSITION]->(org:Agency)
RETURN org
UNION
MATCH (z:ServiceCenter)-[:OPERATED_BY]->(org:Agency)
RETURN org }
CALL (org) {
RETURN org AS self
UNION
MATCH (org:Agency)-[:BASED_IN]->(self:Country)
RETURN self }
RETURN collect(DISTINCT self.id) AS selves",
    "mode": "WRITE",
    "params": {
      "ends": [
        "agency:asan-xidmet",
        "memorandum:asan-af-2016",
      ],
      "factTypes": [
        "Memorandum",
        "ServiceCenter",
        "Training",
        "Award",
        "Event",
        "Statistic",
      ],
    },
  },
  {
    "cypher": "OPTIONAL MATCH (:Entity {id: $from})-[r {key: $key}]->(:Entity {id: $to})
WHERE type(r) = $type
RETURN CASE WHEN r IS NULL THEN null ELSE {type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)} END AS row",
    "mode": "WRITE",
    "params": {
      "from": "agency:asan-xidmet",
      "key": "",
      "to": "memorandum:asan-af-2016",
      "type": "PARTY_TO",
    },
  },
  {
    "cypher": "CREATE (c:Change {id: $id, at: $at, by: $by, action: $action, entityIds: $entityIds, reason: $reason, before: $before, after: $after, requestId: $requestId})
RETURN properties(c) AS c",
    "mode": "WRITE",
    "params": {
      "action": "ADD_RELATION",
      "after": "{"type":"PARTY_TO","fromId":"agency:asan-xidmet","toId":"memorandum:asan-af-2016","role":null,"start":"2016","end":null,"citations":[{"sourceId":"source:s","quote":null,"note":null}],"disputed":false}",
      "at": "<now>",
      "before": null,
      "by": "apikey:editor",
      "entityIds": [
        "agency:asan-xidmet",
        "memorandum:asan-af-2016",
      ],
      "id": "<change id>",
      "reason": null,
      "requestId": "request-1",
    },
  },
  {
    "cypher": "MATCH (k:IdempotencyKey {subject: $subject, key: $key}) SET k.result = $result",
    "mode": "WRITE",
    "params": {
      "key": "k-1",
      "result": "<answer as JSON>",
      "subject": "apikey:editor",
    },
  },
]
`);
});
