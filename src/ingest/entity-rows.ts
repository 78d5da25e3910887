/**
 * Entities as one source states them, a row each, and the statement that MERGEs a batch of rows:
 * a second source adds aliases, names and citations and fills empty attributes, never overwriting.
 */
import type { WriteTransaction } from '../core/db/database';
import { attributesOfKind, entityTypeNames } from '../core/model/registry';
import { attributeProperties, attributePropertyNames, searchProperties } from '../core/model/storage';
import { namesOf } from '../core/model/names';
import type { BundleEntity } from './bundle';
import { appendCitations, citedQuotes, fillQuoteTranslations, quoteTranslationTexts } from './citations';

/** Attribute properties a later source may fill while still empty; an existing value is kept. */
const storedProperties = attributePropertyNames();

/** Partial-date attributes, which a later source may also refine: 2019 becomes 2019-06-24. */
const datedProperties = new Set(entityTypeNames.flatMap((type) => attributesOfKind(type, 'partialDate')));

/**
 * How a written entity's attribute `key` takes the bundle's value: an empty one is filled; a date
 * is replaced by a finer form of itself (the finest stated value is shown; a date that differs
 * is not a refinement and stays a conflict, see markDisputes); anything else is kept.
 */
function attributeUpdate(key: string): string {
  const [stored, given] = [`n.\`${key}\``, `e.props.\`${key}\``];
  if (!datedProperties.has(key)) return `${stored} = coalesce(${stored}, ${given})`;
  return `${stored} = CASE WHEN ${stored} IS NULL OR (${given} STARTS WITH ${stored} AND size(${given}) > size(${stored})) THEN ${given} ELSE ${stored} END`;
}

export type EntityRow = ReturnType<typeof entityRow>;

export function entityRow(entity: BundleEntity) {
  const aliases = [...new Set(entity.aliases ?? [])].filter((alias) => alias !== entity.name);
  const names = namesOf(entity.names);
  // A name by language finds the entity in search like an alias does.
  const { sortKey, searchKeys, translitKeys } = searchProperties(entity.name, [...aliases, ...names.map((name) => name.name)]);
  return {
    id: entity.id,
    type: entity.type,
    name: entity.name,
    sortKey,
    description: entity.description ?? null,
    aliases,
    searchKeys,
    translitKeys,
    nameLanguages: names.map((name) => name.language),
    nameValues: names.map((name) => name.name),
    quotes: citedQuotes(entity.quotes),
    translations: quoteTranslationTexts(entity.quotes, entity.translations),
    note: entity.note ?? null,
    props: attributeProperties(entity.type, entity.attributes as Record<string, unknown> | undefined),
  };
}

/** How a stored attribute takes each entity row's value (attributeUpdate), for every attribute property. */
const fillGaps = storedProperties.map(attributeUpdate).join(', ');
/**
 * Writes entities as one source states them. Each entity's `version` counts the writes that
 * changed it (optimistic concurrency, see features/entity-writes): 1 when created, one more
 * when this write changes any of its properties, as it was when nothing changed.
 */
export async function writeEntityBatch(tx: WriteTransaction, sourceId: string, batch: readonly EntityRow[]): Promise<void> {
  await tx.run(
    `UNWIND $entities AS e
     MERGE (n:Entity {id: e.id})
     ON CREATE SET n.type = e.type, n.name = e.name, n.sortKey = e.sortKey, n.aliases = [], n.searchKeys = [], n.translitKeys = [],
                   n.sourceIds = [], n.quotes = [], n.version = 0
     WITH n, e, properties(n) AS was
     SET n:$(e.type), ${fillGaps},
         n.description = coalesce(n.description, e.description),
         n.aliases = n.aliases + [a IN e.aliases WHERE NOT a IN n.aliases AND a <> n.name],
         n.searchKeys = n.searchKeys + [k IN e.searchKeys WHERE NOT k IN n.searchKeys],
         n.translitKeys = n.translitKeys + [k IN e.translitKeys WHERE NOT k IN n.translitKeys]
     // Names by language: a later source adds only languages no source named yet.
     WITH n, e, was, [i IN range(0, size(e.nameLanguages) - 1) WHERE NOT e.nameLanguages[i] IN coalesce(n.nameLanguages, [])] AS newNames
     FOREACH (_ IN CASE WHEN size(newNames) > 0 THEN [1] ELSE [] END |
       SET n.nameLanguages = coalesce(n.nameLanguages, []) + [i IN newNames | e.nameLanguages[i]],
           n.nameValues = coalesce(n.nameValues, []) + [i IN newNames | e.nameValues[i]])
     SET n.searchText = reduce(text = '', k IN n.searchKeys | text + ' | ' + k),
         n.translitText = reduce(text = '', k IN n.translitKeys | text + ' | ' + k)
     WITH n, was, e.quotes AS quotes, e.note AS note, e.translations AS translations
     ${appendCitations('n', 'quotes, translations, was, ')}
     ${fillQuoteTranslations('n', 'was, ')}
     // Entities stored before versions were kept read as version 1 (storage.ts).
     WITH n, was
     SET n.version = CASE WHEN properties(n) = was THEN n.version ELSE coalesce(n.version, 1) + 1 END
     WITH n
     MATCH (s:Source {id: $sourceId})
     MERGE (n)-[:MENTIONED_IN]->(s)`,
    { entities: batch, sourceId },
  );
}
