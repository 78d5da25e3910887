/**
 * The source bundle: one document and what it states (format: schema/source-bundle.schema.json).
 * Validation runs completely before anything is written and reports every problem at once,
 * each with its JSON path: first the JSON Schema (shape), then the rules a schema cannot say
 * (quotes occur in the text, ids match their type, relation ends have the right types, dates
 * are real dates).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { projectRoot } from '../config';
import { entityTypes, type EntityTypeName } from '../graph/records';
import { parsePartialDate, type Qualifier } from '../graph/values';

export interface BundleQuantity {
  value: number;
  qualifier: Qualifier;
  unit?: string;
}

export interface BundleAttributes {
  kind?: string;
  code?: string;
  alpha3?: string;
  signed?: string;
  opened?: string;
  date?: string;
  asOf?: string;
  city?: string;
  year?: number;
  metric?: string;
  count?: BundleQuantity;
  participants?: BundleQuantity;
  value?: BundleQuantity;
  topics?: string[];
  officialNames?: { name: string; start?: string; end?: string }[];
}

export interface BundleEntity {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases?: string[];
  description?: string;
  quotes: string[];
  attributes?: BundleAttributes;
}

export interface BundleRelation {
  type: RelationTypeName;
  from: string;
  to: string;
  role?: string;
  start?: string;
  end?: string;
  quotes: string[];
  /** This edge is one source's answer to a question sources may disagree on (e.g. who the parties were). */
  claim?: { subject: string; property: string; value: string };
}

/** One value a source states for a property of an entity; differing values from different sources are a conflict. */
export interface BundleClaim {
  subject: string;
  property: string;
  value: string;
  quotes: string[];
}

export interface BundleSource {
  id: string;
  title: string;
  publisher: string;
  published?: string;
  retrieved?: string;
  language: string;
  url?: string | null;
  text?: string | null;
  translations?: { language: string; text: string; note?: string }[];
}

export interface Bundle {
  format: 'coopgraph-bundle/1';
  source: BundleSource;
  entities: BundleEntity[];
  relations: BundleRelation[];
  claims?: BundleClaim[];
}

export interface BundleProblem {
  /** JSON path into the bundle, e.g. /relations/3/quotes/0. */
  path: string;
  message: string;
}

/** A bundle that must not be written; lists every problem found. */
export class BundleValidationError extends Error {
  override name = 'BundleValidationError';
  constructor(
    readonly file: string,
    readonly problems: BundleProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s):\n${problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n')}`);
  }
}

export const idPrefixes: Record<EntityTypeName, string> = {
  Country: 'country',
  Agency: 'agency',
  Person: 'person',
  Memorandum: 'memorandum',
  ServiceCenter: 'center',
  Training: 'training',
  Award: 'award',
  Event: 'event',
  Statistic: 'statistic',
};
const typeOfPrefix = new Map(Object.entries(idPrefixes).map(([type, prefix]) => [prefix, type as EntityTypeName]));

/** The entity type an id names by its prefix (agency:x is an Agency), or null. */
export function typeOfId(id: string): EntityTypeName | null {
  return typeOfPrefix.get(id.slice(0, id.indexOf(':'))) ?? null;
}

const any = entityTypes;
/** Which entity types may stand at each end of each relation type. */
export const relationEnds = {
  BASED_IN: { from: ['Agency'], to: ['Country'] },
  ACCREDITED_TO: { from: ['Agency'], to: ['Country'] },
  PART_OF: { from: ['Agency'], to: ['Agency'] },
  MEMBER_OF: { from: ['Agency', 'Country'], to: ['Agency'] },
  HOLDS_POSITION: { from: ['Person'], to: ['Agency'] },
  PARTY_TO: { from: ['Agency', 'Country'], to: ['Memorandum'] },
  SIGNED: { from: ['Person'], to: ['Memorandum'] },
  MODELLED_ON: { from: ['ServiceCenter'], to: ['Agency'] },
  OPERATED_BY: { from: ['ServiceCenter'], to: ['Agency'] },
  ESTABLISHED_UNDER: { from: ['ServiceCenter'], to: ['Memorandum'] },
  LOCATED_IN: { from: ['ServiceCenter', 'Event', 'Training', 'Agency'], to: ['Country'] },
  PROVIDED_BY: { from: ['Training'], to: ['Agency', 'Person', 'Country'] },
  TRAINED: { from: ['Training'], to: any },
  UNDER: { from: ['Training', 'Event'], to: ['Memorandum'] },
  CONFERRED_BY: { from: ['Award'], to: ['Agency', 'Country'] },
  RECEIVED: { from: any, to: ['Award'] },
  PARTICIPATED_IN: { from: any, to: ['Event'] },
  HELD_AT: { from: ['Event'], to: ['Agency', 'ServiceCenter'] },
  MEASURES: { from: ['Statistic'], to: any },
  DISCUSSED: { from: ['Event'], to: any },
} satisfies Record<string, { from: readonly EntityTypeName[]; to: readonly EntityTypeName[] }>;
export type RelationTypeName = keyof typeof relationEnds;

