/** What draft tests share: the bundle JSON Schema (ajv, as a client would check it), a gazetteer of known names, and lookups into a draft. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Draft, DraftCandidate } from '../../src/core/model/drafts';
import type { Bundle, BundleEntity, BundleRelation } from '../../src/ingest/bundle';
import { countryBundle } from '../../src/ingest/countries';
import { GazetteerMatcher } from '../../src/ingest/extract/gazetteer';

const root = path.join(__dirname, '../..');

/** schema/source-bundle.schema.json compiled by ajv; returns its errors, [] when the bundle is valid. */
export function schemaErrors(bundle: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(root, 'schema/source-bundle.schema.json'), 'utf8')));
  return validate(bundle) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

export const foundingText = fs.readFileSync(path.join(root, 'seeds/asan-afghanistan-2021-02-24.txt'), 'utf8');
const foundingBundle = JSON.parse(fs.readFileSync(path.join(root, 'seeds/asan-afghanistan-2021-02-24.bundle.json'), 'utf8')) as Bundle;

/**
 * The names a graph holds before the document is read: every country, and the founding bundle's
 * agencies, people and country names (its memorandum, events, trainings and centres are left
 * out, so a draft must propose them).
 */
export function knownNames(): GazetteerMatcher {
  const named = foundingBundle.entities.filter((entity) => ['Agency', 'Person', 'Country'].includes(entity.type));
  return new GazetteerMatcher([...countryBundle().entities, ...named]);
}

export function bundleOf(draft: Draft): Bundle {
  return draft.bundle as unknown as Bundle;
}

export function entitiesOfType(draft: Draft, type: string): BundleEntity[] {
  return bundleOf(draft).entities.filter((entity) => entity.type === type);
}

export function relationsOfType(draft: Draft, type: string): BundleRelation[] {
  return bundleOf(draft).relations.filter((relation) => relation.type === type);
}

export function candidateFor(draft: Draft, relation: BundleRelation): DraftCandidate | undefined {
  const index = bundleOf(draft).relations.indexOf(relation);
  return draft.candidates.find((candidate) => candidate.kind === 'RELATION' && candidate.ref === String(index));
}

/** Every quote of the bundle is in its text, and every candidate's quote is the text at its offsets. */
export function quotesVerbatim(draft: Draft): string[] {
  const bundle = bundleOf(draft);
  const text = bundle.source.text ?? '';
  const statements = [...bundle.entities, ...bundle.relations, ...(bundle.quantities ?? [])];
  const missing = statements.flatMap((statement) => statement.quotes.filter((quote) => !text.includes(quote)));
  const misplaced = draft.candidates.filter(
    (candidate) => candidate.quote !== null && text.slice(candidate.start!, candidate.end!) !== candidate.quote,
  );
  return [...missing, ...misplaced.map((candidate) => `${candidate.label}: "${candidate.quote}" not at ${candidate.start}`)];
}
