/**
 * The model registry (src/core/model/registry.ts) against everything that restates it: the SDL
 * in schema/, the merged resolvers, and the bundle JSON Schema. Adding an entity type or a field
 * to one and not the other fails here, naming what disagrees.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  parse,
  validate,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { resolvers } from '../../src/app/resolvers';
import { loadTypeDefs } from '../../src/app/schema';
import {
  countryRoutes,
  entityIdPattern,
  entitySpec,
  entityTypeNames,
  relationSpec,
  relationTypeNames,
  typeOfId,
  typeOfStoredId,
  writableTypes,
  type ValueKind,
} from '../../src/core/model/registry';
import { commonInputFields, inputFieldOf } from '../../src/features/entity-writes/inputs';

const schema = buildSchema(loadTypeDefs());
const bundleSchema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schema/source-bundle.schema.json'), 'utf8'));

function objectType(name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`schema/ has no object type ${name}`);
  return type;
}

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!type || !('getValues' in type)) throw new Error(`schema/ has no enum ${name}`);
  return type.getValues().map((value) => value.name);
}

/** How each value kind shows in the SDL: the named type, and whether it is a list. */
const sdlShape: Record<ValueKind, (type: string) => { named: string; list: boolean }> = {
  text: () => ({ named: 'String', list: false }),
  texts: () => ({ named: 'String', list: true }),
  kind: () => ({ named: 'Kind', list: false }),
  partialDate: () => ({ named: 'PartialDate', list: false }),
  quantity: () => ({ named: 'Quantity', list: false }),
  officialNames: () => ({ named: 'OfficialName', list: true }),
};

const listOf = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);

test('EntityType and RelationType enums list exactly the registry types', () => {
  expect(enumValues('EntityType')).toEqual(entityTypeNames.map((type) => entitySpec(type).enumValue));
  expect(enumValues('RelationType').sort()).toEqual([...relationTypeNames].sort());
});

test('the Kind enum holds exactly the kinds of every type that has some, and fragments selecting kind on each compose', () => {
  const union = new Set(entityTypeNames.flatMap((type) => entitySpec(type).kinds ?? []));
  expect(enumValues('Kind').sort()).toEqual([...union].sort());
  const document = parse(
    '{ search(query: "x") { edges { node { ... on Agency { kind } ... on Memorandum { kind } ... on Event { kind } } } } }',
  );
  expect(validate(schema, document)).toEqual([]);
});

describe.each(entityTypeNames)('%s', (type) => {
  const spec = entitySpec(type);
  const sdl = objectType(type);
  const fields = sdl.getFields();

  test('is an Entity and a Node with a paginated list query', () => {
    expect(sdl.getInterfaces().map((i) => i.name)).toEqual(['Entity', 'Node']);
    const list = schema.getQueryType()!.getFields()[spec.listField];
    expect(list && getNamedType(list.type).name).toBe(`${type}Connection`);
  });

  test('every attribute is a field of its value kind; required ones are non-null', () => {
    for (const [name, attribute] of Object.entries(spec.attributes)) {
      const field: GraphQLField<unknown, unknown> | undefined = fields[name];
      expect({ name, present: field !== undefined }).toEqual({ name, present: true });
      const shape = sdlShape[attribute.kind](type);
      expect({ name, named: getNamedType(field!.type).name, list: listOf(field!.type) }).toEqual({ name, ...shape });
      // Required implies non-null (an optional attribute may be non-null too: an empty list, say).
      expect({ name, nonNullIfRequired: !attribute.required || isNonNullType(field!.type) }).toEqual({ name, nonNullIfRequired: true });
    }
  });

  test('every relation field is an entity or a list of them, over relations this type may take', () => {
    for (const [name, field] of Object.entries(spec.relationFields)) {
      expect({ name, present: fields[name] !== undefined }).toEqual({ name, present: true });
      expect({ name, list: listOf(fields[name]!.type) }).toEqual({ name, list: field.many });
      const side = field.direction === 'OUT' ? 'from' : 'to';
      for (const relation of field.relations)
        expect({ name, relation, allowed: relationSpec(relation)[side].includes(type) }).toEqual({ name, relation, allowed: true });
    }
  });

  test('its kinds are values of the shared Kind enum, each described as taken by this type', () => {
    const kind = schema.getType('Kind');
    if (!isEnumType(kind)) throw new Error('Kind is not an enum');
    for (const value of spec.kinds ?? [])
      expect({ value, description: kind.getValue(value)?.description }).toEqual({ value, description: expect.stringContaining(type) });
  });

  test('every SDL field has a resolver (from the registry or a feature)', () => {
    const resolved = Object.keys((resolvers as Record<string, Record<string, unknown>>)[type] ?? {});
    const unresolved = Object.keys(fields).filter(
      (name) => !resolved.includes(name) && name !== 'id' && name !== 'name' && name !== 'aliases' && name !== 'description',
    );
    expect(unresolved).toEqual([]);
  });

  test('its id prefix names it; a stored namespaced id names it by the word before the slug', () => {
    expect(typeOfId(`${spec.idPrefix}:x`)).toBe(type);
    expect(typeOfStoredId(`${spec.idPrefix}:x`)).toBe(type);
    expect(typeOfStoredId(`bench:${spec.idPrefix}:7`)).toBe(type);
    // What clients and bundles send is read strictly: the namespace is no type.
    expect(typeOfId(`bench:${spec.idPrefix}:7`)).toBeNull();
  });
});