/** The enum values a `kind` attribute may take, per type (the GraphQL enums of the same name). */
export const kindsByType: Partial<Record<EntityTypeName, readonly string[]>> = {
  Agency: ['GOVERNMENT', 'GOVERNMENT_AGENCY', 'MINISTRY', 'PUBLIC_LEGAL_ENTITY', 'ASSOCIATION', 'INTERNATIONAL_ORGANIZATION', 'EMBASSY', 'COMPANY', 'OTHER'],
  Memorandum: ['MOU', 'AGREEMENT', 'LETTER_OF_INTENT', 'DECLARATION', 'ACTION_PLAN', 'OTHER'],
  Event: ['MEETING', 'VISIT', 'SIGNING', 'GIFT_PRESENTATION', 'STATEMENT', 'CEREMONY', 'FORUM', 'CREDENTIALS', 'OTHER'],
};

/** Attributes each type may carry; anything else on an entity is a mistake worth reporting. */
const attributesByType: Record<EntityTypeName, readonly (keyof BundleAttributes)[]> = {
  Country: ['code', 'alpha3', 'officialNames'],
  Agency: ['kind'],
  Person: [],
  Memorandum: ['kind', 'signed'],
  ServiceCenter: ['city', 'opened'],
  Training: ['count', 'participants', 'topics', 'date'],
  Award: ['year'],
  Event: ['kind', 'date', 'topics'],
  Statistic: ['metric', 'value', 'asOf'],
};

let compiledSchema: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  if (!compiledSchema) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const schema = JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema/source-bundle.schema.json'), 'utf8'));
    compiledSchema = ajv.compile(schema);
  }
  return compiledSchema;
}

function describeSchemaError(error: ErrorObject): BundleProblem {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') message = `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'required') message = `missing required property "${String(params.missingProperty)}"`;
  return { path: error.instancePath, message };
}

