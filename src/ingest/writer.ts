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
import type { ImportChanges } from '../core/model/changes';
import { suppliedTitle } from '../core/model/supplied-title';
import { externalReferences, BundleValidationError, type Bundle, type Statements } from './bundle';
import type { ClaimKey } from './claim-rows';
import { markDisputes } from './disputes';
import { changesBetween, distinctEdges, nothingChanged, storedState } from './import-changes';
import { rankAfterRename, rankAfterWrite } from './partner-ranks';
import { batchingOf, defaultBatchSize, type WriteProgress } from './write-batches';
import { writeStated } from './write-phases';

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

/** Thrown inside a dry run's transaction to roll it back, carrying what it would have written. */
class DryRunRollback extends Error {
  constructor(readonly summaries: WriteSummary[]) {
    super('dry run: rolled back');
  }
}

/** A hash of the bundle's content: a source stored with the same hash needs no rewrite. */
export function bundleHash(bundle: Bundle): string {
  return createHash('sha256').update(JSON.stringify(bundle)).digest('hex');
}

/** Stores the bundle's source; `hash` null while an import in several transactions is still being written (ingest/import-run.ts). */
export async function writeSource(tx: WriteTransaction, bundle: Bundle, hash: string | null, importedBy: string | null): Promise<void> {
  const { source } = bundle;
  await tx.run(
    `MERGE (s:Source {id: $id})
     SET s.title = $title, s.titleSupplied = $titleSupplied, s.publisher = $publisher, s.published = $published, s.retrieved = $retrieved,
         s.language = $language, s.url = $url, s.text = $text, s.translations = $translations, s.contentHash = $hash,
         s.importedBy = $importedBy, s.importedAt = $importedAt`,
    {
      importedBy,
      // When its content was last written: the dataset version's lastChange for writes the audit trail does not record (npm run import, the seeds).
      importedAt: new Date().toISOString(),
      id: source.id,
      // No headline known: a title supplied from the publisher and date, marked as supplied.
      title: source.title ?? suppliedTitle(source.publisher, source.published ?? null),
      titleSupplied: source.title === undefined,
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