test('a stored id without a type word names no type', () => {
  for (const id of ['nocolon', 'source:x', 'bench:source:x', ':x', 'bench:nothing:x']) expect(typeOfStoredId(id)).toBeNull();
});

test('a fact reaches its country through the registry routes the filters compile', () => {
  expect(countryRoutes('Agency')).toEqual(['-[:BASED_IN]->(:Country)', '-[:LOCATED_IN]->(:Country)']);
  expect(countryRoutes('Memorandum')).toEqual(['<-[:PARTY_TO]-(:Country)', '<-[:PARTY_TO]-()-[:BASED_IN|LOCATED_IN]->(:Country)']);
  expect(countryRoutes('Person')).toEqual(['-[:HOLDS_POSITION]->()-[:BASED_IN|LOCATED_IN]->(:Country)']);
});

describe('the source-bundle JSON Schema', () => {
  const entity = bundleSchema.definitions.entity.properties;
  const jsonShape: Record<ValueKind, (property: Record<string, unknown>) => boolean> = {
    text: (p) => p.type === 'string',
    kind: (p) => p.type === 'string',
    texts: (p) => p.type === 'array',
    partialDate: (p) => p.$ref === '#/definitions/partialDate',
    quantity: (p) => p.$ref === '#/definitions/quantity',
    officialNames: (p) => p.type === 'array',
  };

  test('lists the registry entity and relation types', () => {
    expect(entity.type.enum).toEqual([...entityTypeNames]);
    expect(bundleSchema.definitions.relation.properties.type.enum).toEqual(relationTypeNames);
  });

  test('allows exactly the registry attributes, each shaped as its value kind, and the deprecated Award year', () => {
    const properties = entity.attributes.properties as Record<string, Record<string, unknown>>;
    const attributes = new Map(entityTypeNames.flatMap((type) => Object.entries(entitySpec(type).attributes)));
    // Bundles written before awards had dates state `year`; validation reads it as Award.date.
    expect(Object.keys(properties).sort()).toEqual([...attributes.keys(), 'year'].sort());
    for (const [name, attribute] of attributes)
      expect({ name, shaped: jsonShape[attribute.kind](properties[name]!) }).toEqual({ name, shaped: true });
  });
});

describe('the write inputs (schema/entity-writes.graphql)', () => {
  function inputType(name: string): GraphQLInputObjectType {
    const type = schema.getType(name);
    if (!isInputObjectType(type)) throw new Error(`schema/ has no input type ${name}`);
    return type;
  }
  /** How each value kind is stated in a mutation: dates as text (checked as real dates), quantities as QuantityInput. */
  const inputShape: Record<Exclude<ValueKind, 'officialNames'>, { named: string; list: boolean }> = {
    text: { named: 'String', list: false },
    texts: { named: 'String', list: true },
    kind: { named: 'Kind', list: false },
    partialDate: { named: 'String', list: false },
    quantity: { named: 'QuantityInput', list: false },
  };
  const listOfInput = (type: GraphQLInputType) => isListType(isNonNullType(type) ? type.ofType : type);

  test('EntityInput has one optional field per writable type, named after it, and none for fixed lists (countries)', () => {
    const fields = inputType('EntityInput').getFields();
    expect(Object.keys(fields)).toEqual(writableTypes.map(inputFieldOf));
    for (const type of writableTypes)
      expect({ type, input: String(fields[inputFieldOf(type)]!.type) }).toEqual({ type, input: `${type}Input` });
    expect(entityTypeNames.filter((type) => !writableTypes.includes(type))).toEqual(['Country']);
  });

  test.each(writableTypes)(
    '%sInput holds the common fields and exactly the registry attributes, each shaped as its value kind, all optional',
    (type) => {
      const fields = inputType(`${type}Input`).getFields();
      const attributes = Object.entries(entitySpec(type).attributes);
      expect(Object.keys(fields)).toEqual([...commonInputFields, ...attributes.map(([name]) => name)]);
      for (const [name, attribute] of attributes) {
        const field = fields[name]!;
        expect({ name, named: getNamedType(field.type).name, list: listOfInput(field.type) }).toEqual({
          name,
          ...inputShape[attribute.kind as keyof typeof inputShape],
        });
      }
      // Required attributes are checked when creating (an update states only what changes).
      for (const field of Object.values(fields))
        expect({ field: field.name, nonNull: isNonNullType(field.type) }).toEqual({ field: field.name, nonNull: false });
    },
  );

  test('an id is checked as the bundle JSON Schema checks it', () => {
    expect(entityIdPattern.source).toBe(bundleSchema.definitions.id.pattern);
  });
});
