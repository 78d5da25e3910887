/**
 * relations.csv: one row per relation, with every citation in columns of its own
 * (citation_1_source, citation_1_quote, citation_1_quote_<lang>, citation_1_note, then _2...: as
 * many as the most-cited relation of the export has, counted before the header is written), its
 * dates at their precision and its disputed flag. `Id`, `Source`, `Target` and `Label` are what
 * Gephi's spreadsheet import reads as an edge table; `dataset_version` ends every row.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { relationIdOf } from '../../../core/model/relation-ids';
import { byteOrderMark, csvContentType, csvRecord } from './csv';
import { relationFields, type FieldValue } from './fields';
import type { ExportFormat } from './format';

export const relationsCsv: ExportFormat<ExportSelection> = {
  file: 'relations.csv',
  contentType: csvContentType,
  async write(out, read, selection, version) {
    const { language } = selection;
    // The JSON column is for graph tools; here each citation has its own columns.
    const fields = relationFields(language).filter((field) => field.name !== 'citations');
    const most = await read.mostCitations(selection);
    const citationColumns = Array.from({ length: most }, (_, i) => [
      `citation_${i + 1}_source`,
      `citation_${i + 1}_quote`,
      `citation_${i + 1}_quote_${language}`,
      `citation_${i + 1}_note`,
    ]).flat();
    const label = versionLabel(version);
    await out.write(
      byteOrderMark +
        csvRecord(['Id', 'Source', 'Target', 'Label', ...fields.map((field) => field.name), ...citationColumns, 'dataset_version']),
    );
    for await (const relation of read.relations(selection)) {
      const citations: FieldValue[] = Array.from({ length: most }, (_, i) => relation.citations[i])
        .map((citation) =>
          citation
            ? [citation.sourceId, citation.quote, citation.quoteTranslations?.[language] ?? null, citation.note]
            : [null, null, null, null],
        )
        .flat();
      await out.write(
        csvRecord([
          relationIdOf(relation),
          relation.fromId,
          relation.toId,
          relation.type,
          ...fields.map((field) => field.value(relation)),
          ...citations,
          label,
        ]),
      );
    }
  },
};