/** Validates a parsed bundle; returns it typed, or throws BundleValidationError listing every problem. */
export function validateBundle(input: unknown, file: string): Bundle {
  const validate = schemaValidator();
  if (!validate(input)) {
    // Ajv reports each failing branch of an enum/pattern; one line per path and message is enough.
    const seen = new Set<string>();
    const problems = (validate.errors ?? []).map(describeSchemaError).filter((p) => !seen.has(p.path + p.message) && seen.add(p.path + p.message));
    throw new BundleValidationError(file, problems);
  }
  const bundle = input as Bundle;
  const problems: BundleProblem[] = [];
  const text = bundle.source.text ?? null;

  const checkQuotes = (quotes: string[], at: string) => {
    if (text === null) return;
    if (quotes.length === 0) problems.push({ path: `${at}/quotes`, message: 'missing quote: the source has a text, so at least one verbatim quote is required' });
    quotes.forEach((quote, i) => {
      if (!text.includes(quote)) problems.push({ path: `${at}/quotes/${i}`, message: `quote not found in the source text: "${quote.slice(0, 80)}"` });
    });
  };
  const checkDate = (value: string | undefined, at: string) => {
    if (value !== undefined && parsePartialDate(value) === null) problems.push({ path: at, message: `bad date "${value}": expected a real date as YYYY, YYYY-MM or YYYY-MM-DD` });
  };

  const defined = new Map<string, EntityTypeName>();
  bundle.entities.forEach((entity, i) => {
    const at = `/entities/${i}`;
    if (defined.has(entity.id)) problems.push({ path: `${at}/id`, message: `duplicate entity id "${entity.id}"` });
    defined.set(entity.id, entity.type);
    if (typeOfId(entity.id) !== entity.type) problems.push({ path: `${at}/id`, message: `id of a ${entity.type} must start with "${idPrefixes[entity.type]}:", got "${entity.id}"` });
    checkQuotes(entity.quotes, at);
    const attributes = entity.attributes ?? {};
    for (const key of Object.keys(attributes) as (keyof BundleAttributes)[]) {
      if (!attributesByType[entity.type].includes(key)) problems.push({ path: `${at}/attributes/${key}`, message: `a ${entity.type} has no attribute "${key}" (allowed: ${attributesByType[entity.type].join(', ') || 'none'})` });
    }
    const kinds = kindsByType[entity.type];
    if (attributes.kind !== undefined && kinds && !kinds.includes(attributes.kind)) problems.push({ path: `${at}/attributes/kind`, message: `bad kind "${attributes.kind}": expected one of ${kinds.join(', ')}` });
    for (const key of ['signed', 'opened', 'date', 'asOf'] as const) checkDate(attributes[key], `${at}/attributes/${key}`);
    attributes.officialNames?.forEach((name, j) => {
      checkDate(name.start, `${at}/attributes/officialNames/${j}/start`);
      checkDate(name.end, `${at}/attributes/officialNames/${j}/end`);
    });
    if (entity.type === 'Statistic' && (!attributes.metric || !attributes.value)) problems.push({ path: `${at}/attributes`, message: 'a Statistic needs "metric" and "value"' });
  });

  bundle.relations.forEach((relation, i) => {
    const at = `/relations/${i}`;
    checkQuotes(relation.quotes, at);
    checkDate(relation.start, `${at}/start`);
    checkDate(relation.end, `${at}/end`);
    if (relation.start && relation.end && relation.end < relation.start) problems.push({ path: `${at}/end`, message: `end ${relation.end} is before start ${relation.start}` });
    const ends = relationEnds[relation.type];
    for (const side of ['from', 'to'] as const) {
      const id = relation[side];
      const type = defined.get(id) ?? typeOfId(id);
      if (type === null) problems.push({ path: `${at}/${side}`, message: `unknown entity reference "${id}": no entity type has the prefix "${id.split(':')[0]}"` });
      else if (!(ends[side] as readonly string[]).includes(type)) problems.push({ path: `${at}/${side}`, message: `${relation.type} cannot ${side === 'from' ? 'start at' : 'end at'} a ${type} ("${id}"); expected ${ends[side].join(' or ')}` });
    }
  });

  (bundle.claims ?? []).forEach((claim, i) => {
    const at = `/claims/${i}`;
    checkQuotes(claim.quotes, at);
    if (!defined.has(claim.subject) && typeOfId(claim.subject) === null) problems.push({ path: `${at}/subject`, message: `unknown entity reference "${claim.subject}"` });
  });
  bundle.relations.forEach((relation, i) => {
    const claim = relation.claim;
    if (claim && claim.subject !== relation.from && claim.subject !== relation.to) {
      problems.push({ path: `/relations/${i}/claim/subject`, message: `a relation's claim must be about one of its ends ("${relation.from}" or "${relation.to}"), got "${claim.subject}"` });
    }
  });

  if (problems.length > 0) throw new BundleValidationError(file, problems);
  return bundle;
}

/** Ids a bundle refers to without defining them: they must already be in the graph. */
export function externalReferences(bundle: Bundle): { id: string; path: string }[] {
  const defined = new Set(bundle.entities.map((entity) => entity.id));
  const references: { id: string; path: string }[] = [];
  bundle.relations.forEach((relation, i) => {
    for (const side of ['from', 'to'] as const) {
      if (!defined.has(relation[side])) references.push({ id: relation[side], path: `/relations/${i}/${side}` });
    }
  });
  (bundle.claims ?? []).forEach((claim, i) => {
    if (!defined.has(claim.subject)) references.push({ id: claim.subject, path: `/claims/${i}/subject` });
  });
  return references;
}

export function readBundleFile(file: string): Bundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BundleValidationError(file, [{ path: '', message: `not readable JSON: ${(error as Error).message}` }]);
  }
  return validateBundle(parsed, file);
}
