/**
 * THE model registry: every entity type and relation type the graph knows, and everything the
 * rest of the code derives from them. Bundle validation, the writer and the node storage
 * format, list filters, the timeline, stats, the table import, the generic GraphQL resolvers,
 * codegen's mappers, the analytics SDL and the benchmark typedefs all read this file; tests fail
 * when the SDL in schema/ (tests/unit/registry.test.ts) or a table kept by hand elsewhere
 * (tests/unit/registry-places.test.ts) disagrees with it.
 *
 * Adding an entity type: docs/how-to/add-an-entity-type.md.
 */

/** How an attribute's value is stated, stored and shown. */
export type ValueKind =
  /** Free text, e.g. a city. */
  | 'text'
  /** A list of texts, e.g. topics. */
  | 'texts'
  /** One of the type's `kinds` (a GraphQL enum); shown as `defaultKind` when not stated. */
  | 'kind'
  /** YYYY, YYYY-MM or YYYY-MM-DD, kept at the source's precision. */
  | 'partialDate'
  /** A number with its qualifier and unit ("more than 100 participants"). */
  | 'quantity'
  /** A country's official names with the time each was in use. */
  | 'officialNames';

export interface AttributeSpec {
  kind: ValueKind;
  /** Every entity of the type has it (a Statistic's metric and value, a Country's codes). Default false. */
  required?: boolean;
}

/** A GraphQL field that is one step along a relation: Agency.country is OUT BASED_IN. */
export interface RelationFieldSpec {
  direction: 'OUT' | 'IN';
  relations: readonly RelationTypeName[];
  /** A list of entities (true) or the first one, or null (false). */
  many: boolean;
}

export type TimelineKind = 'EVENT' | 'SIGNING' | 'AWARD' | 'OPENING' | 'TRAINING' | 'STATISTIC';

export interface EntityTypeSpec {
  /** GraphQL EntityType enum value; also how stats keys name the type. */
  enumValue: string;
  /** Ids read `<idPrefix>:<slug>`, e.g. agency:asan-xidmet. */
  idPrefix: string;
  /** The root list query (Query.agencies). */
  listField: string;
  /** Values the `kind` attribute may take (each a value of the shared GraphQL enum `Kind`), when the type has one. */
  kinds?: readonly string[];
  attributes: Readonly<Record<string, AttributeSpec>>;
  /** When the type is a dated fact: which attribute holds its date and how the timeline labels it. */
  dated?: { attribute: string; timeline: TimelineKind };
  /** Fields resolved as one relation step (see RelationFieldSpec). */
  relationFields: Readonly<Record<string, RelationFieldSpec>>;
  /**
   * Its entities come from a fixed list loaded at start (ISO 3166 countries, ingest/countries.ts):
   * createEntity and updateEntity take none, so the type has no input in schema/entity-writes.graphql.
   */
  fixedList?: boolean;
}

/**
 * How a relation carries "the country of": `location` places its from-end in the to-end country
 * (an agency BASED_IN Afghanistan); `outward` gives the from-end the to-end's country (a training
 * that TRAINED an Afghan ministry is an Afghan training); `inward` gives the to-end the from-end's
 * country (a memorandum an Afghan agency is PARTY_TO). Null: no country follows.
 */
export type CountryReach = 'location' | 'outward' | 'inward' | null;

export interface RelationTypeSpec {
  from: readonly EntityTypeName[];
  to: readonly EntityTypeName[];
  country: CountryReach;
  /** Two actors are partners when one such relation joins each of them to the same fact (Country.partners, Agency.partners). */
  linksPartners: boolean;
  /** How the relation reads from its from-end to its to-end, e.g. "is based in". */
  phrase: (role: string | null) => string;
}

/** Every entity type, as Neo4j label and GraphQL type name; each has its entry in `entityTypes` below. */
export const entityTypeNames = [
  'Country',
  'Agency',
  'Person',
  'Memorandum',
  'ServiceCenter',
  'Training',
  'Award',
  'Event',
  'Statistic',
] as const;
export type EntityTypeName = (typeof entityTypeNames)[number];

const anyType = entityTypeNames;

