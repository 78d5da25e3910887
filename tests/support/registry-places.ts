/**
 * Every place outside the model registry (src/core/model/registry.ts) that must name an entity
 * type by hand, each with a check that says what it lacks. tests/unit/registry-places.test.ts runs
 * them against the registry (nothing may be forgotten) and against a throwaway type (each place
 * must report it). What is derived from the registry needs no entry here: docs/how-to/
 * add-an-entity-type.md lists both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, Kind, parse, type GraphQLSchema } from 'graphql';
import { generateRows } from '../../bench/generate';
import { typeFields } from '../../bench/runners/neo4j-graphql-typedefs';
import { typeColours, typeLabels } from '../../explorer/src/explore/node-types';
import { searchQuery } from '../../explorer/src/explore/queries';
import { idPrefixes } from '../../explorer/src/review/model-types';
import { loadTypeDefs } from '../../src/app/schema';
import { entitySpec, entityTypeNames, type EntityTypeName, type EntityTypeSpec } from '../../src/core/model/registry';
import { inputFieldOf } from '../../src/features/entity-writes/inputs';
import { jsonLdTypes } from '../../src/features/export/formats/jsonld';

export interface ModelType {
  name: string;
  spec: EntityTypeSpec;
}

/** The entity types to check, and what they are checked against (the files as they are, unless a test passes others). */
export interface PlacesInput {
  types: readonly ModelType[];
  schema: GraphQLSchema;
  bundleSchema: { definitions: Record<string, { properties: Record<string, { enum?: string[]; properties?: object }> }> };
}

export const registryTypes: readonly ModelType[] = entityTypeNames.map((name) => ({ name, spec: entitySpec(name) }));

export function placesInput(types: readonly ModelType[] = registryTypes, schema = buildSchema(loadTypeDefs())): PlacesInput {
  const bundleSchema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schema/source-bundle.schema.json'), 'utf8'));
  return { types, schema, bundleSchema };
}

interface Place {
  /** The file (and table) to edit. */
  where: string;
  /** What it lacks for one type, or null when nothing. */
  lacks(type: ModelType, input: PlacesInput): string | null;
}

function enumHas(schema: GraphQLSchema, name: string, value: string): boolean {
  const type = schema.getType(name);
  return isEnumType(type) && type.getValue(value) !== undefined;
}

/** The entity types bench/generate.ts writes, from a small graph (computed once: it does not change within a run). */
let generatedTypes: Set<string> | undefined;
function benchGeneratedTypes(): Set<string> {
  generatedTypes ??= new Set(generateRows({ prefix: 'places:', entities: 1000, seed: 1 }).entities.map((entity) => entity.type));
  return generatedTypes;
}

/** The field each type's inline fragment in the explorer's NodeFields aliases as `date` (Memorandum -> signed). */
function explorerDateFields(): Map<string, string> {
  const fragment = parse(searchQuery).definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === 'NodeFields');
  const dates = new Map<string, string>();
  if (fragment?.kind !== Kind.FRAGMENT_DEFINITION) return dates;
  for (const selection of fragment.selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
    for (const field of selection.selectionSet.selections)
      if (field.kind === Kind.FIELD && (field.alias ?? field.name).value === 'date')
        dates.set(selection.typeCondition.name.value, field.name.value);
  }
  return dates;
}

export const places: readonly Place[] = [
  {
    where: 'schema/<type>.graphql (new file)',
    lacks: ({ name }, { schema }) => (isObjectType(schema.getType(name)) ? null : `type ${name} implements Entity & Node`),
  },
  {
    where: 'schema/<type>.graphql (new file): its connection and list query',
    lacks: ({ name, spec }, { schema }) => {
      const list = schema.getQueryType()?.getFields()[spec.listField];
      return list && getNamedType(list.type).name === `${name}Connection` ? null : `Query.${spec.listField}: ${name}Connection!`;
    },
  },
  {
    where: 'schema/entity.graphql enum EntityType',
    lacks: ({ spec }, { schema }) => (enumHas(schema, 'EntityType', spec.enumValue) ? null : spec.enumValue),
  },
  {
    where: 'schema/entity.graphql enum Kind',
    lacks: ({ spec }, { schema }) => (spec.kinds ?? []).filter((kind) => !enumHas(schema, 'Kind', kind)).join(', ') || null,
  },
  {
    where: 'schema/entity-writes.graphql EntityInput and its input type',
    lacks: ({ name, spec }, { schema }) => {
      if (spec.fixedList) return null;
      const entityInput = schema.getType('EntityInput');
      // inputFieldOf only lower-cases the first letter: a throwaway type's name is as good as a registry one.
      const fieldName = inputFieldOf(name as EntityTypeName);
      const field = isInputObjectType(entityInput) ? entityInput.getFields()[fieldName] : undefined;
      return field && isInputObjectType(schema.getType(`${name}Input`)) ? null : `${fieldName}: ${name}Input`;
    },
  },
  {
    where: 'schema/source-bundle.schema.json entity type and attributes',
    lacks: ({ name, spec }, { bundleSchema }) => {
      const entity = bundleSchema.definitions.entity!.properties;
      const attributes = Object.keys(entity.attributes?.properties ?? {});
      const missing = [
        ...(entity.type?.enum?.includes(name) ? [] : [name]),
        ...Object.keys(spec.attributes).filter((attribute) => !attributes.includes(attribute)),
      ];
      return missing.join(', ') || null;
    },
  },
  {
    where: 'src/features/export/formats/jsonld.ts jsonLdTypes',
    lacks: ({ name }) => (Object.hasOwn(jsonLdTypes, name) ? null : `${name}: its schema.org type or null`),
  },
  {
    where: 'bench/runners/neo4j-graphql-typedefs.ts typeFields',
    lacks: ({ name }) => (Object.hasOwn(typeFields, name) ? null : `${name}: its fields for @neo4j/graphql`),
  },
  {
    where: 'bench/generate.ts generateRows',
    lacks: ({ name }) => (benchGeneratedTypes().has(name) ? null : `entities of type ${name}`),
  },
  {
    where: 'explorer/src/explore/node-types.ts typeColours',
    lacks: ({ spec }) => (Object.hasOwn(typeColours, spec.enumValue) ? null : `${spec.enumValue}: a colour`),
  },
  {
    where: 'explorer/src/explore/node-types.ts typeLabels',
    lacks: ({ spec }) => (Object.hasOwn(typeLabels, spec.enumValue) ? null : `${spec.enumValue}: a label`),
  },
  {
    where: 'explorer/src/explore/queries.ts fragment NodeFields',
    lacks: ({ name, spec }) => {
      const attribute = spec.dated?.attribute;
      if (attribute === undefined || explorerDateFields().get(name) === attribute) return null;
      return `... on ${name} { ${attribute === 'date' ? '' : 'date: '}${attribute} { iso } }`;
    },
  },
  {
    where: 'explorer/src/review/model-types.ts idPrefixes',
    lacks: ({ name, spec }) => (idPrefixes[name] === spec.idPrefix ? null : `${name}: '${spec.idPrefix}'`),
  },
];

/** One line per place that lacks something for one of the types: "<where>: <what it lacks>". Empty when nothing is forgotten. */
export function forgottenPlaces(input: PlacesInput = placesInput()): string[] {
  return places.flatMap((place) =>
    input.types.flatMap((type) => {
      const lack = place.lacks(type, input);
      return lack === null ? [] : [`${place.where}: ${lack}`];
    }),
  );
}
