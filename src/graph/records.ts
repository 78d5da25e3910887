/**
 * What repositories return and resolvers receive: plain records read from Neo4j, shaped by
 * how the graph stores things, not by the GraphQL types (codegen maps one onto the other).
 */

/** The entity types, as Neo4j labels and GraphQL type names. */
export const entityTypes = ['Country', 'Agency', 'Person', 'Memorandum', 'ServiceCenter', 'Training', 'Award', 'Event', 'Statistic'] as const;
export type EntityTypeName = (typeof entityTypes)[number];

export interface EntityRecord {
  id: string;
  type: EntityTypeName;
  name: string;
  /** Folded name: what lists sort by and cursors hold. */
  sortKey: string;
  aliases: string[];
  description: string | null;
  /** Type-specific stored properties (kind, signed, city, count_value...). */
  props: Record<string, unknown>;
  citations: CitationRecord[];
}

export interface CitationRecord {
  sourceId: string;
  /** Verbatim passage; null for a source known only by its metadata. */
  quote: string | null;
}

export interface RelationRecord {
  type: string;
  fromId: string;
  toId: string;
  role: string | null;
  start: string | null;
  end: string | null;
  citations: CitationRecord[];
  /** True when this edge is one source's answer to a question the sources disagree on. */
  disputed: boolean;
}

export interface TranslationRecord {
  language: string;
  text: string;
  note: string | null;
}

export interface SourceRecord {
  id: string;
  title: string;
  publisher: string;
  published: string | null;
  retrieved: string | null;
  language: string;
  url: string | null;
  text: string | null;
  translations: TranslationRecord[];
}

/** Citations are stored as two parallel arrays on a node or relationship: sourceIds[i] said quotes[i]. */
export function citationsOf(props: Record<string, unknown>): CitationRecord[] {
  const sourceIds = (props.sourceIds as string[] | undefined) ?? [];
  const quotes = (props.quotes as string[] | undefined) ?? [];
  return sourceIds.map((sourceId, i) => ({ sourceId, quote: quotes[i] ? quotes[i]! : null }));
}

const baseKeys = new Set(['id', 'type', 'name', 'aliases', 'description', 'sourceIds', 'quotes', 'searchKey', 'sortKey']);

export function entityFromProps(props: Record<string, unknown>): EntityRecord {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) if (!baseKeys.has(key)) rest[key] = value;
  return {
    id: props.id as string,
    type: props.type as EntityTypeName,
    name: props.name as string,
    sortKey: (props.sortKey as string | undefined) ?? (props.name as string),
    aliases: (props.aliases as string[] | undefined) ?? [],
    description: (props.description as string | undefined) ?? null,
    props: rest,
    citations: citationsOf(props),
  };
}

export function relationFromRow(row: { type: string; fromId: string; toId: string; props: Record<string, unknown> }): RelationRecord {
  return {
    type: row.type,
    fromId: row.fromId,
    toId: row.toId,
    role: (row.props.role as string | undefined) ?? null,
    start: (row.props.start as string | undefined) ?? null,
    end: (row.props.end as string | undefined) ?? null,
    citations: citationsOf(row.props),
    disputed: row.props.disputed === true,
  };
}
