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
import { projectRoot } from '../core/project';
import { attributesOfKind, entitySpec, relationSpec, typeOfId, type EntityTypeName, type RelationTypeName } from '../core/model/registry';
import { parsePartialDate, type Qualifier } from '../core/model/values';
import { isLanguageCode } from '../core/model/names';
import { quoteProblems } from '../core/model/citations';
import type { StatedRelation } from '../core/model/records';

export type { EntityTypeName, RelationTypeName };

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
  /** Deprecated: an Award's date at year precision (read as `date`). */
  year?: number;
  metric?: string;
  count?: BundleQuantity;
  participants?: BundleQuantity;
  value?: BundleQuantity;
  topics?: string[];
  officialNames?: { name: string; start?: string; end?: string }[];
}

/**
 * What every statement of a bundle carries besides what it states: the verbatim quotes that
 * state it, and an optional note on this source's statement (a caveat: "the date is the
 * publication date", "counterpart not named"), kept with the citation.
 */
interface Cited {
  quotes: string[];
  note?: string;
}

/**
 * A quote's translations by ISO 639-1 code: translations[i] translates quotes[i] (null: none
 * aligned). Each text is a verbatim passage of the source's own translation in that language,
 * so an aligned translation is always one the source (or its translator) gave.
 */
export type QuoteTranslations = (Readonly<Record<string, string>> | null)[];

/** Entities and relations may pair their quotes with translations. */
interface Translated {
  translations?: QuoteTranslations;
}

export interface BundleEntity extends Cited, Translated {
  id: string;
  type: EntityTypeName;
  /** The canonical name: as the source gives it. */
  name: string;
  aliases?: string[];
  /** Its name by language (ISO 639-1 keys), e.g. {"en": "United Nations"}; a later source fills only languages still missing. */
  names?: Record<string, string>;
  description?: string;
  attributes?: BundleAttributes;
}

export interface BundleRelation extends StatedRelation, Translated {
  /** This edge is one source's answer to a question sources may disagree on (e.g. who the parties were). */
  claim?: { subject: string; property: string; value: string };
}

/** One value a source states for a property of an entity; differing values from different sources are a conflict. */
export interface BundleClaim extends Cited {
  subject: string;
  property: string;
  value: string;
}

/**
 * A number the source states about an entity ("more than 500 delegates"), under a metric that
 * names what is counted. Any entity may carry any number of them; sources stating figures for
 * the same subject and metric that cannot both be true make a conflict.
 */
export interface BundleStatedQuantity extends Cited {
  subject: string;
  metric: string;
  value: number;
  qualifier: Qualifier;
  unit?: string;
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
  quantities?: BundleStatedQuantity[];
}

/** What one source states, without the source itself: a bundle's statements, or a curation mutation's. */
export type Statements = Pick<Bundle, 'entities' | 'relations' | 'claims' | 'quantities'>;

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

/**
 * Required attributes a bundle entity leaves out. Countries are exempt: every ISO 3166 country is
 * loaded with its codes at start (ingest/countries.ts), and a bundle names one only to cite it.
 */
function missingRequired(entity: BundleEntity): string[] {
  if (entity.type === 'Country') return [];
  const attributes = (entity.attributes ?? {}) as Record<string, unknown>;
  return Object.entries(entitySpec(entity.type).attributes).flatMap(([key, attribute]) =>
    attribute.required && attributes[key] === undefined ? [key] : [],
  );
}

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
  // A bad key of a names or translations object: the path names the key, the message what a key must be.
  if (typeof params.propertyName === 'string') {
    return {
      path: `${error.instancePath}/${params.propertyName}`,
      message: `bad language "${params.propertyName}": expected an ISO 639-1 code (two lower-case letters, e.g. "en")`,
    };
  }
  return { path: error.instancePath, message };
}

/** Validates a parsed bundle; returns it typed, or throws BundleValidationError listing every problem. */
/** An Award's deprecated `year` is its date at year precision; a `date` given too wins (and the year is dropped either way). */
function readAwardYears(bundle: Bundle): void {
  for (const entity of bundle.entities) {
    const attributes = entity.attributes;
    if (entity.type !== 'Award' || attributes?.year === undefined) continue;
    attributes.date ??= String(attributes.year).padStart(4, '0');
    delete attributes.year;
  }
}

