/**
 * sources.csl.json: every exported source as a CSL-JSON item (what Zotero, Pandoc and
 * citeproc read): `issued` and `accessed` as date-parts at their precision ([[2021]],
 * [[2021, 2]] or [[2021, 2, 24]]), the publisher as publisher and as literal author. CSL-JSON is
 * a bare array with no place for metadata, so each item's `note` names the dataset version. A
 * source whose headline is not known has its title supplied from its publisher and date, in
 * square brackets ("[AzerNews, 19 April 2024]": how CSL styles show a supplied title, which
 * citeproc renders as it is), and its note says the title is supplied.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import type { SourceRecord } from '../../../core/model/records';
import type { ExportFormat } from './format';
import { dateParts, sourceDate } from './source-dates';

export function cslItem(source: SourceRecord, version: string): Record<string, unknown> {
  const issued = sourceDate(source.published);
  const accessed = sourceDate(source.retrieved);
  return {
    id: source.id,
    type: source.url ? 'webpage' : 'document',
    title: source.title,
    publisher: source.publisher,
    author: [{ literal: source.publisher }],
    ...(issued ? { issued: { 'date-parts': dateParts(issued) } } : {}),
    ...(accessed ? { accessed: { 'date-parts': dateParts(accessed) } } : {}),
    ...(source.url ? { URL: source.url } : {}),
    language: source.language,
    note: `${source.titleSupplied ? 'title supplied (headline not known); ' : ''}coopgraph dataset version ${version}`,
  };
}

export const cslJson: ExportFormat<ExportSelection> = {
  file: 'sources.csl.json',
  contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  async write(out, read, selection, version) {
    const label = versionLabel(version);
    let first = true;
    await out.write('[\n');
    for await (const source of read.sources(selection)) {
      await out.write(`${first ? '' : ',\n'}${JSON.stringify(cslItem(source, label))}`);
      first = false;
    }
    await out.write('\n]\n');
  },
};