/** Every relation type: which entity types may stand at each end, how it carries a country, how it reads. */
export const relationTypes = {
  BASED_IN: { from: ['Agency'], to: ['Country'], country: 'location', linksPartners: false, phrase: () => 'is based in' },
  ACCREDITED_TO: { from: ['Agency'], to: ['Country'], country: null, linksPartners: false, phrase: () => 'is accredited to' },
  PART_OF: { from: ['Agency'], to: ['Agency'], country: null, linksPartners: false, phrase: () => 'is part of' },
  MEMBER_OF: { from: ['Agency', 'Country'], to: ['Agency'], country: null, linksPartners: true, phrase: () => 'is a member of' },
  HOLDS_POSITION: {
    from: ['Person'],
    to: ['Agency'],
    country: 'outward',
    linksPartners: false,
    phrase: (role) => (role ? `is ${role} at` : 'holds a position at'),
  },
  PARTY_TO: { from: ['Agency', 'Country'], to: ['Memorandum'], country: 'inward', linksPartners: true, phrase: () => 'is a party to' },
  SIGNED: { from: ['Person'], to: ['Memorandum'], country: null, linksPartners: true, phrase: () => 'signed' },
  MODELLED_ON: { from: ['ServiceCenter'], to: ['Agency'], country: null, linksPartners: true, phrase: () => 'is modelled on' },
  OPERATED_BY: { from: ['ServiceCenter'], to: ['Agency'], country: null, linksPartners: true, phrase: () => 'is run by' },
  ESTABLISHED_UNDER: { from: ['ServiceCenter'], to: ['Memorandum'], country: null, linksPartners: true, phrase: () => 'was set up under' },
  LOCATED_IN: {
    from: ['ServiceCenter', 'Event', 'Training', 'Agency'],
    to: ['Country'],
    country: 'location',
    linksPartners: true,
    phrase: () => 'is located in',
  },
  PROVIDED_BY: {
    from: ['Training'],
    to: ['Agency', 'Person', 'Country'],
    country: 'outward',
    linksPartners: true,
    phrase: () => 'was given by',
  },
  TRAINED: {
    from: ['Training'],
    to: anyType,
    country: 'outward',
    linksPartners: true,
    phrase: (role) => (role ? `trained (${role})` : 'trained'),
  },
  UNDER: { from: ['Training', 'Event'], to: ['Memorandum'], country: null, linksPartners: false, phrase: () => 'was given under' },
  CONFERRED_BY: { from: ['Award'], to: ['Agency', 'Country'], country: 'outward', linksPartners: true, phrase: () => 'was conferred by' },
  RECEIVED: { from: anyType, to: ['Award'], country: 'inward', linksPartners: true, phrase: () => 'received' },
  PARTICIPATED_IN: {
    from: anyType,
    to: ['Event'],
    country: 'inward',
    linksPartners: true,
    phrase: (role) => (role ? `took part as ${role} in` : 'took part in'),
  },
  HELD_AT: { from: ['Event'], to: ['Agency', 'ServiceCenter'], country: 'outward', linksPartners: true, phrase: () => 'was held at' },
  MEASURES: { from: ['Statistic'], to: anyType, country: 'outward', linksPartners: false, phrase: () => 'measures' },
  DISCUSSED: { from: ['Event'], to: anyType, country: null, linksPartners: false, phrase: () => 'discussed' },
} as const satisfies Record<string, RelationTypeSpec>;

export type RelationTypeName = keyof typeof relationTypes;
export const relationTypeNames = Object.keys(relationTypes) as RelationTypeName[];

/** A relation field listing every entity one step along `relations` (Agency.staff). */
export const many = (direction: 'OUT' | 'IN', ...relations: RelationTypeName[]): RelationFieldSpec => ({
  direction,
  relations,
  many: true,
});
/** A relation field holding the first entity one step along `relations`, or null (Agency.country). */
export const one = (direction: 'OUT' | 'IN', ...relations: RelationTypeName[]): RelationFieldSpec => ({
  direction,
  relations,
  many: false,
});

