/**
 * The optional curation file next to a facts table (`facts.tsv` -> `facts.curation.json`):
 * what a spreadsheet cannot say by itself. It names entities the rows refer to, says which
 * rows are about the same real thing (same `id`), who the actors of a row are when the subject
 * column is a description, and which values are claims sources may disagree on. Every key is
 * optional; a table imports without one.
 */
import fs from 'node:fs';
import type { BundleAttributes, NamedEntity } from '../bundle';
import type { EntityTypeName } from '../../core/model/records';

/** An entity the rows may refer to by id or by any of its names. Cited by each source whose row uses it. */
export interface CuratedEntity extends NamedEntity {
  kind?: string;
  /** ISO alpha-2 of the country an agency is based in. */
  country?: string;
  /** Person: [title, organisation ref]. */
  position?: [string, string];
}

/** A reference: an entity id, '$fact' (the row's fact entity), 'country:XX', or a name to resolve. */
export type Ref = string;

export interface CuratedActor {
  ref: Ref;
  /** The edge between the actor and the fact; default by fact and actor type. */
  relation?: string;
  role?: string;
}

export interface CuratedRelation {
  from: Ref;
  type: string;
  to: Ref;
  role?: string;
  claim?: { subject?: Ref; property: string; value: string };
}

export interface CuratedRow {
  /** The fact entity's id: rows with the same id are the same real thing, and their differing values become claims. */
  id?: string;
  type?: EntityTypeName;
  kind?: string;
  name?: string;
  aliases?: string[];
  /** Replace the subject column's names. */
  actors?: (Ref | CuratedActor)[];
  /** More countries the fact involves (for MULTI rows). */
  countries?: string[];
  relations?: CuratedRelation[];
  claims?: { subject?: Ref; property: string; value: string }[];
  /** The metric of the row's first quantity (default: what its unit says; the quantity_metric column wins). */
  quantityProperty?: string;
  /** Do not claim the row's date for the fact entity (the date is about something else). */
  dateIsNotTheFacts?: boolean;
  /**
   * False when the row's source never names the model (its text does not mention the model
   * agency): the row neither links the fact to the model agency nor cites that agency. Default true.
   */
  statesModel?: boolean;
  /** The row's date is its source's publication date, not the fact's: it dates the source (when source_published_date is empty), never the fact. */
  dateIsPublication?: boolean;
  attributes?: BundleAttributes;
}

export interface Curation {
  /** What the non-country codes stand for, e.g. {"UN": "agency:un", "INT": "agency:icesco"}. */
  organisations?: Record<string, Ref>;
  /** The agency whose model centres follow (MODELLED_ON) and who gives trainings (PROVIDED_BY), unless a row says otherwise. */
  model?: Ref;
  entities?: CuratedEntity[];
  rows?: Record<string, CuratedRow>;
}

export function curationFileFor(tableFile: string): string {
  return tableFile.replace(/\.(tsv|csv)$/i, '.curation.json');
}

export function readCuration(tableFile: string): Curation {
  const file = curationFileFor(tableFile);
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Curation;
}
