/**
 * What the curation mutations write with, composed here because a feature does not import
 * ingest. importBundle's importer: the same validation and writer as `npm run import`; a write
 * that changed something is recorded in the audit trail inside its own transaction: the source,
 * the counts per type, and every entity the bundle states or links to (each statement is
 * affirmed by this source now, even where nothing else moved). And the writer createEntity,
 * updateEntity and addRelation state their values through.
 */
import { recordChange, type ChangeRecord } from '../features/audit/repository';
import type { BundleImporter } from '../features/curation/resolvers';
import type { StatementWriter } from '../features/entity-writes/repository';
import { validateBundle, type BundleEntity, type BundleRelation } from '../ingest/bundle';
import { writeBundle, writeStatements } from '../ingest/writer';

export const importBundleWithIngest: BundleImporter = async (db, input, { dryRun, importedBy, requestId }) => {
  const bundle = validateBundle(input, 'bundle');
  let change: ChangeRecord | null = null;
  const summary = await writeBundle(db, bundle, 'bundle', {
    dryRun,
    importedBy,
    countChanges: true,
    record: async (tx, written) => {
      for (const { bundle: recorded, summary: done } of written) {
        const entityIds = [...recorded.entities.map((entity) => entity.id), ...recorded.relations.flatMap((relation) => [relation.from, relation.to])];
        change = await recordChange(tx, { by: importedBy, action: 'IMPORT_BUNDLE', entityIds, reason: null, before: null, after: { sourceId: done.sourceId, changes: done.changes }, requestId });
      }
    },
  });
  return { sourceId: summary.sourceId, unchanged: summary.unchanged, changes: summary.changes!, change };
};

/** A curated entity or relation is written as a bundle's from the same source would be. */
export const writeStatementsWithIngest: StatementWriter = (tx, sourceId, { entities, relations }, renamed) =>
  // The mutations checked every value against the registry (features/entity-writes/inputs.ts): their shapes are the bundle's.
  writeStatements(tx, sourceId, { entities: entities as BundleEntity[], relations: relations as BundleRelation[] }, renamed);
