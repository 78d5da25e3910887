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
import { isPlaceholderTitle, placeholderTitleProblem } from '../core/model/supplied-title';
import { BundleValidationError, type BundleProblem } from '../core/errors';

// Declared in core/errors beside the other client errors; importers of the bundle keep finding them here.
export { BundleValidationError, type BundleProblem };

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

/** An entity as a source names it: what a bundle's entities and a facts table's curated ones share. */
export interface NamedEntity {
  id: string;
  type: EntityTypeName;
  /** The canonical name: as the source gives it. */
  name: string;
  aliases?: string[];
  /** Its name by language (ISO 639-1 keys), e.g. {"en": "United Nations"}; a later source fills only languages still missing. */
  names?: Record<string, string>;
  description?: string;
}

export interface BundleEntity extends NamedEntity, Cited, Translated {
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
  /** The source's own title (its headline); absent when not known, and a title is supplied from its publisher and date. */
  title?: string;
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

/** An Award's deprecated `year` is its date at year precision; a `date` given too wins (and the year is dropped either way). */
function readAwardYears(bundle: Bundle): void {
  for (const entity of bundle.entities) {
    const attributes = entity.attributes;
    if (entity.type !== 'Award' || attributes?.year === undefined) continue;
    attributes.date ??= String(attributes.year).padStart(4, '0');
    delete attributes.year;
  }
}

/** Validates a parsed bundle; returns it typed, or throws BundleValidationError listing every problem. */
export function validateBundle(input: unknown, file: string): Bundle {
  checkSchema(input, file);
  const bundle = input as Bundle;
  readAwardYears(bundle);
  const checks = new BundleChecks(bundle);
  const defined = checkEntities(bundle, checks);
  if (bundle.source.title !== undefined && isPlaceholderTitle(bundle.source.title))
    checks.add('/source/title', `"${bundle.source.title}" ${placeholderTitleProblem}`);
  checkRelations(bundle, defined, checks);
  checkSubjects(bundle, defined, checks);
  if (checks.problems.length > 0) throw new BundleValidationError(file, checks.problems);
  return bundle;
}

/** The JSON Schema's verdict, first: the checks below may rely on the bundle's shape. */
function checkSchema(input: unknown, file: string): void {
  const validate = schemaValidator();
  if (validate(input)) return;
  // Ajv reports each failing branch of an enum/pattern; one line per path and message is enough.
  const seen = new Set<string>();
  // A bad key fails its pattern and propertyNames both: the propertyNames error names the key.
  const errors = (validate.errors ?? []).filter((error) => error.keyword === 'propertyNames' || error.propertyName === undefined);
  const problems = errors.map(describeSchemaError).filter((p) => !seen.has(p.path + p.message) && seen.add(p.path + p.message));
  throw new BundleValidationError(file, problems);
}

/** The problems found so far in one bundle, and the checks every kind of statement shares. */
class BundleChecks {
  readonly problems: BundleProblem[] = [];
  private readonly text: string | null;
  private readonly translationTexts: Map<string, string>;

  constructor(bundle: Bundle) {
    this.text = bundle.source.text ?? null;
    this.translationTexts = new Map((bundle.source.translations ?? []).map((translation) => [translation.language, translation.text]));
  }

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  quotes(quotes: string[], at: string): void {
    for (const problem of quoteProblems(this.text, quotes))
      this.add(problem.index === null ? `${at}/quotes` : `${at}/quotes/${problem.index}`, problem.message);
  }

  language(language: string, at: string): void {
    if (!isLanguageCode(language)) this.add(at, `bad language "${language}": not an ISO 639-1 code`);
  }

  date(value: string | undefined, at: string): void {
    if (value !== undefined && parsePartialDate(value) === null)
      this.add(at, `bad date "${value}": expected a real date as YYYY, YYYY-MM or YYYY-MM-DD`);
  }

