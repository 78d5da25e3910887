/**
 * relations.csv: one row per relation, its id (the statement id citations.csv names) first. `Id`,
 * `Source`, `Target` and `Label` are what Gephi's spreadsheet import reads as an edge table; then
 * its role, its dates at their precision, its disputed flag and the ids of the sources that
 * state it; `dataset_version` ends every row. What each source says (quote, note) is not here:
 * a relation may carry dozens of citations, so they are rows of citations.csv, one per
 * citation, never columns side by side.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { relationIdOf } from '../../../core/model/relation-ids';
import { byteOrderMark, csvContentType, csvRecord } from './csv';
import { relationFields } from './fields';
import type { ExportFormat } from './format';

export const relationsCsv: ExportFormat<ExportSelection> = {
  file: 'relations.csv',
  contentType: csvContentType,
  async write(out, read, selection, version) {
    // The JSON column is for graph tools; in CSV the citations are citations.csv's rows.
    const fields = relationFields(selection.language).filter((field) => field.name !== 'citations');
    const label = versionLabel(version);
    await out.write(
      byteOrderMark + csvRecord(['Id', 'Source', 'Target', 'Label', ...fields.map((field) => field.name), 'dataset_version']),
    );
    for await (const relation of read.relations(selection)) {
      await out.write(
        csvRecord([
          relationIdOf(relation),
          relation.fromId,
          relation.toId,
          relation.type,
          ...fields.map((field) => field.value(relation)),
          label,
        ]),
      );
    }
  },
};
