/**
 * How an entity, a relation and a citation are stored in Neo4j: the one definition the writer,
 * the benchmark generator, tests and every repository share.
 *
 * An entity node has the labels Entity and its type, and:
 *   id, type, name, aliases, description;
 *   sortKey     its folded name (lists sort on it, cursors hold it);
 *   searchKeys  the folded name, aliases and names by language (exact and prefix ranking in search);
 *   searchText  the search keys joined with " | " (full-text index and `text` filters);
 *   translitKeys  their transliteration keys (folding.ts: Кабул and Kabul meet), ranked like searchKeys;
 *   translitText  the transliteration keys joined with " | " (the full-text index's second field);
 *   nameLanguages, nameValues  names by language as parallel arrays: nameValues[i] is the name in
 *               ISO 639-1 language nameLanguages[i] (absent where no source gave one). Parallel arrays
 *               rather than one JSON map, so the writer can let a later source fill only the
 *               languages still missing in Cypher, the way it fills empty attributes;
 *   sourceIds, quotes, notes  citations as parallel arrays: sourceIds[i] said quotes[i] ('' = no
 *               quote), with notes[i] on it ('' = none; the array is absent where nothing noted);
 *   quoteTranslations  a fourth parallel array: quotes[i] in other languages as JSON text
 *               ({"en": "..."}; '' = none; absent where no quote was ever aligned);
 *   version     how many writes changed it: 1 when created (absent on nodes stored before it was kept: read as 1);
 *   one property per attribute, except a quantity (<name>_value, <name>_qualifier, <name>_unit)
 *   and official names (JSON text).
 */
import { fold, transliterationKey } from './folding';
import type { LocalizedNameValue } from './names';
import { entitySpec, entityTypeNames, type AttributeSpec, type EntityTypeName, type RelationTypeName } from './registry';
import type { AttributesOf, CitationRecord, EntityRecord, OfficialNameValue, RelationRecord } from './records';
import { quantityText, type Qualifier, type QuantityValue } from './values';

export type NodeProperties = Record<string, unknown>;

/** An entity as stated, before it is stored: what the writer and the generator hand to storage. */
export interface EntityInput {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases?: readonly string[];
  /** Names by language (ISO 639-1). */
  names?: readonly LocalizedNameValue[];
  description?: string | null;
  /** Stated attributes; quantities as {value, qualifier, unit?}. */
  attributes?: Readonly<Record<string, unknown>>;
}

/** The property names an attribute occupies on a node. */
export function storedKeys(name: string, spec: AttributeSpec): string[] {
  return spec.kind === 'quantity' ? [`${name}_value`, `${name}_qualifier`, `${name}_unit`] : [name];
}

/** Every attribute property of any type: what a later source may fill when still empty. */
export function attributePropertyNames(): string[] {
  const names = new Set<string>();
  for (const type of entityTypeNames) {
    for (const [name, spec] of Object.entries(entitySpec(type).attributes)) for (const key of storedKeys(name, spec)) names.add(key);
  }
  return [...names];
}

/** The attribute properties of one entity, flattened for a node. Unknown attributes are ignored (validation reports them). */
export function attributeProperties(type: EntityTypeName, attributes: Readonly<Record<string, unknown>> = {}): NodeProperties {
  const props: NodeProperties = {};
  for (const [name, spec] of Object.entries(entitySpec(type).attributes)) {
    const value = attributes[name];
    if (value === undefined) continue;
    if (spec.kind === 'quantity') {
      const quantity = value as { value: number; qualifier: Qualifier; unit?: string | null };
      Object.assign(props, {
        [`${name}_value`]: quantity.value,
        [`${name}_qualifier`]: quantity.qualifier,
        [`${name}_unit`]: quantity.unit ?? null,
      });
    } else props[name] = spec.kind === 'officialNames' ? JSON.stringify(value) : value;
  }
  return props;
}

/** The node properties holding names by language: nothing where none is known. */
export const nameKeys = ['nameLanguages', 'nameValues'] as const;

export function nameProperties(names: readonly LocalizedNameValue[] = []): NodeProperties {
  if (names.length === 0) return {};
  return { nameLanguages: names.map((name) => name.language), nameValues: names.map((name) => name.name) };
}

function namesOfNode(props: NodeProperties): LocalizedNameValue[] {
  const languages = (props.nameLanguages as string[] | null | undefined) ?? [];
  const values = (props.nameValues as string[] | null | undefined) ?? [];
  return languages.map((language, i) => ({ language, name: values[i]! })).sort((a, b) => a.language.localeCompare(b.language));
}

/** The keys search and sorting use, from a name and its aliases. */
export interface SearchProperties {
  sortKey: string;
  searchKeys: string[];
  translitKeys: string[];
  searchText: string;
  translitText: string;
}

/** The folded keys search and sorting use, and their transliteration keys, from a name and its aliases. */
export function searchProperties(name: string, aliases: readonly string[]): SearchProperties {
  const names = [name, ...aliases];
  const searchKeys = [...new Set(names.map(fold))];
  const translitKeys = [...new Set(names.map(transliterationKey))].filter((key) => key.length > 0);
  return { sortKey: fold(name), searchKeys, translitKeys, searchText: searchText(searchKeys), translitText: searchText(translitKeys) };
}