  /** Each quote's translations: one entry per quote, each found in the source's translation into that language. */
  translations(statement: Cited & Translated, at: string): void {
    const translations = statement.translations;
    if (!translations) return;
    if (translations.length !== statement.quotes.length) {
      this.add(
        `${at}/translations`,
        `${translations.length} translation(s) for ${statement.quotes.length} quote(s): translations[i] translates quotes[i] (null where none)`,
      );
    }
    translations.forEach((byLanguage, i) => {
      for (const [language, translated] of Object.entries(byLanguage ?? {})) {
        const where = `${at}/translations/${i}/${language}`;
        this.language(language, where);
        const document = this.translationTexts.get(language);
        if (document === undefined) this.add(where, `the source has no "${language}" translation to align this quote with`);
        else if (!document.includes(translated))
          this.add(where, `translation not found in the source's "${language}" translation: "${translated.slice(0, 80)}"`);
      }
    });
  }
}

/** Checks every entity; returns the type of each id the bundle defines. */
function checkEntities(bundle: Bundle, checks: BundleChecks): Map<string, EntityTypeName> {
  const defined = new Map<string, EntityTypeName>();
  bundle.entities.forEach((entity, i) => {
    const at = `/entities/${i}`;
    if (defined.has(entity.id)) checks.add(`${at}/id`, `duplicate entity id "${entity.id}"`);
    defined.set(entity.id, entity.type);
    if (typeOfId(entity.id) !== entity.type)
      checks.add(`${at}/id`, `id of a ${entity.type} must start with "${entitySpec(entity.type).idPrefix}:", got "${entity.id}"`);
    checks.quotes(entity.quotes, at);
    checks.translations(entity, at);
    for (const [language, name] of Object.entries(entity.names ?? {})) {
      checks.language(language, `${at}/names/${language}`);
      if (name.trim() === '') checks.add(`${at}/names/${language}`, 'empty name: leave the language out instead');
    }
    checkAttributes(entity, at, checks);
  });
  return defined;
}

/** An entity's attributes: only its type's, a known kind, real dates, and the required ones there. */
function checkAttributes(entity: BundleEntity, at: string, checks: BundleChecks): void {
  const spec = entitySpec(entity.type);
  const attributes = entity.attributes ?? {};
  const allowed = Object.keys(spec.attributes);
  for (const key of Object.keys(attributes)) {
    if (!allowed.includes(key))
      checks.add(`${at}/attributes/${key}`, `a ${entity.type} has no attribute "${key}" (allowed: ${allowed.join(', ') || 'none'})`);
  }
  const kinds = spec.kinds;
  if (attributes.kind !== undefined && kinds && !kinds.includes(attributes.kind))
    checks.add(`${at}/attributes/kind`, `bad kind "${attributes.kind}": expected one of ${kinds.join(', ')}`);
  for (const key of attributesOfKind(entity.type, 'partialDate'))
    checks.date(attributes[key as keyof BundleAttributes] as string | undefined, `${at}/attributes/${key}`);
  attributes.officialNames?.forEach((name, j) => {
    checks.date(name.start, `${at}/attributes/officialNames/${j}/start`);
    checks.date(name.end, `${at}/attributes/officialNames/${j}/end`);
  });
  const missing = missingRequired(entity);
  if (missing.length > 0) checks.add(`${at}/attributes`, `a ${entity.type} needs ${missing.map((key) => `"${key}"`).join(' and ')}`);
}

/** Every relation: cited, dated in order, and between entities of the types its spec allows. */
function checkRelations(bundle: Bundle, defined: ReadonlyMap<string, EntityTypeName>, checks: BundleChecks): void {
  bundle.relations.forEach((relation, i) => {
    const at = `/relations/${i}`;
    checks.quotes(relation.quotes, at);
    checks.translations(relation, at);
    checks.date(relation.start, `${at}/start`);
    checks.date(relation.end, `${at}/end`);
    if (relation.start && relation.end && relation.end < relation.start)
      checks.add(`${at}/end`, `end ${relation.end} is before start ${relation.start}`);
    const ends = relationSpec(relation.type);
    for (const side of ['from', 'to'] as const) {
      const id = relation[side];
      const type = defined.get(id) ?? typeOfId(id);
      if (type === null)
        checks.add(`${at}/${side}`, `unknown entity reference "${id}": no entity type has the prefix "${id.split(':')[0]}"`);
      else if (!ends[side].includes(type))
        checks.add(
          `${at}/${side}`,
          `${relation.type} cannot ${side === 'from' ? 'start at' : 'end at'} a ${type} ("${id}"); expected ${ends[side].join(' or ')}`,
        );
    }
  });
}

/** Claims and quantities: cited, about an entity of a known type; a relation's claim about one of its ends. */
function checkSubjects(bundle: Bundle, defined: ReadonlyMap<string, EntityTypeName>, checks: BundleChecks): void {
  (bundle.claims ?? []).forEach((claim, i) => {
    const at = `/claims/${i}`;
    checks.quotes(claim.quotes, at);
    if (!defined.has(claim.subject) && typeOfId(claim.subject) === null)
      checks.add(`${at}/subject`, `unknown entity reference "${claim.subject}"`);
  });
  (bundle.quantities ?? []).forEach((quantity, i) => {
    const at = `/quantities/${i}`;
    checks.quotes(quantity.quotes, at);
    if (!defined.has(quantity.subject) && typeOfId(quantity.subject) === null)
      checks.add(`${at}/subject`, `unknown entity reference "${quantity.subject}"`);
  });
  bundle.relations.forEach((relation, i) => {
    const claim = relation.claim;
    if (claim && claim.subject !== relation.from && claim.subject !== relation.to) {
      checks.add(
        `/relations/${i}/claim/subject`,
        `a relation's claim must be about one of its ends ("${relation.from}" or "${relation.to}"), got "${claim.subject}"`,
      );
    }
  });
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
