/**
 * What retraction and merging do to stored properties, as pure functions over the storage
 * layout of core/model/storage.ts: citations are parallel arrays (sourceIds, quotes, notes,
 * quoteTranslations) that must stay aligned whatever is removed or united.
 */
import { attributePropertyNames, searchProperties, versionOf, type NodeProperties } from '../../core/model/storage';

/** A statement's citations as stored: notes and quoteTranslations are null where the statement has none. */
export interface CitationArrays {
  sourceIds: string[];
  quotes: string[];
  notes: string[] | null;
  quoteTranslations: string[] | null;
}

/**
 * The citation arrays of a node, relationship or claim, padded to one length: citations
 * appended after translations were aligned have no translation entry (the writer pads notes,
 * not translations).
 */
export function citationArrays(props: NodeProperties): CitationArrays {
  const sourceIds = (props.sourceIds as string[] | undefined) ?? [];
  const pad = (values: unknown) => (Array.isArray(values) ? sourceIds.map((_, i) => (values[i] as string | undefined) ?? '') : null);
  return {
    sourceIds,
    quotes: pad(props.quotes) ?? sourceIds.map(() => ''),
    notes: pad(props.notes),
    quoteTranslations: pad(props.quoteTranslations),
  };
}

function pick(arrays: CitationArrays, indexes: number[]): CitationArrays {
  const at = (values: string[] | null) => (values ? indexes.map((i) => values[i]!) : null);
  return {
    sourceIds: indexes.map((i) => arrays.sourceIds[i]!),
    quotes: indexes.map((i) => arrays.quotes[i]!),
    notes: at(arrays.notes),
    quoteTranslations: at(arrays.quoteTranslations),
  };
}

/** Splits a statement's citations into those by `sourceId` (every quote of it) and the others, each still aligned. */
export function splitBySource(arrays: CitationArrays, sourceId: string): { removed: CitationArrays; kept: CitationArrays } {
  const indexes = arrays.sourceIds.map((_, i) => i);
  return {
    removed: pick(
      arrays,
      indexes.filter((i) => arrays.sourceIds[i] === sourceId),
    ),
    kept: pick(
      arrays,
      indexes.filter((i) => arrays.sourceIds[i] !== sourceId),
    ),
  };
}

/** One citation per entry, as a one-citation property map (what an archived citation stores, and citationsOf reads). */
export function singleCitations(arrays: CitationArrays): NodeProperties[] {
  return arrays.sourceIds.map((_, i) => ({ ...pick(arrays, [i]) }));
}

/**
 * `into`'s citations, then each of `from`'s whose (source, quote) pair `into` lacks: what the
 * writer's appendCitations does when a second source states the same thing.
 */
export function unitedCitations(into: CitationArrays, from: CitationArrays): CitationArrays {
  const pairs = new Set(into.sourceIds.map((sourceId, i) => JSON.stringify([sourceId, into.quotes[i]])));
  const added = from.sourceIds.map((_, i) => i).filter((i) => !pairs.has(JSON.stringify([from.sourceIds[i], from.quotes[i]])));
  const joined = (a: string[] | null, b: string[] | null): string[] | null =>
    a === null && b === null ? null : [...(a ?? into.sourceIds.map(() => '')), ...added.map((i) => b?.[i] ?? '')];
  return {
    sourceIds: [...into.sourceIds, ...added.map((i) => from.sourceIds[i]!)],
    quotes: [...into.quotes, ...added.map((i) => from.quotes[i]!)],
    notes: joined(into.notes, from.notes),
    quoteTranslations: joined(into.quoteTranslations, from.quoteTranslations),
  };
}

/** Citation arrays as properties to SET: an array a statement never had stays absent (null removes it). */
export function citationProperties(arrays: CitationArrays): NodeProperties {
  return { sourceIds: arrays.sourceIds, quotes: arrays.quotes, notes: arrays.notes, quoteTranslations: arrays.quoteTranslations };
}

/** Without the null values: a property map as Neo4j stores it (a null property does not exist). */
export function storedOnly(props: NodeProperties): NodeProperties {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null && value !== undefined));
}

/** Properties `kept` lacks, taken from `other`; `kept`'s own values win. */
function filledFrom(kept: NodeProperties, other: NodeProperties, keys: readonly string[]): NodeProperties {
  return Object.fromEntries(keys.map((key) => [key, kept[key] ?? other[key] ?? null]));
}

/** Attribute properties and the description: what the dropped entity may fill on the kept one. */
const fillableProperties = [...attributePropertyNames(), 'description'];

/**
 * The kept entity's properties after `dropped` is merged into it: its own name, values and
 * citations first; the dropped name and aliases become aliases, names in languages it lacks and
 * attributes it lacks are taken over, citations are united, and the search keys and sort key are
 * recomputed from the result as the writer computes them (name, aliases, names by language).
 */
export function mergedEntityProperties(kept: NodeProperties, dropped: NodeProperties): NodeProperties {
  const name = kept.name as string;
  const aliasesOf = (props: NodeProperties) => (props.aliases as string[] | undefined) ?? [];
  const aliases = [...new Set([...aliasesOf(kept), dropped.name as string, ...aliasesOf(dropped)])].filter((alias) => alias !== name);
  const languages = [...((kept.nameLanguages as string[] | undefined) ?? [])];
  const values = [...((kept.nameValues as string[] | undefined) ?? [])];
  ((dropped.nameLanguages as string[] | undefined) ?? []).forEach((language, i) => {
    if (languages.includes(language)) return;
    languages.push(language);
    values.push((dropped.nameValues as string[])[i]!);
  });
  const names = languages.length > 0 ? { nameLanguages: languages, nameValues: values } : {};
  return storedOnly({
    ...kept,
    ...filledFrom(kept, dropped, fillableProperties),
    aliases,
    ...names,
    ...searchProperties(name, [...aliases, ...values]),
    ...citationProperties(unitedCitations(citationArrays(kept), citationArrays(dropped))),
    // The merge is a write that changes the kept entity (Entity.version, optimistic concurrency).
    version: versionOf(kept) + 1,
  });
}

/** A relationship's properties after a moved twin is merged into it: its own values first, citations united. */
export function mergedRelationProperties(kept: NodeProperties, moved: NodeProperties): NodeProperties {
  return storedOnly({ ...moved, ...storedOnly(kept), ...citationProperties(unitedCitations(citationArrays(kept), citationArrays(moved))) });
}