/**
 * A full-text field: every key, each after " | " (the writer recomputes it in Cypher the same
 * way). searchText holds the search keys, translitText the transliteration keys: two fields of
 * the index, so a query can be fuzzy on transliteration keys only.
 */
export function searchText(keys: readonly string[]): string {
  return keys.reduce((text, key) => `${text} | ${key}`, '');
}

/** A whole entity node's properties, citing `sourceId` once without a quote (generated data and tests). */
export function entityNodeProperties(entity: EntityInput, sourceId: string): NodeProperties {
  const aliases = [...new Set(entity.aliases ?? [])].filter((alias) => alias !== entity.name);
  return {
    ...attributeProperties(entity.type, entity.attributes),
    id: entity.id,
    type: entity.type,
    name: entity.name,
    aliases,
    ...nameProperties(entity.names),
    description: entity.description ?? null,
    ...searchProperties(entity.name, aliases),
    sourceIds: [sourceId],
    quotes: [''],
    version: 1,
  };
}

/** Citations from the parallel sourceIds/quotes/notes arrays of a node, relationship or claim. */
export function citationsOf(props: NodeProperties): CitationRecord[] {
  const sourceIds = (props.sourceIds as string[] | undefined) ?? [];
  const quotes = (props.quotes as string[] | undefined) ?? [];
  const notes = (props.notes as string[] | null | undefined) ?? [];
  const translations = props.quoteTranslations as string[] | null | undefined;
  if (!translations) return sourceIds.map((sourceId, i) => ({ sourceId, quote: quotes[i] || null, note: notes[i] || null }));
  return sourceIds.map((sourceId, i) => ({
    sourceId,
    quote: quotes[i] || null,
    note: notes[i] || null,
    quoteTranslations: translations[i] ? (JSON.parse(translations[i]) as Record<string, string>) : {},
  }));
}

function quantityOf(props: NodeProperties, name: string): QuantityValue | undefined {
  const value = props[`${name}_value`];
  if (typeof value !== 'number') return undefined;
  const qualifier = (props[`${name}_qualifier`] as Qualifier | null | undefined) ?? 'EXACT';
  const unit = (props[`${name}_unit`] as string | null | undefined) ?? null;
  return { value, qualifier, unit, text: quantityText(value, qualifier, unit) };
}

function attributeOf(props: NodeProperties, name: string, spec: AttributeSpec): unknown {
  if (spec.kind === 'quantity') return quantityOf(props, name);
  const value = props[name];
  if (value === undefined || value === null) return undefined;
  if (spec.kind === 'officialNames') return JSON.parse(value as string) as OfficialNameValue[];
  return value;
}

/** An entity's version: entities stored before versions were kept have been written once. */
export function versionOf(props: NodeProperties): number {
  return typeof props.version === 'number' ? props.version : 1;
}

/** An entity record from a node's properties: attributes typed by the registry, storage fields left behind. */
export function entityFromNode(props: NodeProperties): EntityRecord {
  return entityOfType(props, props.type as EntityTypeName);
}

/** entityFromNode for properties that may not carry their type (a projection where one type only can appear). */
export function entityOfType(props: NodeProperties, type: EntityTypeName): EntityRecord {
  const attributes: Record<string, unknown> = {};
  for (const [name, spec] of attributeEntries(type)) {
    const value = attributeOf(props, name, spec);
    if (value !== undefined) attributes[name] = value;
  }
  return {
    id: props.id as string,
    type,
    name: props.name as string,
    sortKey: (props.sortKey as string | undefined) ?? (props.name as string),
    aliases: (props.aliases as string[] | undefined) ?? [],
    names: namesOfNode(props),
    description: (props.description as string | undefined) ?? null,
    attributes: attributes as AttributesOf<typeof type>,
    citations: citationsOf(props),
    version: versionOf(props),
  } as EntityRecord;
}

/** Each type's attributes as entries, built once: records are read by the thousand per request. */
const attributeEntriesByType = new Map(entityTypeNames.map((type) => [type, Object.entries(entitySpec(type).attributes)]));
const attributeEntries = (type: EntityTypeName): [string, AttributeSpec][] => {
  const entries = attributeEntriesByType.get(type);
  if (!entries) throw new Error(`not an entity type: ${JSON.stringify(type)}`);
  return entries;
};

/** A relationship as repositories return it: its type, the ids of its ends and its properties. */
export interface RelationRow {
  type: string;
  fromId: string;
  toId: string;
  props: NodeProperties;
}

export function relationFromRow(row: RelationRow): RelationRecord {
  return {
    type: row.type as RelationTypeName,
    fromId: row.fromId,
    toId: row.toId,
    role: (row.props.role as string | undefined) ?? null,
    start: (row.props.start as string | undefined) ?? null,
    end: (row.props.end as string | undefined) ?? null,
    citations: citationsOf(row.props),
    disputed: row.props.disputed === true,
  };
}

/**
 * Cypher map projection of relationship `r` into a RelationRow: with `keys`, only those stored
 * properties (what the client selected, see relationKeysAt); without, every one.
 */
export const relationRowProjection = (r: string, keys: readonly string[] | null = null): string =>
  `{type: type(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id, props: ${keys ? `${r} {${keys.map((key) => `.${key}`).join(', ')}}` : `properties(${r})`}}`;
