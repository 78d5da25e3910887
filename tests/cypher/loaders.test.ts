/**
 * One test per DataLoader, through GraphQL: sibling fields of one tree level load in ONE
 * query whose batch parameter holds every key, so a wider list never costs more queries.
 * Relation fields and entity(id) are read with compilation off (`loaders`): the loaders answer
 * what the compiled statement does not reach (levels below compiledLevels, feature fields).
 */
import { execute } from './execute';
import { node, source, sourceId } from './fixture';
import { answer } from './recording-runner';

const loaders = { compiledLevels: 0 };

const entityBatch = /^MATCH \(e:Entity\) WHERE e\.id IN \$ids/;
const relationBatch = /^UNWIND range\(0, size\(\$keys\) - 1\) AS index WITH index, \$keys\[index\] AS key/;
const agencyIds = ['agency:abad', 'agency:af-counterpart', 'agency:asan-xidmet'];
const threeAgencies = answer(/^RETURN COUNT \{ MATCH \(e:Agency\) \}/, [
  { totalCount: 3, rows: agencyIds.map((id) => ({ props: node(id), k: id })) },
]);

test('related loader: three agencies asking country { code } cost one query with three keys, ends included', async () => {
  const { data, errors, runner } = await execute(
    '{ agencies(first: 3) { edges { node { id ... on Agency { country { code } } } } } }',
    [threeAgencies],
    {},
    loaders,
  );
  expect(errors).toBeUndefined();
  expect(data.agencies.edges.map((edge: { node: { country: { code: string } } }) => edge.node.country.code)).toEqual(['AZ', 'AF', 'AZ']);
  expect(runner.batches(relationBatch, 'keys')).toEqual([
    agencyIds.map((id) => ({ id, direction: 'OUT', types: ['BASED_IN'], asOf: null })),
  ]);
  // Their countries come with the relations: no entity query at all.
  expect(runner.batches(entityBatch, 'ids')).toEqual([]);
});

test('entity loader: three entity(id) fields cost one entity query', async () => {
  const { data, errors, runner } = await execute(
    '{ a: entity(id: "agency:abad") { id } b: entity(id: "person:ulvi-mehdiyev") { id } c: entity(id: "agency:none") { id } }',
    [],
    {},
    loaders,
  );
  expect(errors).toBeUndefined();
  expect(data).toEqual({ a: { id: 'agency:abad' }, b: { id: 'person:ulvi-mehdiyev' }, c: null });
  expect(runner.batches(entityBatch, 'ids')).toEqual([['agency:abad', 'person:ulvi-mehdiyev', 'agency:none']]);
});

test('country loader: three country(code:) fields cost one query; codes are upper-cased', async () => {
  const { data, errors, runner } = await execute(
    '{ af: country(code: "af") { name } afg: country(code: "AFG") { name } az: country(code: "AZ") { name } }',
  );
  expect(errors).toBeUndefined();
  expect(data).toEqual({ af: { name: 'Afghanistan' }, afg: { name: 'Afghanistan' }, az: { name: 'Azerbaijan' } });
  expect(runner.batches(/^MATCH \(c:Country\)/, 'codes')).toEqual([['AF', 'AFG', 'AZ']]);
});

test('source loader: the citations of three agencies cost one source query', async () => {
  const { data, errors, runner } = await execute('{ agencies(first: 3) { edges { node { citations { source { id } } } } } }', [
    threeAgencies,
  ]);
  expect(errors).toBeUndefined();
  expect(data.agencies.edges).toHaveLength(3);
  expect(runner.batches(/^MATCH \(s:Source\) WHERE s\.id IN \$ids/, 'ids')).toEqual([[sourceId]]);
});

test('source statements and entities loaders: two sources cost one query each', async () => {
  const other = 'source:other';
  const { data, errors, runner } = await execute(
    `{ a: source(id: "${sourceId}") { statements { type } entities { id } } b: source(id: "${other}") { statements { type } entities { id } } }`,
    [answer(/^MATCH \(s:Source\) WHERE s\.id IN \$ids/, [{ s: source }, { s: { ...source, id: other } }])],
  );
  expect(errors).toBeUndefined();
  expect(data.a.statements).toHaveLength(3);
  expect(data.b).toEqual({ statements: [], entities: [] });
  expect(runner.batches(/-\(a:Entity\)-\[r\]->/, 'ids')).toEqual([[sourceId, other]]);
  expect(runner.batches(/<-\[:MENTIONED_IN\]-\(e:Entity\)/, 'ids')).toEqual([[sourceId, other]]);
});

test('partners loader: three agencies asking partners cost one partners query with three keys', async () => {
  const { data, errors, runner } = await execute(
    '{ agencies(first: 3) { edges { node { ... on Agency { partners(asOf: "2020") { edges { node { partner { id } } } } } } } } }',
    [threeAgencies],
  );
  expect(errors).toBeUndefined();
  expect(data.agencies.edges).toHaveLength(3);
  expect(
    runner.batches(/^UNWIND range\(0, size\(\$keys\) - 1\) AS index WITH index, \$keys\[index\] AS key MATCH \(self:Entity/, 'keys'),
  ).toEqual([agencyIds.map((id) => ({ id, asOf: '2020', position: null, fetch: 21, linksFirst: 20 }))]);
});

test('relation ends: selecting only id and type loads no entity; any other field loads them in one batch', async () => {
  const idsOnly = await execute(
    '{ entity(id: "agency:abad") { relations { type from { id type __typename } to { ... on Entity { id } } } } }',
    [],
    {},
    loaders,
  );
  expect(idsOnly.errors).toBeUndefined();
  expect(idsOnly.data.entity.relations.length).toBeGreaterThan(0);
  expect(idsOnly.runner.batches(entityBatch, 'ids')).toEqual([['agency:abad']]);

  const named = await execute('{ entity(id: "agency:abad") { relations { from { id } to { id name } } } }', [], {}, loaders);
  expect(named.errors).toBeUndefined();
  const ends = named.data.entity.relations.map((relation: { to: { id: string } }) => relation.to.id);
  expect(named.runner.batches(entityBatch, 'ids')).toEqual([['agency:abad'], [...new Set(ends)]]);
});
