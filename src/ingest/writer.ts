/**
 * Writes a validated bundle in ONE transaction: the source, its entities, its relations and
 * the MENTIONED_IN links from every entity it names to it. Everything is MERGEd on ids and
 * citations are appended only when new, so writing the same bundle twice changes nothing,
 * and a failure anywhere rolls the whole bundle back.
 *
 * What a second source may change: it adds aliases and citations, and fills attributes that
 * are still empty. It never overwrites a name or an attribute another source gave.
 */
import { createHash } from 'node:crypto';
import type { QueryRunner, WriteTransaction } from '../core/db/database';
import { changeOf, countChanges, type ImportChanges } from '../core/model/changes';
import { attributesOfKind, entityTypeNames } from '../core/model/registry';
import { attributeProperties, attributePropertyNames, searchProperties } from '../core/model/storage';
import { namesOf } from '../core/model/names';
import { quantityBounds, quantityText, type QuantityBounds, type Qualifier } from '../core/model/values';
import {
  externalReferences,
  BundleValidationError,
  type Bundle,
  type BundleClaim,
  type BundleEntity,
  type BundleQuantity,
  type BundleRelation,
  type QuoteTranslations,
} from './bundle';
import { rankAfterRename, rankAfterWrite } from './partner-ranks';

export interface WriteSummary {
  sourceId: string;
  entities: number;
  relations: number;
  /** True when the source was already stored with the same content, so nothing was written. */
  unchanged: boolean;
  /** What the write created, updated or left as it was, per entity and relation type; only when asked for (WriteOptions.countChanges). */
  changes?: ImportChanges;
}

export interface WriteOptions {
  /**
   * Run the whole write, count what it changes, then roll it back: the report is exactly what a
   * real import would do (the same statements ran), and nothing is kept. Default false.
   */
  dryRun?: boolean;
  /** Who imported it (a token's subject), kept on the Source as importedBy; default none (the CLI, the seeds). */
  importedBy?: string | null;
  /**
   * Count what the write creates, updates and leaves unchanged, by reading each bundle's
   * source, entities and edges before and after it in the same transaction (six more statements
   * a bundle). Default false: the seeds and table imports, which write many bundles, skip it.
   */
  countChanges?: boolean;
  /**
   * Runs inside the write's transaction after every bundle is written, before it commits, with
   * the bundles that changed something; never in a dry run. The audit trail records there, so
   * its record commits exactly with the write. Default none.
   */
  record?: (tx: WriteTransaction, written: { bundle: Bundle; summary: WriteSummary }[]) => Promise<void>;
  /**
   * Rows per UNWIND statement. A bundle of 100k facts is sent this many rows at a time, all in
   * the one transaction (still all or nothing), so no statement or parameter map holds the whole
   * file. Default 2000.
   */
  batchSize?: number;
  /** Called after each batch is written, for a progress bar. Default none. */
  onProgress?: (progress: WriteProgress) => void;
}

/** How far the write of one bundle has come: rows of each kind written so far, of how many. */
export interface WriteProgress {
  file: string;
  phase: 'entities' | 'relations' | 'claims';
  done: number;
  total: number;
}

export const defaultBatchSize = 2000;

/** Runs `write` on consecutive slices of `rows`, reporting how many are done after each. */
async function inBatches<T>(
  rows: readonly T[],
  size: number,
  write: (batch: T[]) => Promise<unknown>,
  done?: (count: number) => void,
): Promise<void> {
  for (let at = 0; at < rows.length; at += size) {
    await write(rows.slice(at, at + size));
    done?.(Math.min(at + size, rows.length));
  }
}

/** The batching one bundle's write uses: the slice size, and a progress report per phase. */
interface Batching {
  size: number;
  report: (phase: WriteProgress['phase'], total: number) => ((done: number) => void) | undefined;
}

function batchingOf(file: string, options: WriteOptions): Batching {
  const { onProgress } = options;
  return {
    size: options.batchSize ?? defaultBatchSize,
    report: (phase, total) => (onProgress ? (done) => onProgress({ file, phase, done, total }) : undefined),
  };
}

/** Thrown inside a dry run's transaction to roll it back, carrying what it would have written. */
class DryRunRollback extends Error {
  constructor(readonly summaries: WriteSummary[]) {
    super('dry run: rolled back');
  }
}

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

