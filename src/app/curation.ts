/**
 * What the curation mutations write with, composed here because a feature does not import
 * ingest: importBundle's importer (the same validation and writer as `npm run import`), and the
 * writer createEntity, updateEntity and addRelation state their values through.
 */
import type { BundleImporter } from '../features/curation/resolvers';
import type { StatementWriter } from '../features/entity-writes/repository';
import { validateBundle, type BundleEntity, type BundleRelation } from '../ingest/bundle';
import { writeBundle, writeStatements } from '../ingest/writer';

export const importBundleWithIngest: BundleImporter = async (db, input, { dryRun, importedBy }) => {
  const bundle = validateBundle(input, 'bundle');
  const summary = await writeBundle(db, bundle, 'bundle', { dryRun, importedBy, countChanges: true });
  return { sourceId: summary.sourceId, unchanged: summary.unchanged, changes: summary.changes! };
};

/** A curated entity or relation is written as a bundle's from the same source would be. */
export const writeStatementsWithIngest: StatementWriter = (tx, sourceId, { entities, relations }, renamed) =>
  // The mutations checked every value against the registry (features/entity-writes/inputs.ts): their shapes are the bundle's.
  writeStatements(tx, sourceId, { entities: entities as BundleEntity[], relations: relations as BundleRelation[] }, renamed);
