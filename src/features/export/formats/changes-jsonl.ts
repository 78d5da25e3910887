/**
 * changes.jsonl: the audit trail, one JSON object per line and per recorded write, oldest first:
 * id, at, by, action, entities, reason, before, after, requestId (Query.changes' fields). JSON
 * lines have no header, so the first line is the dataset version's own object
 * ({"datasetVersion": ..., "datasetHash": ..., "lastChange": ...}); every later line is a change.
 */
import type { ChangeSelection } from '../parameters';
import { versionLabel } from '../version';
import type { ExportFormat } from './format';

export const changesJsonl: ExportFormat<ChangeSelection> = {
  file: 'changes.jsonl',
  contentType: 'application/jsonl; charset=utf-8',
  async write(out, read, selection, version) {
    await out.write(
      `${JSON.stringify({ datasetVersion: versionLabel(version), datasetHash: version.hash, lastChange: version.lastChange })}\n`,
    );
    for await (const change of read.changes(selection)) {
      const { entityIds, ...rest } = change;
      await out.write(
        `${JSON.stringify({ id: rest.id, at: rest.at, by: rest.by, action: rest.action, entities: entityIds, reason: rest.reason, before: rest.before, after: rest.after, requestId: rest.requestId })}\n`,
      );
    }
  },
};