export const entityTypes = {
  Country: {
    enumValue: 'COUNTRY',
    idPrefix: 'country',
    listField: 'countries',
    attributes: {
      code: { kind: 'text', required: true },
      alpha3: { kind: 'text', required: true },
      officialNames: { kind: 'officialNames' },
    },
    relationFields: { agencies: many('IN', 'BASED_IN') },
    fixedList: true,
  },
  Agency: {
    enumValue: 'AGENCY',
    idPrefix: 'agency',
    listField: 'agencies',
    kinds: [
      'GOVERNMENT',
      'GOVERNMENT_AGENCY',
      'MINISTRY',
      'PUBLIC_LEGAL_ENTITY',
      'ASSOCIATION',
      'INTERNATIONAL_ORGANIZATION',
      'EMBASSY',
      'COMPANY',
      'OTHER',
    ],
    attributes: { kind: { kind: 'kind' } },
    relationFields: {
      country: one('OUT', 'BASED_IN'),
      accreditedTo: one('OUT', 'ACCREDITED_TO'),
      parent: one('OUT', 'PART_OF'),
      children: many('IN', 'PART_OF'),
      memberships: many('OUT', 'MEMBER_OF'),
      members: many('IN', 'MEMBER_OF'),
      memoranda: many('OUT', 'PARTY_TO'),
      staff: many('IN', 'HOLDS_POSITION'),
    },
  },
  Person: {
    enumValue: 'PERSON',
    idPrefix: 'person',
    listField: 'people',
    attributes: {},
    relationFields: {},
  },
  Memorandum: {
    enumValue: 'MEMORANDUM',
    idPrefix: 'memorandum',
    listField: 'memoranda',
    kinds: ['MOU', 'AGREEMENT', 'LETTER_OF_INTENT', 'DECLARATION', 'ACTION_PLAN', 'OTHER'],
    attributes: { kind: { kind: 'kind' }, signed: { kind: 'partialDate' } },
    dated: { attribute: 'signed', timeline: 'SIGNING' },
    relationFields: {
      parties: many('IN', 'PARTY_TO'),
      signatories: many('IN', 'SIGNED'),
      outcomes: many('IN', 'ESTABLISHED_UNDER', 'UNDER'),
    },
  },
  ServiceCenter: {
    enumValue: 'SERVICE_CENTER',
    idPrefix: 'center',
    listField: 'serviceCenters',
    attributes: { city: { kind: 'text' }, opened: { kind: 'partialDate' } },
    dated: { attribute: 'opened', timeline: 'OPENING' },
    relationFields: {
      country: one('OUT', 'LOCATED_IN'),
      modelledOn: one('OUT', 'MODELLED_ON'),
      operator: one('OUT', 'OPERATED_BY'),
      establishedUnder: one('OUT', 'ESTABLISHED_UNDER'),
    },
  },
  Training: {
    enumValue: 'TRAINING',
    idPrefix: 'training',
    listField: 'trainings',
    attributes: {
      date: { kind: 'partialDate' },
      count: { kind: 'quantity' },
      participants: { kind: 'quantity' },
      topics: { kind: 'texts' },
    },
    dated: { attribute: 'date', timeline: 'TRAINING' },
    relationFields: {
      provider: one('OUT', 'PROVIDED_BY'),
      recipients: many('OUT', 'TRAINED'),
      under: one('OUT', 'UNDER'),
    },
  },
  Award: {
    enumValue: 'AWARD',
    idPrefix: 'award',
    listField: 'awards',
    attributes: { date: { kind: 'partialDate' } },
    dated: { attribute: 'date', timeline: 'AWARD' },
    relationFields: {
      conferredBy: one('OUT', 'CONFERRED_BY'),
      recipients: many('IN', 'RECEIVED'),
    },
  },
  Event: {
    enumValue: 'EVENT',
    idPrefix: 'event',
    listField: 'events',
    kinds: ['MEETING', 'VISIT', 'SIGNING', 'GIFT_PRESENTATION', 'STATEMENT', 'CEREMONY', 'FORUM', 'CREDENTIALS', 'OTHER'],
    attributes: { kind: { kind: 'kind' }, date: { kind: 'partialDate' }, topics: { kind: 'texts' } },
    dated: { attribute: 'date', timeline: 'EVENT' },
    relationFields: {
      location: one('OUT', 'HELD_AT'),
      country: one('OUT', 'LOCATED_IN'),
      discussed: many('OUT', 'DISCUSSED'),
    },
  },
  Statistic: {
    enumValue: 'STATISTIC',
    idPrefix: 'statistic',
    listField: 'statistics',
    attributes: { metric: { kind: 'text', required: true }, value: { kind: 'quantity', required: true }, asOf: { kind: 'partialDate' } },
    dated: { attribute: 'asOf', timeline: 'STATISTIC' },
    relationFields: { subject: one('OUT', 'MEASURES') },
  },
} as const satisfies Record<EntityTypeName, EntityTypeSpec>;

