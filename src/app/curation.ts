/**
 * What the curation mutations take from ingest, composed here because a feature does not import
 * ingest: the importer importBundle runs (the same validation and writer as `npm run import`),
 * the writer createEntity, updateEntity and addRelation state their values through, and the
 * upkeep retraction and merges run after changing relations and claims (the writer's partner
 * ranks and disputes, so every write keeps them the same way). An import that changed
 * something is recorded in the audit trail inside its own transaction: the source, the counts
 * per type, and every entity the bundle states or links to.
 */
import { recordChange, type ChangeRecord } from '../features/audit/audit.repository';
import type { BundleImporter } from '../features/curation/curation.resolvers';
import type { StatementWriter } from '../features/entity-writes/entity-writes.repository';
import type { GraphUpkeep } from '../features/history/writes';
import { validateBundle, type BundleEntity } from '../ingest/bundle';
import { affectedSelves, rankPartners } from '../ingest/partner-ranks';
import { markDisputes } from '../ingest/disputes';
import { writeBundle, writeStatements } from '../ingest/writer';

export const graphUpkeepWithIngest: GraphUpkeep = {
  affectedSelves: (tx, ends) => affectedSelves(tx, ends),
  rankPartners: (tx, selves) => rankPartners(tx, selves),
  markDisputes: (tx, keys) => markDisputes(tx, [...keys]),
};

export const importBundleWithIngest: BundleImporter = async (db, input, { dryRun, importedBy, requestId }) => {
  const bundle = validateBundle(input, 'bundle');
  let change: ChangeRecord | null = null;
  const summary = await writeBundle(db, bundle, 'bundle', {
    dryRun,
    importedBy,
    countChanges: true,
    record: async (tx, written) => {
      for (const { bundle: recorded, summary: done } of written) {
        const entityIds = [
          ...recorded.entities.map((entity) => entity.id),
          ...recorded.relations.flatMap((relation) => [relation.from, relation.to]),
        ];
        change = await recordChange(tx, {
          by: importedBy,
          action: 'IMPORT_BUNDLE',
          entityIds,
          reason: null,
          before: null,
          after: { sourceId: done.sourceId, changes: done.changes },
          requestId,
        });
      }
    },
  });
  return { sourceId: summary.sourceId, unchanged: summary.unchanged, changes: summary.changes!, change };
};

/** A curated entity or relation is written as a bundle's from the same source would be. */
export const writeStatementsWithIngest: StatementWriter = (tx, sourceId, { entities, relations }, renamed) =>
  // Relations share the bundle's shape (StatedRelation); an entity's attributes were checked against the registry (features/entity-writes/inputs.ts), so they are the bundle's too.
  writeStatements(tx, sourceId, { entities: entities as BundleEntity[], relations }, renamed);
