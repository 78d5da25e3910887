/**
 * Curation mutations. importBundle is thin: it refuses a bundle over the size limit before
 * anything reads it, then hands it to the importer the app composes from ingest (validation
 * and the bundle writer; a feature does not import ingest itself), with the token's subject as
 * who imported it. Who may call it is decided before this runs (plugins/auth, @requiresRole).
 */
import type { QueryRunner } from '../../core/db/database';
import { InvalidArgumentError } from '../../core/errors';
import type { ImportChanges } from '../../core/model/changes';
import type { ChangeRecord } from '../audit/audit.repository';
import type { MutationResolvers } from '../../generated/graphql';

export interface CurationOptions {
  /**
   * IMPORT_MAX_BUNDLE_BYTES: the largest bundle importBundle accepts, in bytes of JSON. Default
   * 4194304 (4 MiB). Requests with a bearer token may have bodies this large plus 64 KiB
   * (app/server.ts); a larger body is refused with 413 before it is parsed.
   */
  maxBundleBytes: number;
  /**
   * IDEMPOTENCY_KEY_TTL_HOURS: how long an idempotency key answers a repeat with its first answer;
   * after that the key is free again and expired keys are deleted as new ones are taken. Default
   * 24 hours (in ms here).
   */
  idempotencyKeyTtlMs: number;
}

export const defaultCuration: CurationOptions = { maxBundleBytes: 4 * 1024 * 1024, idempotencyKeyTtlMs: 24 * 3600 * 1000 };

export interface ImportedBundle {
  sourceId: string;
  unchanged: boolean;
  changes: ImportChanges;
  /** The audit trail's record of the write; null for a dry run or when nothing changed. */
  change: ChangeRecord | null;
}

/** Validates and writes (or, in a dry run, writes and rolls back) one bundle; throws BundleValidationError listing every problem. */
export type BundleImporter = (
  db: QueryRunner,
  bundle: unknown,
  options: { dryRun: boolean; importedBy: string; requestId: string | null },
) => Promise<ImportedBundle>;

export function curationResolvers(
  importBundle: BundleImporter,
  options: CurationOptions = defaultCuration,
): { Mutation: Pick<MutationResolvers, 'importBundle'> } {
  return {
    Mutation: {
      importBundle: async (_, { bundle, dryRun }, context) => {
        const viewer = context.viewer;
        // The auth plugin lets no mutation through without one; this only guards a misuse in-process.
        if (!viewer) throw new Error('importBundle ran without a viewer');
        const bytes = Buffer.byteLength(JSON.stringify(bundle) ?? '', 'utf8');
        if (bytes > options.maxBundleBytes)
          throw new InvalidArgumentError(
            'bundle',
            `at most ${options.maxBundleBytes} bytes of JSON (IMPORT_MAX_BUNDLE_BYTES)`,
            `${bytes} bytes`,
          );
        const outcome = await importBundle(context.db, bundle, {
          dryRun: dryRun ?? false,
          importedBy: viewer.subject,
          requestId: context.requestId ?? null,
        });
        return {
          dryRun: dryRun ?? false,
          sourceId: outcome.sourceId,
          source: outcome.changes.source,
          unchanged: outcome.unchanged,
          entities: outcome.changes.entities,
          relations: outcome.changes.relations,
          change: outcome.change,
        };
      },
    },
  };
}
