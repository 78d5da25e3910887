/**
 * What the curation mutations take from ingest, composed here because a feature does not import
 * ingest: the importer importBundle runs (the same validation and writer as `npm run import`),
 * and the upkeep retraction and merges run after changing relations and claims (the writer's
 * partner ranks and disputes, so every write keeps them the same way).
 */
import type { BundleImporter } from '../features/curation/resolvers';
import type { GraphUpkeep } from '../features/history/writes';
import { validateBundle } from '../ingest/bundle';
import { affectedSelves, rankPartners } from '../ingest/partner-ranks';
import { markDisputes, writeBundle } from '../ingest/writer';

export const graphUpkeepWithIngest: GraphUpkeep = {
  affectedSelves: (tx, ends) => affectedSelves(tx, ends),
  rankPartners: (tx, selves) => rankPartners(tx, selves),
  markDisputes: (tx, keys) => markDisputes(tx, [...keys]),
};

export const importBundleWithIngest: BundleImporter = async (db, input, { dryRun, importedBy }) => {
  const bundle = validateBundle(input, 'bundle');
  const summary = await writeBundle(db, bundle, 'bundle', { dryRun, importedBy, countChanges: true });
  return { sourceId: summary.sourceId, unchanged: summary.unchanged, changes: summary.changes! };
};