export function isEntityTypeName(name: string): name is EntityTypeName {
  return Object.hasOwn(entityTypes, name);
}

export function isRelationTypeName(name: string): name is RelationTypeName {
  return Object.hasOwn(relationTypes, name);
}

export function entitySpec(type: EntityTypeName): EntityTypeSpec {
  return entityTypes[type];
}

export function relationSpec(type: RelationTypeName): RelationTypeSpec {
  return relationTypes[type];
}

const typeByPrefix = new Map(entityTypeNames.map((type) => [entitySpec(type).idPrefix, type]));

/** The entity type an id names by its prefix (agency:x is an Agency), or null. */
export function typeOfId(id: string): EntityTypeName | null {
  return typeByPrefix.get(id.slice(0, id.indexOf(':'))) ?? null;
}

/**
 * The entity type a stored id names: its prefix, or the word before the slug in the namespaced
 * ids of generated graphs (bench:agency:7; a slug holds no colon). For reading what is stored:
 * ids a client or a bundle sends are checked with typeOfId.
 */
export function typeOfStoredId(id: string): EntityTypeName | null {
  const slugAt = id.lastIndexOf(':');
  if (slugAt < 0) return null;
  return typeByPrefix.get(id.slice(id.lastIndexOf(':', slugAt - 1) + 1, slugAt)) ?? null;
}

/** What an entity id may look like (the bundle JSON Schema's `id` pattern): a prefix, a colon, a slug. */
export const entityIdPattern = /^[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * What an id a client looks up may look like: entityIdPattern, a source's `source:<slug>`, or a
 * generated graph's namespaced id (bench:agency:7, gen-1f2e3d4c:agency:7). Anything else names
 * nothing by construction.
 */
export const lookupIdPattern = /^([a-z0-9][a-z0-9._-]*:)+[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const lookupIdForm = 'an id of the form <type>:<slug> (e.g. "agency:asan-xidmet")';

/** Types whose entities curators create and update through the API: all but fixed lists (see EntityTypeSpec.fixedList). */
export const writableTypes = entityTypeNames.filter((type) => (entitySpec(type) as EntityTypeSpec).fixedList !== true);

/** Source documents' ids read `source:<slug>`; no entity type has that prefix, so an id names one kind of node. */
export function isSourceId(id: string): boolean {
  return id.startsWith('source:');
}

/** The entity type whose GraphQL enum value this is (SERVICE_CENTER -> ServiceCenter). */
export function typeOfEnumValue(value: string): EntityTypeName | undefined {
  return entityTypeNames.find((type) => entitySpec(type).enumValue === value);
}

/** The names of a type's attributes of one value kind (its partial dates, its quantities). */
export function attributesOfKind(type: EntityTypeName, kind: ValueKind): string[] {
  return Object.entries(entitySpec(type).attributes).flatMap(([name, spec]) => (spec.kind === kind ? [name] : []));
}

/** May `relation` run from an entity of type `from` to one of type `to`? */
export function relationAllowed(relation: RelationTypeName, from: EntityTypeName, to: EntityTypeName): boolean {
  const spec = relationSpec(relation);
  return spec.from.includes(from) && spec.to.includes(to);
}

/** Relation types that join actors through a shared fact (see RelationTypeSpec.linksPartners). */
export const partnerLinkTypes = relationTypeNames.filter((name) => relationSpec(name).linksPartners);

/** Types that carry a date of their own (memoranda, centres, trainings...): the timeline's facts. */
export const datedTypes = entityTypeNames.filter((type) => entitySpec(type).dated !== undefined);

/** Attributes holding a fact's date, with their value kind, in registry order: what "the date of an entity" is read from. */
export const dateAttributes: { name: string; kind: ValueKind }[] = [
  ...new Set(datedTypes.map((type) => entitySpec(type).dated!.attribute)),
].map((name) => ({
  name,
  kind: datedTypes.map((type) => entitySpec(type).attributes[name]).find((spec) => spec !== undefined)!.kind,
}));
