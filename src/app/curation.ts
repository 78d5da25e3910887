/**
 * The importer importBundle runs: the same validation and writer as `npm run import`, composed
 * here because a feature does not import ingest. A write that changed something is recorded in
 * the audit trail inside its own transaction: the source, the counts per type, and every
 * entity the bundle states or links to (each statement is affirmed by this source now, even where nothing else moved).
 */
import { recordChange, type ChangeRecord } from '../features/audit/repository';
import type { BundleImporter } from '../features/curation/resolvers';
import { validateBundle } from '../ingest/bundle';
import { writeBundle } from '../ingest/writer';

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
