/**
 * The audit trail of the writes made outside the API: `npm run import` (IMPORT_FILE) and the
 * seed load (LOAD_SEED: at `npm start`, and before `npm run import` writes its files). Each
 * file's write is recorded inside its own transaction (WriteOptions.record), as importBundle's
 * is, so the record commits exactly with what it describes, never in a dry run, and not at all
 * for a file already imported (nothing written, nothing to record). It says who (the OS user, or
 * `npm run import -- --as <name>`), what (the file and the sources it holds) and how many (the
 * entities and relations it states; with counting on, created, updated and unchanged per type).
 */
import os from 'node:os';
import path from 'node:path';
import type { ChangeCount } from '../core/model/changes';
import { recordChange, type ChangeAction } from '../features/audit/audit.repository';
import type { Bundle } from '../ingest/bundle';
import type { FileAudit } from '../ingest/seeds';
import type { WriteSummary } from '../ingest/writer';

/** Who writes from this process: `as` when given (--as), else the OS user the process runs as. */
export function operatorName(as: string | null = null): string {
  if (as) return as;
  try {
    return os.userInfo().username;
  } catch {
    // A container user with no passwd entry has no name: its environment's, else its uid.
    return process.env.USER ?? process.env.LOGNAME ?? `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}

/** Counts per type over several bundles, types in alphabetical order. */
function addCounts(lists: readonly ChangeCount[][]): ChangeCount[] {
  const byType = new Map<string, ChangeCount>();
  for (const count of lists.flat()) {
    const sum = byType.get(count.type) ?? { type: count.type, created: 0, updated: 0, unchanged: 0 };
    sum.created += count.created;
    sum.updated += count.updated;
    sum.unchanged += count.unchanged;
    byType.set(count.type, sum);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** What the change's `after` says of a file's write: the file, its sources, how many entities and relations, and per type when counted. */
export function fileWriteSummary(file: string, written: readonly { summary: WriteSummary }[]): Record<string, unknown> {
  const summaries = written.map(({ summary }) => summary);
  const counted = summaries.every((summary) => summary.changes !== undefined);
  return {
    file: path.basename(file),
    sources: summaries.map((summary) => summary.sourceId),
    entities: summaries.reduce((sum, summary) => sum + summary.entities, 0),
    relations: summaries.reduce((sum, summary) => sum + summary.relations, 0),
    ...(counted
      ? {
          changes: {
            entities: addCounts(summaries.map((summary) => summary.changes!.entities)),
            relations: addCounts(summaries.map((summary) => summary.changes!.relations)),
          },
        }
      : {}),
  };
}

/** Every entity the written bundles state or link to: what Query.changes(entity:) finds the change by. */
function touchedEntities(bundles: readonly Bundle[]): string[] {
  return [
    ...new Set(
      bundles.flatMap((bundle) => [
        ...bundle.entities.map((entity) => entity.id),
        ...bundle.relations.flatMap((relation) => [relation.from, relation.to]),
      ]),
    ),
  ];
}

/** Records each file's write as one change by `by`, with `action`. */
export function fileAudit(by: string, action: Extract<ChangeAction, 'IMPORT_FILE' | 'LOAD_SEED'>): FileAudit {
  return (file) => async (tx, written) => {
    if (written.length === 0) return;
    await recordChange(tx, {
      by,
      action,
      entityIds: touchedEntities(written.map(({ bundle }) => bundle)),
      reason: null,
      before: null,
      after: fileWriteSummary(file, written),
      requestId: null,
    });
  };
}
