/**
 * A draft source bundle proposed from a document's text (ingest/extract), and the name look-up
 * it matches mentions with. Declared in core because both sides meet here: ingest builds drafts,
 * the GraphQL feature serves them and implements the look-up over the search index, and neither
 * may import the other.
 */
import type { EntityTypeName } from './registry';

export type DraftCandidateKind = 'ENTITY' | 'RELATION';

/** Why one entity or relation is in a draft: what a reviewer accepts, edits or rejects. */
export interface DraftCandidate {
  kind: DraftCandidateKind;
  /** ENTITY: the entity's id (in bundle.entities, or the matched graph id); RELATION: its index in bundle.relations, as a string. */
  ref: string;
  /** What a reviewer reads: the name, or "X signed Y". */
  label: string;
  /** 0 to 1: how sure the extractor is. */
  confidence: number;
  reason: string;
  /** ENTITY: the existing graph entity it was matched to; null when proposed as new. */
  matchedId: string | null;
  /** A passage of the text (verbatim) and its offsets, for highlighting. */
  quote: string | null;
  start: number | null;
  end: number | null;
}

/** A draft: the bundle (valid against schema/source-bundle.schema.json) and why each part is in it. */
export interface Draft {
  bundle: Record<string, unknown>;
  candidates: DraftCandidate[];
  /** ISO 639-1 code of the text's language ("und" when the text has none to detect). */
  language: string;
  /** Why the draft is empty or partial. */
  warnings: string[];
}

/** An entity the graph already holds, with every name it is known by. */
export interface KnownEntity {
  id: string;
  type: EntityTypeName;
  name: string;
  /** The canonical name, aliases and names by language. */
  names: string[];
}

/**
 * Looks names up in the graph. `query` is a name as a text gives it (possibly cut to word stems);
 * the answer is the few best hits of the given types, each with all its names so the caller can
 * check how well a hit matches.
 */
export interface NameMatcher {
  lookup(query: string, types: readonly EntityTypeName[]): Promise<KnownEntity[]>;
}
