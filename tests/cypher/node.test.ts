/**
 * node(id) with nested relation fields. Compiled (the default): the whole selection is one
 * statement projecting only the selected properties, relation fields as typed COLLECT
 * subqueries, a field of one type guarded by its label. Through the loaders (compiledLevels 0):
 * the entity batch, then one relations batch per tree level, then the cited sources.
 */
import { execute } from './execute';
import { node } from './fixture';
import { answer } from './recording-runner';

const query = `{
  node(id: "agency:asan-xidmet") {
    id name
    ... on Agency {
      kind
      country { code }
      memoranda { id ... on Memorandum { signed { iso precision } parties { id } } }
      staff { id }
    }
    citations { source { title } }
  } }`;

const expected = {
  id: 'agency:asan-xidmet',
  name: 'ASAN xidmət',
  kind: 'GOVERNMENT_AGENCY',
  country: { code: 'AZ' },
  memoranda: [{ id: 'memorandum:asan-af-2016', signed: { iso: '2016', precision: 'YEAR' }, parties: [{ id: 'agency:af-counterpart' }, { id: 'agency:asan-xidmet' }] }],
  staff: [{ id: 'person:ulvi-mehdiyev' }],
  citations: [{ source: { title: 'ASAN xidmət: meeting with the Afghan ambassador' } }],
};

/** The compiled statement's answer for `query`, as Neo4j projects it from the fixture graph: ends distinct and in order; a place of one type ships no type. */
const projected = {
  id: 'agency:asan-xidmet',
  type: 'Agency',
  name: 'ASAN xidmət',
  sourceIds: node('agency:asan-xidmet').sourceIds,
  quotes: node('agency:asan-xidmet').quotes,
  kind: 'GOVERNMENT_AGENCY',
  Agency_country: [{ id: 'country:AZ', code: 'AZ' }],
  Agency_memoranda: [
    {
      id: 'memorandum:asan-af-2016',
      signed: '2016',
      Memorandum_parties: [
        { id: 'agency:af-counterpart', type: 'Agency' },
        { id: 'agency:asan-xidmet', type: 'Agency' },
      ],
    },
  ],
  Agency_staff: [{ id: 'person:ulvi-mehdiyev' }],
};

test('node(id) with nested relation fields, compiled: one statement for the entity and every level below it', async () => {
  const { data, errors, queries } = await execute(query, [answer(/^MATCH \(n:Entity \{id: \$id\}\) RETURN n \{/, [{ e: projected }])]);
  expect(errors).toBeUndefined();
  expect(data.node).toEqual(expected);
  // The entity with its three levels, then the cited sources: nothing through the relation loaders.
  expect(queries.map((q) => q.cypher.split('\n')[0])).toEqual(['MATCH (n:Entity {id: $id})', 'MATCH (s:Source)']);
  expect(queries.every((q) => q.mode === 'READ')).toBe(true);
  expect(queries).toMatchSnapshot();
});

test('node(id) with nested relation fields, through the loaders', async () => {
  const { data, errors, queries } = await execute(query, [], {}, { compiledLevels: 0 });
  expect(errors).toBeUndefined();
  expect(data.node).toEqual(expected);
  expect(queries.every((query) => query.mode === 'READ')).toBe(true);
  expect(queries).toMatchSnapshot();
});
