/**
 * citations.csv: the citations in long format, one row per citation: the statement it supports
 * (`statement_id`: an entity's id as nodes.csv has it, or a relation's id as relations.csv has
 * it, with `statement_type` saying which), the source's id (its entry in sources.bib and
 * sources.csl.json), the verbatim quote, the quote in the export's language when the source's
 * translation gives it, the note recorded with it, and when the source was retrieved (at its
 * precision). Entities first, then relations, each in the order nodes.csv and relations.csv
 * list them, each one's citations in the order they were stated. A spreadsheet or a dataframe
 * joins it to the other two files on the statement id.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import type { CitationRecord } from '../../../core/model/records';
import { relationIdOf } from '../../../core/model/relation-ids';
import { byteOrderMark, csvContentType, csvRecord } from './csv';
import type { FieldValue } from './fields';
import type { ExportFormat } from './format';

export const citationsCsv: ExportFormat<ExportSelection> = {
  file: 'citations.csv',
  contentType: csvContentType,
  async write(out, read, selection, version) {
    const { language } = selection;
    const label = versionLabel(version);
    // One entry per source (not per citation): what a row needs of its source, read once.
    const retrieved = await read.sourcesRetrieved();
    const row = (statementId: string, statementType: string, citation: CitationRecord): FieldValue[] => [
      statementId,
      statementType,
      citation.sourceId,
      citation.quote,
      citation.quoteTranslations?.[language] ?? null,
      citation.note,
      retrieved.get(citation.sourceId) ?? null,
      label,
    ];
    await out.write(
      byteOrderMark +
        csvRecord(['statement_id', 'statement_type', 'source', 'quote', `quote_${language}`, 'note', 'retrieved', 'dataset_version']),
    );
    for await (const entity of read.entities(selection))
      for (const citation of entity.citations) await out.write(csvRecord(row(entity.id, 'entity', citation)));
    for await (const relation of read.relations(selection)) {
      const id = relationIdOf(relation);
      for (const citation of relation.citations) await out.write(csvRecord(row(id, 'relation', citation)));
    }
  },
};
