/**
 * The importer importBundle runs: the same validation and writer as `npm run import`, composed
 * here because a feature does not import ingest.
 */
import type { BundleImporter } from '../features/curation/resolvers';
import { validateBundle } from '../ingest/bundle';
import { writeBundle } from '../ingest/writer';

export const importBundleWithIngest: BundleImporter = async (db, input, { dryRun, importedBy }) => {
  const bundle = validateBundle(input, 'bundle');
  const summary = await writeBundle(db, bundle, 'bundle', { dryRun, importedBy, countChanges: true });
  return { sourceId: summary.sourceId, unchanged: summary.unchanged, changes: summary.changes! };
};
