/**
 * What repositories return and resolvers receive: plain records read from Neo4j, typed per
 * entity type from the registry (codegen maps each GraphQL type onto its record). How a record
 * is stored as node properties is core/model/storage.ts.
 */
import type { EntityTypeName, RelationTypeName, ValueKind, entityTypes } from './registry';
import type { PartialDateValue, Qualifier, QuantityValue } from './values';
import type { LocalizedNameValue } from './names';

export type { EntityTypeName, RelationTypeName };

/** A country's official name with the time it was in use (ISO partial dates). */
export interface OfficialNameValue {
  name: string;
  start?: string;
  end?: string;
}

/** The TypeScript value of each kind of attribute, as records hold it (dates stay ISO text). */
export interface AttributeValues {
  text: string;
  texts: string[];
  kind: string;
  partialDate: string;
  quantity: QuantityValue;
  officialNames: OfficialNameValue[];
}

type AttributeSpecs<T extends EntityTypeName> = (typeof entityTypes)[T]['attributes'];

/** The attributes an entity of type T may carry; each is absent when no source stated it. */
export type AttributesOf<T extends EntityTypeName> = {
  -readonly [A in keyof AttributeSpecs<T>]?: AttributeSpecs<T>[A] extends { kind: infer K extends ValueKind } ? AttributeValues[K] : never;
};

export interface EntityRecordOf<T extends EntityTypeName> {
  id: string;
  type: T;
  name: string;
  /** Folded name: what lists sort by and cursors hold. */
  sortKey: string;
  aliases: string[];
  /** Its names by language (ISO 639-1), in code order; `name` stays the canonical (the source's) one. */
  names: LocalizedNameValue[];
  description: string | null;
  attributes: AttributesOf<T>;
  citations: CitationRecord[];
  /** How many writes changed it (1 when created; optimistic concurrency compares it). */
  version: number;
}

/** Any entity; narrow on `type` to reach a type's attributes. */
export type EntityRecord = { [T in EntityTypeName]: EntityRecordOf<T> }[EntityTypeName];

/** Who took a statement out of the live graph, when and why (history: retractRelation, retractCitation). */
export interface RetractionRecord {
  by: string;
  /** ISO 8601 in UTC, to the millisecond. */
  at: string;
  reason: string;
  /** The audit trail's Change that recorded it. */
  changeId: string;
}

export interface CitationRecord {
  sourceId: string;
  /** Verbatim passage; null for a source known only by its metadata. */
  quote: string | null;
  /** A caveat recorded with this source's statement (a facts table row's notes); null when none. */
  note: string | null;
  /**
   * The quote in other languages, by ISO 639-1 code: passages of the source's own translation
   * that translate this quote (absent where none was aligned, and for claims).
   */
  quoteTranslations?: Readonly<Record<string, string>>;
  /** Set on a retracted citation, which only reads with includeRetracted return. */
  retracted?: RetractionRecord;
}

export interface RelationRecord {
  type: RelationTypeName;
  fromId: string;
  toId: string;
  role: string | null;
  start: string | null;
  end: string | null;
  citations: CitationRecord[];
  /** True when this edge is one source's answer to a question the sources disagree on. */
  disputed: boolean;
  /** Set on a retracted relation, which only reads with includeRetracted return. */
  retracted?: RetractionRecord;
}

/**
 * What one source states about one edge, with the quotes that state it and its note: the shape a
 * bundle's relation (ingest) and a curation write's (features/entity-writes) share, so the
 * writer takes either.
 */
export interface StatedRelation {
  type: RelationTypeName;
  from: string;
  to: string;
  role?: string;
  start?: string;
  end?: string;
  quotes: string[];
  note?: string;
}

export interface TranslationRecord {
  language: string;
  text: string;
  note: string | null;
}

export interface SourceRecord {
  id: string;
  title: string;
  /** True when the headline is not known and `title` was supplied from the publisher and date ("[AzerNews, 19 April 2024]": core/model/supplied-title.ts). */
  titleSupplied: boolean;
  publisher: string;
  published: string | null;
  retrieved: string | null;
  language: string;
  url: string | null;
  text: string | null;
  translations: TranslationRecord[];
}

export type { LocalizedNameValue, PartialDateValue, QuantityValue };

/** One value sources claim for a property, with the sources that state it (Claim nodes). */
export interface ClaimRecord {
  value: string;
  citations: CitationRecord[];
  /** Another source claims a value for the same property that cannot also be true. */
  disputed: boolean;
}

/**
 * A date as a field shows it. An entity's stated date (Memorandum.signed, a timeline entry's
 * date) says which claims it answers, so it can show whether sources dispute it.
 */
export interface PartialDateRecord extends PartialDateValue {
  /** The subject and property of its claims; absent for dates no claim is about (a relation's validity). */
  claimOf?: { subject: string; property: string };
}

/** A number one or more sources state about an entity, under its metric (Claim nodes of kind 'quantity'). */
export interface StatedQuantityRecord {
  metric: string;
  value: number;
  qualifier: Qualifier;
  unit: string | null;
  /** The reading with its qualifier, e.g. "more than 500 delegates". */
  text: string;
  disputed: boolean;
  citations: CitationRecord[];
}
