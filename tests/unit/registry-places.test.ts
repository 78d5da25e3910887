/**
 * The model registry is the only list of entity types: what is derived from it picks a new type up
 * by itself, and every place that must still name a type by hand (tests/support/registry-places.ts)
 * is checked against it, so forgetting one fails here naming the file. docs/how-to/
 * add-an-entity-type.md is the walk-through.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, isObjectType, printType, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { entitySpec, entityTypeNames, many, one } from '../../src/core/model/registry';
import { listAnalyticsTypeDefs } from '../../src/features/analytics/list-analytics.sdl';
import { forgottenPlaces, placesInput, registryTypes, type ModelType } from '../support/registry-places';

/** A throwaway type, as its registry entry would read: a grant of money from an agency, with kinds and a date. */
const grant: ModelType = {
  name: 'Grant',
  spec: {
    enumValue: 'GRANT',
    idPrefix: 'grant',
    listField: 'grants',
    kinds: ['CAPITAL', 'OTHER'],
    attributes: { kind: { kind: 'kind' }, amount: { kind: 'quantity' }, date: { kind: 'partialDate' } },
    dated: { attribute: 'date', timeline: 'EVENT' },
    relationFields: { donor: one('OUT', 'CONFERRED_BY'), recipients: many('IN', 'RECEIVED') },
  },
};

/** Grant's SDL as a developer would write it: Award's file renamed, plus the enum values and the write input. */
function grantTypeDefs(): string {
  const award = fs.readFileSync(path.join(__dirname, '../../schema/award.graphql'), 'utf8');
  return `${award.replace(/Award/g, 'Grant').replace(/awards\(/g, 'grants(')}
extend enum EntityType { GRANT }
extend enum Kind { CAPITAL }
input GrantInput { name: String aliases: [String!] description: String kind: Kind amount: QuantityInput date: String }
extend input EntityInput { grant: GrantInput }
${listAnalyticsTypeDefs([grant.name])}`;
}

/** A list connection's SDL with its entity type's name taken out, to compare two lists' connections. */
function connectionOf(schema: GraphQLSchema, entityType: string): string {
  const type = schema.getType(`${entityType}Connection`);
  if (!isObjectType(type)) throw new Error(`no object type ${entityType}Connection`);
  return printType(type).replaceAll(entityType, '<type>');
}

test('nothing outside the registry forgets a registry entity type', () => {
  expect(forgottenPlaces()).toEqual([]);
});

test('every list connection the server serves has the analytics fields generated from the registry', () => {
  const schema = buildSchema(loadTypeDefs());
  for (const type of entityTypeNames)
    expect({ type, sdl: connectionOf(schema, type) }).toEqual({ type, sdl: connectionOf(schema, 'Agency') });
  expect(Object.keys((schema.getType('AgencyConnection') as { getFields(): object }).getFields())).toEqual([
    'edges',
    'pageInfo',
    'totalCount',
    'facets',
    'groupBy',
    'series',
  ]);
});

describe('a throwaway type (Grant) added to the registry', () => {
  const withGrant = [...registryTypes, grant];

  test('is picked up by the generated analytics SDL: its connection gets the same fields as every list', () => {
    const schema = buildSchema(`${loadTypeDefs()}\n${grantTypeDefs()}`);
    expect(connectionOf(schema, 'Grant')).toBe(connectionOf(schema, 'Award'));
    expect(listAnalyticsTypeDefs(withGrant.map((type) => type.name))).toContain('extend type GrantConnection {');
  });

  test('is reported by every place that must name it by hand, each naming its file and what it lacks', () => {
    expect(forgottenPlaces(placesInput(withGrant))).toEqual([
      'schema/<type>.graphql (new file): type Grant implements Entity & Node',
      'schema/<type>.graphql (new file): its connection and list query: Query.grants: GrantConnection!',
      'schema/entity.graphql enum EntityType: GRANT',
      'schema/entity.graphql enum Kind: CAPITAL',
      'schema/entity-writes.graphql EntityInput and its input type: grant: GrantInput',
      'schema/source-bundle.schema.json entity type and attributes: Grant, amount',
      'src/features/export/formats/jsonld.ts jsonLdTypes: Grant: its schema.org type or null',
      'bench/runners/neo4j-graphql-typedefs.ts typeFields: Grant: its fields for @neo4j/graphql',
      'bench/generate.ts generateRows: entities of type Grant',
      'explorer/src/explore/node-types.ts typeColours: GRANT: a colour',
      'explorer/src/explore/node-types.ts typeLabels: GRANT: a label',
      'explorer/src/explore/queries.ts fragment NodeFields: ... on Grant { date { iso } }',
      "explorer/src/review/model-types.ts idPrefixes: Grant: 'grant'",
    ]);
  });

  test('once its SDL is written, only the places outside schema/*.graphql are still reported', () => {
    const schema = buildSchema(`${loadTypeDefs()}\n${grantTypeDefs()}`);
    expect(forgottenPlaces(placesInput(withGrant, schema)).map((line) => line.split(':')[0])).toEqual([
      'schema/source-bundle.schema.json entity type and attributes',
      'src/features/export/formats/jsonld.ts jsonLdTypes',
      'bench/runners/neo4j-graphql-typedefs.ts typeFields',
      'bench/generate.ts generateRows',
      'explorer/src/explore/node-types.ts typeColours',
      'explorer/src/explore/node-types.ts typeLabels',
      'explorer/src/explore/queries.ts fragment NodeFields',
      'explorer/src/review/model-types.ts idPrefixes',
    ]);
  });
});

test('a registry type without its SDL file stops schema loading (server start, codegen) naming the file to write', () => {
  const schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-places-'));
  const source = path.join(__dirname, '../../schema');
  for (const file of fs.readdirSync(source).filter((name) => name.endsWith('.graphql') && name !== 'award.graphql'))
    fs.copyFileSync(path.join(source, file), path.join(schemaDir, file));
  try {
    expect(() => loadTypeDefs(schemaDir)).toThrow(
      'schema/: no SDL for the registry entity type(s) Award: write schema/<type>.graphql with type Award, AwardConnection and Query.awards',
    );
  } finally {
    fs.rmSync(schemaDir, { recursive: true, force: true });
  }
});

test('a dated type whose NodeFields selects another attribute as its date is reported', () => {
  const spec = entitySpec('Statistic');
  const renamed: ModelType = { name: 'Statistic', spec: { ...spec, dated: { attribute: 'measured', timeline: 'STATISTIC' } } };
  expect(forgottenPlaces(placesInput([renamed]))).toEqual([
    'explorer/src/explore/queries.ts fragment NodeFields: ... on Statistic { date: measured { iso } }',
  ]);
});