export function validateBundle(input: unknown, file: string): Bundle {
  const validate = schemaValidator();
  if (!validate(input)) {
    // Ajv reports each failing branch of an enum/pattern; one line per path and message is enough.
    const seen = new Set<string>();
    // A bad key fails its pattern and propertyNames both: the propertyNames error names the key.
    const errors = (validate.errors ?? []).filter((error) => error.keyword === 'propertyNames' || error.propertyName === undefined);
    const problems = errors.map(describeSchemaError).filter((p) => !seen.has(p.path + p.message) && seen.add(p.path + p.message));
    throw new BundleValidationError(file, problems);
  }
  const bundle = input as Bundle;
  readAwardYears(bundle);
  const problems: BundleProblem[] = [];
  const text = bundle.source.text ?? null;

  const checkQuotes = (quotes: string[], at: string) => {
    for (const problem of quoteProblems(text, quotes))
      problems.push({ path: problem.index === null ? `${at}/quotes` : `${at}/quotes/${problem.index}`, message: problem.message });
  };
  const translationTexts = new Map((bundle.source.translations ?? []).map((translation) => [translation.language, translation.text]));
  const checkLanguage = (language: string, at: string) => {
    if (!isLanguageCode(language)) problems.push({ path: at, message: `bad language "${language}": not an ISO 639-1 code` });
  };
  const checkTranslations = (statement: Cited & Translated, at: string) => {
    const translations = statement.translations;
    if (!translations) return;
    if (translations.length !== statement.quotes.length) {
      problems.push({
        path: `${at}/translations`,
        message: `${translations.length} translation(s) for ${statement.quotes.length} quote(s): translations[i] translates quotes[i] (null where none)`,
      });
    }
    translations.forEach((byLanguage, i) => {
      for (const [language, translated] of Object.entries(byLanguage ?? {})) {
        const where = `${at}/translations/${i}/${language}`;
        checkLanguage(language, where);
        const document = translationTexts.get(language);
        if (document === undefined)
          problems.push({ path: where, message: `the source has no "${language}" translation to align this quote with` });
        else if (!document.includes(translated))
          problems.push({
            path: where,
            message: `translation not found in the source's "${language}" translation: "${translated.slice(0, 80)}"`,
          });
      }
    });
  };
  const checkDate = (value: string | undefined, at: string) => {
    if (value !== undefined && parsePartialDate(value) === null)
      problems.push({ path: at, message: `bad date "${value}": expected a real date as YYYY, YYYY-MM or YYYY-MM-DD` });
  };

  const defined = new Map<string, EntityTypeName>();
  bundle.entities.forEach((entity, i) => {
    const at = `/entities/${i}`;
    if (defined.has(entity.id)) problems.push({ path: `${at}/id`, message: `duplicate entity id "${entity.id}"` });
    defined.set(entity.id, entity.type);
    const spec = entitySpec(entity.type);
    if (typeOfId(entity.id) !== entity.type)
      problems.push({ path: `${at}/id`, message: `id of a ${entity.type} must start with "${spec.idPrefix}:", got "${entity.id}"` });
    checkQuotes(entity.quotes, at);
    checkTranslations(entity, at);
    for (const [language, name] of Object.entries(entity.names ?? {})) {
      checkLanguage(language, `${at}/names/${language}`);
      if (name.trim() === '') problems.push({ path: `${at}/names/${language}`, message: 'empty name: leave the language out instead' });
    }
    const attributes = entity.attributes ?? {};
    const allowed = Object.keys(spec.attributes);
    for (const key of Object.keys(attributes)) {
      if (!allowed.includes(key))
        problems.push({
          path: `${at}/attributes/${key}`,
          message: `a ${entity.type} has no attribute "${key}" (allowed: ${allowed.join(', ') || 'none'})`,
        });
    }
    const kinds = spec.kinds;
    if (attributes.kind !== undefined && kinds && !kinds.includes(attributes.kind))
      problems.push({ path: `${at}/attributes/kind`, message: `bad kind "${attributes.kind}": expected one of ${kinds.join(', ')}` });
    for (const key of attributesOfKind(entity.type, 'partialDate'))
      checkDate(attributes[key as keyof BundleAttributes] as string | undefined, `${at}/attributes/${key}`);
    attributes.officialNames?.forEach((name, j) => {
      checkDate(name.start, `${at}/attributes/officialNames/${j}/start`);
      checkDate(name.end, `${at}/attributes/officialNames/${j}/end`);
    });
    const missing = missingRequired(entity);
    if (missing.length > 0)
      problems.push({ path: `${at}/attributes`, message: `a ${entity.type} needs ${missing.map((key) => `"${key}"`).join(' and ')}` });
  });

  bundle.relations.forEach((relation, i) => {
    const at = `/relations/${i}`;
    checkQuotes(relation.quotes, at);
    checkTranslations(relation, at);
    checkDate(relation.start, `${at}/start`);
    checkDate(relation.end, `${at}/end`);
    if (relation.start && relation.end && relation.end < relation.start)
      problems.push({ path: `${at}/end`, message: `end ${relation.end} is before start ${relation.start}` });
    const ends = relationSpec(relation.type);
    for (const side of ['from', 'to'] as const) {
      const id = relation[side];
      const type = defined.get(id) ?? typeOfId(id);
      if (type === null)
        problems.push({
          path: `${at}/${side}`,
          message: `unknown entity reference "${id}": no entity type has the prefix "${id.split(':')[0]}"`,
        });
      else if (!ends[side].includes(type))
        problems.push({
          path: `${at}/${side}`,
          message: `${relation.type} cannot ${side === 'from' ? 'start at' : 'end at'} a ${type} ("${id}"); expected ${ends[side].join(' or ')}`,
        });
    }
  });

  (bundle.claims ?? []).forEach((claim, i) => {
    const at = `/claims/${i}`;
    checkQuotes(claim.quotes, at);
    if (!defined.has(claim.subject) && typeOfId(claim.subject) === null)
      problems.push({ path: `${at}/subject`, message: `unknown entity reference "${claim.subject}"` });
  });
  (bundle.quantities ?? []).forEach((quantity, i) => {
    const at = `/quantities/${i}`;
    checkQuotes(quantity.quotes, at);
    if (!defined.has(quantity.subject) && typeOfId(quantity.subject) === null)
      problems.push({ path: `${at}/subject`, message: `unknown entity reference "${quantity.subject}"` });
  });
  bundle.relations.forEach((relation, i) => {
    const claim = relation.claim;
    if (claim && claim.subject !== relation.from && claim.subject !== relation.to) {
      problems.push({
        path: `/relations/${i}/claim/subject`,
        message: `a relation's claim must be about one of its ends ("${relation.from}" or "${relation.to}"), got "${claim.subject}"`,
      });
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
  (bundle.quantities ?? []).forEach((quantity, i) => {
    if (!defined.has(quantity.subject)) references.push({ id: quantity.subject, path: `/quantities/${i}/subject` });
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
