/**
 * entitySelection / connectionNodeSelection read what a client selected into the shape the
 * Cypher projection compiles: the stored keys per place, relation fields per declaring type,
 * through fragments, aliases and @skip/@include, cut at the compiled levels.
 */
import { buildSchema, getNamedType, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import {
  connectionNodeSelection,
  entitySelection,
  type EntitySelection,
  type SelectionInfo,
} from '../../src/core/graphql/entity-selection';
import { entityProjection } from '../../src/core/cypher/projection';
import { entityTypeNames } from '../../src/core/model/registry';

const schema = buildSchema(loadTypeDefs());

/** The resolve info of the first field under the query root of `query`. */
function infoOf(query: string, variableValues: Record<string, unknown> = {}): SelectionInfo {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return {
    fieldName: field.name.value,
    fieldNodes: [field],
    fragments,
    variableValues,
    schema,
    returnType: schema.getQueryType()!.getFields()[field.name.value]!.type,
  };
}

/** A selection as nested plain data: keys and `Type.field` relations. */
function shape(selection: EntitySelection): unknown {
  return { keys: selection.keys, ...Object.fromEntries(selection.relations.map((r) => [`${r.type}.${r.field}`, shape(r.selection)])) };
}

test('entity(id): interface fields, attributes and relation fields per type; id and type always', () => {
  const selection = entitySelection(
    infoOf(
      '{ entity(id: "x") { name citations { quote } ... on Agency { kind country { code } } ... on Memorandum { signed parties { id } } } }',
    ),
    entityTypeNames,
    4,
  );
  expect(shape(selection)).toEqual({
    keys: ['id', 'type', 'name', 'sourceIds', 'quotes', 'notes', 'kind', 'signed'],
    'Agency.country': { keys: ['id', 'type', 'code'] },
    'Memorandum.parties': { keys: ['id', 'type'] },
  });
  expect(selection.relations.find((r) => r.field === 'parties')!.selection.types).toEqual([...entityTypeNames]);
});

test('aliases of one relation field merge; quantities ship their three stored keys', () => {
  const selection = entitySelection(
    infoOf('{ entity(id: "x") { ... on Agency { a: memoranda { id } b: memoranda { name } } ... on Training { count { text } } } }'),
    entityTypeNames,
    4,
  );
  expect(shape(selection)).toEqual({
    keys: ['id', 'type', 'count_value', 'count_qualifier', 'count_unit'],
    'Agency.memoranda': { keys: ['id', 'type', 'name'] },
  });
});

test('fragment spreads on the interface and on a type apply only where their condition holds', () => {
  const query =
    '{ entity(id: "x") { ...Named ...AgencyBits } } fragment Named on Entity { name } fragment AgencyBits on Agency { staff { ...Named } }';
  const selection = entitySelection(infoOf(query), ['Agency', 'Person'], 4);
  expect(shape(selection)).toEqual({ keys: ['id', 'type', 'name'], 'Agency.staff': { keys: ['id', 'type', 'name'] } });
});

test('@skip and @include follow their variables', () => {
  const query = 'query($on: Boolean!) { entity(id: "x") { name @skip(if: $on) ... on Agency @include(if: $on) { country { code } } } }';
  expect(shape(entitySelection(infoOf(query, { on: true }), ['Agency'], 4))).toEqual({
    keys: ['id', 'type'],
    'Agency.country': { keys: ['id', 'type', 'code'] },
  });
  expect(shape(entitySelection(infoOf(query, { on: false }), ['Agency'], 4))).toEqual({ keys: ['id', 'type', 'name'] });
});

test('levels cut the tree: a relation field below them is left to the loaders', () => {
  const query = '{ entity(id: "x") { ... on Agency { memoranda { parties { id ... on Agency { country { code } } } } } } }';
  expect(shape(entitySelection(infoOf(query), ['Agency'], 2))).toEqual({
    keys: ['id', 'type'],
    'Agency.memoranda': { keys: ['id', 'type'], 'Memorandum.parties': { keys: ['id', 'type'] } },
  });
  expect(shape(entitySelection(infoOf(query), ['Agency'], 0))).toEqual({ keys: ['id', 'type'] });
});

test('fields the registry does not describe need only the id (they resolve through loaders)', () => {
  const selection = entitySelection(
    infoOf('{ entity(id: "x") { relations(types: [BASED_IN]) { type } ... on Person { positions { edges { node { title } } } } } }'),
    ['Person'],
    4,
  );
  expect(shape(selection)).toEqual({ keys: ['id', 'type'] });
});

test('a connection: the selection under edges.node, through fragments on the connection and edge types', () => {
  const query =
    '{ agencies(first: 2) { totalCount ...Page edges { cursor node { name } } } } fragment Page on AgencyConnection { edges { node { country { code } } } }';
  expect(shape(connectionNodeSelection(infoOf(query), 'Agency', 4))).toEqual({
    keys: ['id', 'type', 'name'],
    'Agency.country': { keys: ['id', 'type', 'code'] },
  });
  expect(shape(connectionNodeSelection(infoOf('{ agencies { totalCount } }'), 'Agency', 4))).toEqual({ keys: ['id', 'type'] });
});

test('the projection: a field of one type among several is guarded by its label; a place of one type ships no type; levels number the variables', () => {
  const selection = entitySelection(
    infoOf('{ entity(id: "x") { ... on Memorandum { parties { ... on Agency { country { code } } } } } }'),
    ['Agency', 'Memorandum'],
    4,
  );
  expect(entityProjection('n', selection)).toBe(
    'n {.id, .type, _0: CASE WHEN n:Memorandum THEN COLLECT { MATCH (n)<-[r1:PARTY_TO]-(m1:Entity) ' +
      "WITH r1, m1 ORDER BY type(r1), coalesce(r1.start, ''), m1.id RETURN " +
      'm1 {.id, .type, _0: CASE WHEN m1:Agency THEN COLLECT { MATCH (m1)-[r2:BASED_IN]->(m2:Entity) ' +
      "WITH r2, m2 ORDER BY type(r2), coalesce(r2.start, ''), m2.id RETURN m2 {.id, .code} } END} } END}",
  );
});

test('abuse: a connection selection on a field that returns no connection is refused', () => {
  const info = infoOf('{ entity(id: "x") { id } }');
  expect(() => connectionNodeSelection({ ...info, returnType: getNamedType(info.returnType) as never }, 'Agency', 4)).toThrow(
    'entity has no edges.node to select entities under',
  );
});

test('name(lang:) and names ship the names by language; a citation quoteTranslation ships the aligned translations; plain name does not', () => {
  const plain = entitySelection(infoOf('{ entity(id: "x") { name citations { quote } } }'), entityTypeNames, 4);
  expect(plain.keys).toEqual(['id', 'type', 'name', 'sourceIds', 'quotes', 'notes']);
  const localized = entitySelection(
    infoOf('{ entity(id: "x") { en: name(lang: "en") citations { quoteTranslation } ... on Agency { staff { names { language } } } } }'),
    entityTypeNames,
    4,
  );
  expect(shape(localized)).toEqual({
    keys: ['id', 'type', 'name', 'nameLanguages', 'nameValues', 'sourceIds', 'quotes', 'notes', 'quoteTranslations'],
    'Agency.staff': { keys: ['id', 'type', 'nameLanguages', 'nameValues'] },
  });
});
