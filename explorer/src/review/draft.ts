/**
 * A draft as the review page receives it: what GraphQL draftBundle answers, or the file `npm run
 * extract -- --out` writes ({bundle, candidates, language, warnings}). A plain source bundle is
 * taken too, each of its entities and relations then reviewed as it stands. The server checks the
 * bundle in full when it is imported; this only checks the draft's shape, so the page can show it.
 */

export type CandidateKind = 'ENTITY' | 'RELATION';

/** One entity or relation the draft proposes, and why (the GraphQL type DraftCandidate). */
export interface DraftCandidate {
  kind: CandidateKind;
  /** ENTITY: the entity's id in bundle.entities; RELATION: its index in bundle.relations, as a string. */
  ref: string;
  label: string;
  confidence: number;
  reason: string;
  /** ENTITY: the existing entity it was matched to (then bundle.entities has no entry and relations use this id). */
  matchedId: string | null;
  quote: string | null;
  /** The quote's offsets in source.text (UTF-16 code units, as JavaScript strings count). */
  start: number | null;
  end: number | null;
}

export interface BundleEntity {
  id: string;
  type: string;
  name: string;
  quotes: string[];
  attributes?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface BundleRelation {
  type: string;
  from: string;
  to: string;
  quotes: string[];
  role?: string;
  start?: string;
  end?: string;
  claim?: { subject: string; property: string; value: string };
  [field: string]: unknown;
}

export interface BundleSource {
  id: string;
  title: string;
  publisher: string;
  language: string;
  url?: string | null;
  published?: string;
  text?: string | null;
  [field: string]: unknown;
}

/** Claims and stated quantities: statements about one subject entity. */
export interface SubjectStatement {
  subject: string;
  [field: string]: unknown;
}

export interface Bundle {
  format: 'coopgraph-bundle/1';
  source: BundleSource;
  entities: BundleEntity[];
  relations: BundleRelation[];
  claims?: SubjectStatement[];
  quantities?: SubjectStatement[];
  [field: string]: unknown;
}

export interface Draft {
  bundle: Bundle;
  candidates: DraftCandidate[];
  language: string;
  warnings: string[];
}

export const bundleFormat = 'coopgraph-bundle/1';

/** A file or an answer that is not a draft: the message says what was expected. */
export class DraftError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const stringOrNull = (value: unknown): string | null => (isString(value) ? value : null);
const integerOrNull = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

function parseBundle(value: unknown, where: string): Bundle {
  if (!isObject(value) || value.format !== bundleFormat)
    throw new DraftError(`${where} is not a source bundle: expected an object with "format": "${bundleFormat}"`);
  const source = value.source;
  if (!isObject(source) || !isString(source.id) || !isString(source.title))
    throw new DraftError(`${where}.source must be an object with an id and a title`);
  if (!Array.isArray(value.entities) || !value.entities.every((entity) => isObject(entity) && isString(entity.id) && isString(entity.type)))
    throw new DraftError(`${where}.entities must be a list of entities, each with an id and a type`);
  if (
    !Array.isArray(value.relations) ||
    !value.relations.every((relation) => isObject(relation) && isString(relation.from) && isString(relation.to))
  )
    throw new DraftError(`${where}.relations must be a list of relations, each with a from and a to`);
  return value as unknown as Bundle;
}

function parseCandidate(value: unknown, at: number): DraftCandidate {
  if (!isObject(value) || (value.kind !== 'ENTITY' && value.kind !== 'RELATION') || !isString(value.ref))
    throw new DraftError(`candidates[${at}] must have a kind (ENTITY or RELATION) and a ref`);
  return {
    kind: value.kind,
    ref: value.ref,
    label: isString(value.label) ? value.label : value.ref,
    confidence: typeof value.confidence === 'number' ? value.confidence : Number.NaN,
    reason: isString(value.reason) ? value.reason : '',
    matchedId: stringOrNull(value.matchedId),
    quote: stringOrNull(value.quote),
    start: integerOrNull(value.start),
    end: integerOrNull(value.end),
  };
}

/** A draft from parsed JSON: a {bundle, candidates, language, warnings} object or a bare bundle. Throws DraftError. */
export function parseDraft(value: unknown): Draft {
  if (isObject(value) && value.format === bundleFormat) {
    const bundle = parseBundle(value, 'the file');
    return {
      bundle,
      candidates: [],
      language: isString(bundle.source.language) ? bundle.source.language : '',
      warnings: ['A bundle without candidates: each of its entities and relations is listed as it stands.'],
    };
  }
  if (!isObject(value) || !('bundle' in value))
    throw new DraftError(
      'Not a draft: expected {bundle, candidates, language, warnings} (what npm run extract -- --out writes) or a source bundle',
    );
  const bundle = parseBundle(value.bundle, 'bundle');
  if (!Array.isArray(value.candidates)) throw new DraftError('candidates must be a list');
  const warnings = Array.isArray(value.warnings) ? value.warnings.filter(isString) : [];
  return {
    bundle,
    candidates: value.candidates.map(parseCandidate),
    language: isString(value.language) ? value.language : (bundle.source.language ?? ''),
    warnings,
  };
}

/** The draft in a file's text (JSON). Throws DraftError saying what is wrong. */
export function parseDraftText(text: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DraftError(`The file is not JSON: ${(error as Error).message}`);
  }
  return parseDraft(value);
}
