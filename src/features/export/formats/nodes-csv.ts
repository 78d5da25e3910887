/**
 * nodes.csv: one row per entity. `Id` and `Label` are the columns Gephi's spreadsheet import
 * looks for; every attribute follows, then `dataset_version` on every row (a comment line
 * before the header would break Gephi's and Excel's header detection; a column never does).
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { byteOrderMark, csvContentType, csvRecord } from './csv';
import { entityFields, entityLabel } from './fields';
import type { ExportFormat } from './format';

export const nodesCsv: ExportFormat<ExportSelection> = {
  file: 'nodes.csv',
  contentType: csvContentType,
  async write(out, read, selection, version) {
    const fields = entityFields(selection.language);
    const label = versionLabel(version);
    await out.write(byteOrderMark + csvRecord(['Id', 'Label', ...fields.map((field) => field.name), 'dataset_version']));
    for await (const entity of read.entities(selection)) {
      await out.write(
        csvRecord([entity.id, entityLabel(entity, selection.language), ...fields.map((field) => field.value(entity)), label]),
      );
    }
  },
};