/** A hash of the bundle's content: a source stored with the same hash needs no rewrite. */
export function bundleHash(bundle: Bundle): string {
  return createHash('sha256').update(JSON.stringify(bundle)).digest('hex');
}

/** A source without a text is cited without a quote: one citation whose quote is empty. */
function citedQuotes(quotes: string[]): string[] {
  return quotes.length > 0 ? quotes : [''];
}

/**
 * Each quote's translations as stored (JSON text, '' = none), aligned with citedQuotes; null
 * when the statement aligns none, so nothing is stored for it.
 */
function quoteTranslationTexts(quotes: string[], translations: QuoteTranslations | undefined): string[] | null {
  if (!translations?.some((byLanguage) => byLanguage && Object.keys(byLanguage).length > 0)) return null;
  return quotes.map((_, i) => {
    const byLanguage = translations[i];
    return byLanguage && Object.keys(byLanguage).length > 0
      ? JSON.stringify(Object.fromEntries(Object.entries(byLanguage).sort(([a], [b]) => a.localeCompare(b))))
      : '';
  });
}

type EntityRow = ReturnType<typeof entityRow>;

function entityRow(entity: BundleEntity) {
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

/**
 * Cypher that appends (sourceId, quote, note) citations to `target` unless the (sourceId, quote)
 * pair is already there, from the variables `quotes` and `note` in scope (and keeps the variables
 * `keep` lists, each followed by a comma). Notes are a third
 * parallel array ('' = none), padded for citations written before notes were kept.
 */
const appendCitations = (target: string, keep = '') => `
  WITH ${target}, note, ${keep}[q IN quotes WHERE NONE(i IN range(0, size(${target}.sourceIds) - 1)
                   WHERE ${target}.sourceIds[i] = $sourceId AND ${target}.quotes[i] = q)] AS newQuotes
  SET ${target}.notes = coalesce(${target}.notes, [q IN ${target}.quotes | '']) + [q IN newQuotes | coalesce(note, '')],
      ${target}.sourceIds = ${target}.sourceIds + [q IN newQuotes | $sourceId],
      ${target}.quotes = ${target}.quotes + newQuotes`;

/**
 * Cypher that gives `target`'s citations by this source the quote translations in `translations`
 * (aligned with `quotes`; null = none) where they have none yet: after appendCitations, so a
 * citation stored before its quote was aligned gains its translation when the source is imported again.
 */
const fillQuoteTranslations = (target: string, keep = '') => `
  WITH ${target}, ${keep}quotes, translations
  SET ${target}.quoteTranslations = CASE WHEN translations IS NULL THEN ${target}.quoteTranslations ELSE
    [i IN range(0, size(${target}.sourceIds) - 1) |
      CASE WHEN coalesce(${target}.quoteTranslations[i], '') <> '' OR ${target}.sourceIds[i] <> $sourceId THEN coalesce(${target}.quoteTranslations[i], '')
           ELSE coalesce(head([j IN range(0, size(quotes) - 1) WHERE quotes[j] = ${target}.quotes[i] | translations[j]]), '') END]
  END`;

/** Stores the bundle's source; `hash` null while an import in several transactions is still being written (ingest/import-run.ts). */
export async function writeSource(tx: WriteTransaction, bundle: Bundle, hash: string | null, importedBy: string | null): Promise<void> {
  const { source } = bundle;
  await tx.run(
    `MERGE (s:Source {id: $id})
     SET s.title = $title, s.publisher = $publisher, s.published = $published, s.retrieved = $retrieved,
         s.language = $language, s.url = $url, s.text = $text, s.translations = $translations, s.contentHash = $hash,
         s.importedBy = $importedBy, s.importedAt = $importedAt`,
    {
      importedBy,
      // When its content was last written: the dataset version's lastChange for writes the audit trail does not record (npm run import, the seeds).
      importedAt: new Date().toISOString(),
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      published: source.published ?? null,
      retrieved: source.retrieved ?? null,
      language: source.language,
      url: source.url ?? null,
      text: source.text ?? null,
      translations: JSON.stringify((source.translations ?? []).map((t) => ({ language: t.language, text: t.text, note: t.note ?? null }))),
      hash,
    },
  );
}

/**
 * Writes entities as one source states them. Each entity's `version` counts the writes that
 * changed it (optimistic concurrency, see features/entity-writes): 1 when created, one more
 * when this write changes any of its properties, as it was when nothing changed.
 */
/** How a stored attribute takes each entity row's value (attributeUpdate), for every attribute property. */
const fillGaps = storedProperties.map(attributeUpdate).join(', ');

async function writeEntityBatch(tx: WriteTransaction, sourceId: string, batch: readonly EntityRow[]): Promise<void> {
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

type RelationRow = ReturnType<typeof relationRow>;

function relationRow(relation: BundleRelation) {
  return {
    type: relation.type,
    from: relation.from,
    to: relation.to,
    // One edge per (from, type, to, role): the same fact from two sources gains a citation, not a twin.
    key: relation.role ?? '',
    role: relation.role ?? null,
    start: relation.start ?? null,
    end: relation.end ?? null,
    claimSubject: relation.claim?.subject ?? null,
    claimProperty: relation.claim?.property ?? null,
    quotes: citedQuotes(relation.quotes),
    translations: quoteTranslationTexts(relation.quotes, relation.translations),
    note: relation.note ?? null,
  };
}

async function writeRelationBatch(tx: WriteTransaction, sourceId: string, batch: readonly RelationRow[]): Promise<void> {
  await tx.run(
    `UNWIND $relations AS rel
     MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to}), (s:Source {id: $sourceId})
     MERGE (a)-[:MENTIONED_IN]->(s)
     MERGE (b)-[:MENTIONED_IN]->(s)
     MERGE (a)-[r:$(rel.type) {key: rel.key}]->(b)
     ON CREATE SET r.sourceIds = [], r.quotes = []
     SET r.role = coalesce(r.role, rel.role), r.start = coalesce(r.start, rel.start), r.end = coalesce(r.end, rel.end),
         r.claimSubject = coalesce(r.claimSubject, rel.claimSubject), r.claimProperty = coalesce(r.claimProperty, rel.claimProperty),
         r.disputed = coalesce(r.disputed, false)
     WITH r, rel.quotes AS quotes, rel.note AS note, rel.translations AS translations
     ${appendCitations('r', 'quotes, translations, ')}
     ${fillQuoteTranslations('r')}`,
    { relations: batch, sourceId },
  );
}

/** A subject and property that sources answer; the unit conflicts are found in. */
export interface ClaimKey {
  subject: string;
  property: string;
}

/** What a quantity claim stores beside its reading: the figure, its qualifier, and the interval it allows. */
interface QuantityFields extends QuantityBounds {
  amount: number;
  qualifier: Qualifier;
  unit: string | null;
}

interface ClaimRow extends ClaimKey {
  value: string;
  /**
   * 'date' claims agree when one is a coarser form of the other (2023-07 and 2023-07-28);
   * 'quantity' claims when their intervals meet ("more than 40" and "64"); 'text' when equal.
   */
  kind: 'date' | 'text' | 'quantity';
  quotes: string[];
  note: string | null;
  quantity: QuantityFields | null;
}

/** How a statement is cited: its quotes (a source without a text: one empty quote) and its note. */
function citing(statement: Pick<BundleClaim, 'quotes' | 'note'>): Pick<ClaimRow, 'quotes' | 'note'> {
  return { quotes: citedQuotes(statement.quotes), note: statement.note ?? null };
}

/** Attribute names holding a partial date (signed, opened, date, asOf) and the relation validity ends: claims about them compare as dates. */
const dateProperties = new Set<string>([...entityTypeNames.flatMap((type) => attributesOfKind(type, 'partialDate')), 'start', 'end']);

/** A quantity claim's row: its reading is the value sources are compared on, its fields what `quantities` shows. */
function quantityClaim(subject: string, property: string, quantity: BundleQuantity, cited: Pick<ClaimRow, 'quotes' | 'note'>): ClaimRow {
  const unit = quantity.unit ?? null;
  const fields = { amount: quantity.value, qualifier: quantity.qualifier, unit, ...quantityBounds(quantity.value, quantity.qualifier) };
  return { subject, property, value: quantityText(quantity.value, quantity.qualifier, unit), kind: 'quantity', ...cited, quantity: fields };
}

/** Every value the bundle states that sources could disagree on: dated and counted attributes, explicit claims, stated quantities, claimed edges. */
export function claimsOf(bundle: Statements): ClaimRow[] {
  const rows: ClaimRow[] = [];
  const kindOf = (property: string): ClaimRow['kind'] => (dateProperties.has(property) ? 'date' : 'text');
  for (const entity of bundle.entities) {
    const attributes = (entity.attributes ?? {}) as Record<string, unknown>;
    const cited = citing(entity);
    for (const key of attributesOfKind(entity.type, 'partialDate')) {
      const value = attributes[key] as string | undefined;
      if (value !== undefined) rows.push({ subject: entity.id, property: key, value, kind: 'date', ...cited, quantity: null });
    }
    for (const key of attributesOfKind(entity.type, 'quantity')) {
      const quantity = attributes[key] as BundleQuantity | undefined;
      if (quantity) rows.push(quantityClaim(entity.id, key, quantity, cited));
    }
  }
  for (const claim of bundle.claims ?? []) {
    rows.push({
      subject: claim.subject,
      property: claim.property,
      value: claim.value,
      kind: kindOf(claim.property),
      ...citing(claim),
      quantity: null,
    });
  }
  for (const stated of bundle.quantities ?? []) rows.push(quantityClaim(stated.subject, stated.metric, stated, citing(stated)));
  for (const relation of bundle.relations) {
    if (relation.claim) rows.push({ ...relation.claim, kind: kindOf(relation.claim.property), ...citing(relation), quantity: null });
  }
  return onePerValue(rows);
}

/**
 * One row per (subject, property, value), its quotes and notes merged: a value stated twice in a
 * bundle (an attribute and an explicit claim) would otherwise be cited twice, since one UNWIND
 * does not see its own earlier rows' citations.
 */
function onePerValue(rows: ClaimRow[]): ClaimRow[] {
  const byValue = new Map<string, ClaimRow>();
  for (const row of rows) {
    const key = `${row.subject}\u0000${row.property}\u0000${row.value}`;
    const seen = byValue.get(key);
    if (!seen) byValue.set(key, { ...row });
    else {
      seen.quotes = [...new Set([...seen.quotes, ...row.quotes])];
      seen.note = [...new Set([seen.note, row.note].filter((note): note is string => note !== null))].join('\n') || null;
      seen.quantity ??= row.quantity;
    }
  }
  return [...byValue.values()];
}

async function writeClaimBatch(tx: WriteTransaction, sourceId: string, claims: readonly ClaimRow[]): Promise<void> {
  await tx.run(
    `UNWIND $claims AS claim
     MERGE (c:Claim {subjectId: claim.subject, property: claim.property, value: claim.value})
     ON CREATE SET c.kind = claim.kind, c.sourceIds = [], c.quotes = [], c.disputed = false
     // A quantity's figure and bounds: set on every write, so a claim stored before quantities
     // had them (as text) gains them when its source is imported again.
     FOREACH (q IN CASE WHEN claim.quantity IS NULL THEN [] ELSE [claim.quantity] END |
       SET c.kind = 'quantity', c.amount = q.amount, c.qualifier = q.qualifier, c.unit = q.unit,
           c.low = q.low, c.high = q.high, c.lowOpen = q.lowOpen, c.highOpen = q.highOpen)
     WITH c, claim.quotes AS quotes, claim.note AS note
     ${appendCitations('c')}`,
    { claims, sourceId },
  );
}

/**
 * Recomputes whether each (subject, property) is disputed: two claimed values that cannot both
 * be true. Dates differ only when neither is a coarser form of the other; quantities only when
 * their intervals do not meet (quantityBounds); other values when they differ. Marks the claims
 * and the edges that carry one of them.
 */
export async function markDisputes(tx: WriteTransaction, keys: ClaimKey[], batchSize = defaultBatchSize): Promise<void> {
  const unique = [...new Map(keys.map((key) => [`${key.subject}\u0000${key.property}`, key])).values()];
  await inBatches(unique, batchSize, (batch) =>
    tx.run(
      `UNWIND $keys AS key
     MATCH (c:Claim {subjectId: key.subject, property: key.property})
     WITH key, collect(c) AS claims
     WITH key, claims, any(a IN claims WHERE any(b IN claims WHERE a.value <> b.value AND
       CASE
         WHEN a.kind = 'date' AND b.kind = 'date' THEN NOT a.value STARTS WITH b.value AND NOT b.value STARTS WITH a.value
         // Disjoint when one interval ends below where the other starts (an open end excludes its bound).
         WHEN a.kind = 'quantity' AND b.kind = 'quantity' THEN
           a.low IS NOT NULL AND b.high IS NOT NULL AND (a.low > b.high OR (a.low = b.high AND (a.lowOpen OR b.highOpen)))
           OR b.low IS NOT NULL AND a.high IS NOT NULL AND (b.low > a.high OR (b.low = a.high AND (b.lowOpen OR a.highOpen)))
         ELSE true
       END)) AS disputed
     FOREACH (c IN claims | SET c.disputed = disputed)
     WITH key, disputed
     CALL (key, disputed) {
       MATCH (:Entity {id: key.subject})-[r]-(:Entity)
       WHERE r.claimSubject = key.subject AND r.claimProperty = key.property
       SET r.disputed = disputed
     }`,
      { keys: batch },
    ),
  );
}

/**
 * Writes several bundles in ONE transaction (a facts table becomes one bundle per cited
 * source): all of them or none, with the partner ranks they change. Each bundle is skipped
 * when its content is already stored.
 */
export async function writeBundles(
  db: Pick<QueryRunner, 'writeTransaction'>,
  items: { bundle: Bundle; file: string; hash?: string }[],
  options: WriteOptions = {},
): Promise<WriteSummary[]> {
  try {
    return await db.writeTransaction(async (tx) => {
      const summaries: WriteSummary[] = [];
      const touched: ClaimKey[] = [];
      for (const { bundle, file, hash } of items)
        summaries.push(await writeInTransaction(tx, bundle, file, touched, hash ?? bundleHash(bundle), options));
      await markDisputes(tx, touched, options.batchSize ?? defaultBatchSize);
      const written = items
        .map(({ bundle }, index) => ({ bundle, summary: summaries[index]! }))
        .filter(({ summary }) => !summary.unchanged);
      await rankAfterWrite(
        tx,
        written.flatMap(({ bundle }) => bundle.relations),
      );
      if (options.dryRun) throw new DryRunRollback(summaries);
      await options.record?.(tx, written);
      return summaries;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summaries;
    throw error;
  }
}

/** Property maps with sorted keys, as one string: equal strings mean an unchanged node or edge. */
function stableJson(value: unknown): string {
  const canonical = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(canonical);
    if (inner === null || typeof inner !== 'object') return inner;
    return Object.fromEntries(
      Object.keys(inner)
        .sort()
        .map((key) => [key, canonical((inner as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(canonical(value));
}

/** The edge a bundle relation is written to: one per (from, type, to, role). */
export const edgeOf = (relation: Bundle['relations'][number]) => ({
  type: relation.type,
  from: relation.from,
  to: relation.to,
  key: relation.role ?? '',
});

/**
 * The stored state of the bundle's source, entities and edges (null where there is none), read
 * inside the write's transaction before and after it, so the difference is what this write did
 * (an import run reads it a batch per transaction instead: `tx` may be any statement runner).
 */
export async function storedState(
  tx: Pick<WriteTransaction, 'run'>,
  bundle: Bundle,
  edges: ReturnType<typeof edgeOf>[],
  batchSize: number,
) {
  const [source] = await tx.run('OPTIONAL MATCH (s:Source {id: $id}) RETURN properties(s) AS state', { id: bundle.source.id });
  const read = async <T>(items: readonly T[], cypher: string) => {
    const rows: Record<string, unknown>[] = [];
    await inBatches(items, batchSize, async (batch) => rows.push(...(await tx.run(cypher, { batch }))));
    return rows;
  };
  const entities = await read(
    bundle.entities.map((entity) => entity.id),
    `UNWIND $batch AS id
     OPTIONAL MATCH (n:Entity {id: id})
     RETURN id, CASE WHEN n IS NULL THEN null ELSE {labels: labels(n), props: properties(n), mentions: COUNT { (n)-[:MENTIONED_IN]->() }} END AS state`,
  );
  const relations = await read(
    edges,
    `UNWIND $batch AS edge
     // Both ends bound first, so the edge is found from the end with fewer relationships.
     OPTIONAL MATCH (a:Entity {id: edge.from})
     OPTIONAL MATCH (b:Entity {id: edge.to})
     OPTIONAL MATCH (a)-[r {key: edge.key}]->(b) WHERE type(r) = edge.type
     RETURN properties(r) AS state`,
  );
  const stateOf = (row: Record<string, unknown> | undefined) => {
    const state = row?.state as { labels?: string[] } | null | undefined;
    if (state === null || state === undefined) return null;
    if (Array.isArray(state.labels)) state.labels = [...state.labels].sort();
    return stableJson(state);
  };
  return { source: stateOf(source), entities: entities.map(stateOf), relations: relations.map(stateOf) };
}

/** Distinct edges of the bundle: two relations with one (from, type, to, role) are one edge. */
export function distinctEdges(bundle: Bundle): ReturnType<typeof edgeOf>[] {
  return [
    ...new Map(
      bundle.relations.map((relation) => {
        const edge = edgeOf(relation);
        return [JSON.stringify(edge), edge] as const;
      }),
    ).values(),
  ];
}

export function changesBetween(
  bundle: Bundle,
  edges: ReturnType<typeof edgeOf>[],
  before: Awaited<ReturnType<typeof storedState>>,
  after: Awaited<ReturnType<typeof storedState>>,
): ImportChanges {
  return {
    source: changeOf(before.source, after.source),
    entities: countChanges(
      bundle.entities.map((entity, i) => ({ type: entity.type, change: changeOf(before.entities[i]!, after.entities[i]!) })),
    ),
    relations: countChanges(edges.map((edge, i) => ({ type: edge.type, change: changeOf(before.relations[i]!, after.relations[i]!) }))),
  };
}

/** A bundle whose content is already stored: every part of it is unchanged. */
export function nothingChanged(bundle: Bundle, edges: ReturnType<typeof edgeOf>[]): ImportChanges {
  return {
    source: 'UNCHANGED',
    entities: countChanges(bundle.entities.map((entity) => ({ type: entity.type, change: 'UNCHANGED' }))),
    relations: countChanges(edges.map((edge) => ({ type: edge.type, change: 'UNCHANGED' }))),
  };
}

/** The content hash the bundle's source is stored with (null: none, or an import of it is under way). */
export async function storedHash(tx: WriteTransaction, sourceId: string): Promise<string | null> {
  const stored = await tx.run('OPTIONAL MATCH (s:Source {id: $id}) RETURN s.contentHash AS hash', { id: sourceId });
  return (stored[0]?.hash as string | null | undefined) ?? null;
}

/** Ids the bundle refers to without defining must exist; otherwise BundleValidationError names each. */
export async function checkReferences(tx: WriteTransaction, bundle: Bundle, file: string): Promise<void> {
  const references = externalReferences(bundle);
  const found = await tx.run('MATCH (e:Entity) WHERE e.id IN $ids RETURN collect(e.id) AS ids', {
    ids: [...new Set(references.map((r) => r.id))],
  });
  const existing = new Set(found[0]!.ids as string[]);
  const missing = references.filter((reference) => !existing.has(reference.id));
  if (missing.length > 0) {
    throw new BundleValidationError(
      file,
      missing.map((reference) => ({
        path: reference.path,
        message: `unknown entity reference "${reference.id}": not defined in the bundle nor in the graph`,
      })),
    );
  }
}

async function writeInTransaction(
  tx: WriteTransaction,
  bundle: Bundle,
  file: string,
  touched: ClaimKey[],
  hash: string,
  options: WriteOptions,
): Promise<WriteSummary> {
  const summary = { sourceId: bundle.source.id, entities: bundle.entities.length, relations: bundle.relations.length };
  const edges = distinctEdges(bundle);
  if ((await storedHash(tx, bundle.source.id)) === hash)
    return { ...summary, unchanged: true, ...(options.countChanges ? { changes: nothingChanged(bundle, edges) } : {}) };

  await checkReferences(tx, bundle, file);
  const batching = batchingOf(file, options);
  const before = options.countChanges ? await storedState(tx, bundle, edges, batching.size) : null;
  await writeSource(tx, bundle, hash, options.importedBy ?? null);
  touched.push(...(await writeStated(tx, bundle.source.id, bundle, batching)));
  if (!before) return { ...summary, unchanged: false };
  const after = await storedState(tx, bundle, edges, batching.size);
  return { ...summary, unchanged: false, changes: changesBetween(bundle, edges, before, after) };
}

/** What one source states, without the source itself: a bundle's statements, or a curation mutation's. */
export type Statements = Pick<Bundle, 'entities' | 'relations' | 'claims' | 'quantities'>;

/** The edge a relation row is written to, named as the undo log and the reads name it. */
export interface EdgeKey {
  type: string;
  from: string;
  to: string;
  key: string;
}

/** What some rows of a write touch: an undo log snapshots these before the rows are written (ingest/undo-log.ts). */
export interface Touched {
  entities: string[];
  edges: EdgeKey[];
  claims: { subject: string; property: string; value: string }[];
}

/**
 * One kind of row a source's statements are written as. Phases run in order (entities, then
 * relations, whose ends must exist, then claims), each in slices [from, to) of its rows: all in
 * the caller's transaction, or each slice in its own (ingest/large-bundle.ts).
 */
export interface WritePhase {
  phase: WriteProgress['phase'];
  total: number;
  write(tx: WriteTransaction, from: number, to: number): Promise<void>;
  touches(from: number, to: number): Touched;
}

const touchingNothing: Touched = { entities: [], edges: [], claims: [] };

/** The phases that write `statements` citing the stored source `sourceId`. */
export function phasesOf(sourceId: string, statements: Statements): WritePhase[] {
  const entities = statements.entities.map(entityRow);
  const relations = statements.relations.map(relationRow);
  const claims = claimsOf(statements);
  return [
    {
      phase: 'entities',
      total: entities.length,
      write: (tx, from, to) => writeEntityBatch(tx, sourceId, entities.slice(from, to)),
      touches: (from, to) => ({ ...touchingNothing, entities: entities.slice(from, to).map((row) => row.id) }),
    },
    {
      phase: 'relations',
      total: relations.length,
      write: (tx, from, to) => writeRelationBatch(tx, sourceId, relations.slice(from, to)),
      // Both ends gain a MENTIONED_IN link to the source.
      touches: (from, to) => {
        const rows = relations.slice(from, to);
        return {
          ...touchingNothing,
          entities: rows.flatMap((row) => [row.from, row.to]),
          edges: rows.map(({ type, from: start, to: end, key }) => ({ type, from: start, to: end, key })),
        };
      },
    },
    {
      phase: 'claims',
      total: claims.length,
      write: (tx, from, to) => writeClaimBatch(tx, sourceId, claims.slice(from, to)),
      touches: (from, to) => ({
        ...touchingNothing,
        claims: claims.slice(from, to).map(({ subject, property, value }) => ({ subject, property, value })),
      }),
    },
  ];
}

/** The (subject, property) pairs the claims phase writes: whose disputes are checked again after it. */
export function claimKeysOf(phases: readonly WritePhase[]): ClaimKey[] {
  return phases
    .filter((phase) => phase.phase === 'claims')
    .flatMap((phase) => phase.touches(0, phase.total).claims.map(({ subject, property }) => ({ subject, property })));
}

/** Slices [from, to) of `total` rows, `size` at a time. */
export function* slices(total: number, size: number): Generator<[number, number]> {
  for (let from = 0; from < total; from += size) yield [from, Math.min(from + size, total)];
}

/** The entities, relations and claims of statements by the stored source `sourceId`, in the caller's transaction; returns the claim keys to re-check for disputes. */
async function writeStated(tx: WriteTransaction, sourceId: string, statements: Statements, batching: Batching): Promise<ClaimKey[]> {
  const phases = phasesOf(sourceId, statements);
  for (const phase of phases) {
    const report = batching.report(phase.phase, phase.total);
    for (const [from, to] of slices(phase.total, batching.size)) {
      await phase.write(tx, from, to);
      report?.(to);
    }
  }
  return claimKeysOf(phases);
}

/**
 * Writes statements citing a source already stored, inside the caller's transaction, exactly as
 * an import writes them (citations appended, empty attributes filled, dates refined, competing
 * values kept as claims and disputes marked, partner ranks kept current): what the curation
 * mutations write through. `renamed`: entities whose name the caller changed, whose place among
 * their partners' partners is ranked again (ranks order partners by name).
 */
export async function writeStatements(
  tx: WriteTransaction,
  sourceId: string,
  statements: Statements,
  renamed: readonly string[] = [],
): Promise<void> {
  await markDisputes(tx, await writeStated(tx, sourceId, statements, batchingOf(sourceId, {})));
  await rankAfterWrite(tx, statements.relations);
  if (renamed.length > 0) await rankAfterRename(tx, renamed);
}

/**
 * Writes the bundle unless the same content is already stored. Ids the bundle refers to
 * without defining must exist; if one does not, nothing is written and the error names it.
 */
export async function writeBundle(
  db: Pick<QueryRunner, 'writeTransaction'>,
  bundle: Bundle,
  file: string,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  return (await writeBundles(db, [{ bundle, file }], options))[0]!;
}
