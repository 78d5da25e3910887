/**
 * The GraphQL documents the explorer sends and the shapes of their answers. Names come in the
 * chosen language (`name(lang:)`: that language, else English, else the source's name), dates as
 * the API gives them (ISO text at their precision).
 */

export interface DateValue {
  iso: string;
}

/** An entity as a node of the graph: enough to draw it and to filter it by date. */
export interface NodeEntity {
  id: string;
  type: string;
  name: string;
  /** The source's own name, when it differs from `name`. */
  canonical: string;
  /** The fact's date (signed, date, opened, as of), for the date filter; null for undated types. */
  date?: DateValue | null;
  /** A country's ISO code (its timeline is every fact involving it). */
  code?: string;
}

export interface RelationEdge {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
  role: string | null;
  start: DateValue | null;
  end: DateValue | null;
  disputed: boolean;
}

const nodeFields = `fragment NodeFields on Entity {
  id type name(lang: $lang) canonical: name
  ... on Memorandum { date: signed { iso } }
  ... on Training { date { iso } }
  ... on Award { date { iso } }
  ... on Event { date { iso } }
  ... on ServiceCenter { date: opened { iso } }
  ... on Statistic { date: asOf { iso } }
  ... on Country { code }
}`;

const edgeFields = 'id type from { id } to { id } role start { iso } end { iso } disputed';

export const searchQuery = `query Search($q: String!, $lang: String) {
  search(query: $q, first: 8) { edges { node { ...NodeFields } } }
}
${nodeFields}`;
export interface SearchAnswer {
  search: { edges: { node: NodeEntity }[] };
}

export const networkQuery = `query Network($center: ID!, $depth: Int, $limit: Int, $types: [RelationType!], $lang: String) {
  network(center: $center, depth: $depth, limit: $limit, relationTypes: $types) {
    truncated nodes { ...NodeFields } edges { ${edgeFields} }
  }
}
${nodeFields}`;
export interface NetworkAnswer {
  network: { truncated: boolean; nodes: NodeEntity[]; edges: RelationEdge[] };
}

/** Relation types of an entity, counted by the page before it expands a hub. */
export const relationTypesQuery = `query RelationTypes($id: ID!) { entity(id: $id) { relations { type } } }`;
export interface RelationTypesAnswer {
  entity: { relations: { type: string }[] } | null;
}

export interface CitationView {
  source: { id: string; title: string; publisher: string; published: string | null };
  quote: string | null;
  quoteTranslation: string | null;
  note: string | null;
}

const citationFields = 'source { id title publisher published } quote quoteTranslation(lang: "en") note';

export interface RelationView extends RelationEdge {
  from: NodeEntity;
  to: NodeEntity;
  citations: CitationView[];
}

export interface EntityView extends NodeEntity {
  names: { language: string; name: string }[];
  aliases: string[];
  description: string | null;
  citations: CitationView[];
}

export const entityQuery = `query Entity($id: ID!, $lang: String) {
  entity(id: $id) { ...NodeFields names { language name } aliases description citations { ${citationFields} } }
}
${nodeFields}`;
export interface EntityAnswer {
  entity: EntityView | null;
}

/** An entity's relations with their citations; `types` null: all of them. */
export const relationsQuery = `query Relations($id: ID!, $types: [RelationType!], $lang: String) {
  entity(id: $id) { relations(types: $types) { ${edgeFields} from { ...NodeFields } to { ...NodeFields } citations { ${citationFields} } } }
}
${nodeFields}`;
export interface RelationsAnswer {
  entity: { relations: RelationView[] } | null;
}

export const sourceQuery = `query Source($id: ID!) {
  source(id: $id) { id title publisher published language url text translations { language text note } }
}`;
export interface SourceView {
  id: string;
  title: string;
  publisher: string;
  published: string | null;
  language: string;
  url: string | null;
  text: string | null;
  translations: { language: string; text: string; note: string | null }[];
}
export interface SourceAnswer {
  source: SourceView | null;
}

export const pathsQuery = `query Paths($from: ID!, $to: ID!, $lang: String) {
  paths(from: $from, to: $to, maxLength: 6, first: 3, lang: $lang) {
    length explanation nodes { ...NodeFields } relations { ${edgeFields} }
  }
}
${nodeFields}`;
export interface PathView {
  length: number;
  explanation: string;
  nodes: NodeEntity[];
  relations: RelationEdge[];
}
export interface PathsAnswer {
  paths: PathView[];
}

export const timelineQuery = `query Timeline($entity: ID, $country: String, $from: String, $to: String, $lang: String) {
  timeline(entity: $entity, country: $country, from: $from, to: $to, lang: $lang, first: 100) {
    totalCount edges { node { date { iso } kind when title entity { id } } }
  }
}`;
export interface TimelineEntryView {
  date: DateValue;
  kind: string;
  when: string;
  title: string;
  entity: { id: string };
}
export interface TimelineAnswer {
  timeline: { totalCount: number; edges: { node: TimelineEntryView }[] };
}
