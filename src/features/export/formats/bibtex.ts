/**
 * sources.bib: every exported source as a BibTeX @misc entry keyed by its id. The publisher is
 * the corporate author (in double braces, so it is never split into first and last names), the
 * date is `year` and `month` for BibTeX and `date` at its precision for biblatex (2021, 2021-02
 * or 2021-02-24); `url`, `urldate` (when it was retrieved) and `language` as biblatex names them.
 * Text is UTF-8 (biber, or bibtex with \usepackage[utf8]{inputenc}) with LaTeX's special
 * characters escaped. The dataset version is an @comment at the top. A source whose headline is
 * not known has the title supplied from its publisher and date, in square brackets as
 * cataloguing marks a supplied title ({[AzerNews, 19 April 2024]}), and its note says so.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import type { SourceRecord } from '../../../core/model/records';
import type { ExportFormat } from './format';
import { sourceDate } from './source-dates';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const latexSpecials: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text as a BibTeX field value inside braces: LaTeX's specials escaped, whitespace on one line. */
export function latexText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^]/g, (char) => latexSpecials[char]!);
}

/** A key BibTeX and biber accept: the id, with anything outside letters, digits and :-_./ made a '-'. */
export function bibKey(id: string): string {
  return id.replace(/[^A-Za-z0-9:._/-]/g, '-');
}

function entry(source: SourceRecord): string {
  const date = sourceDate(source.published);
  const retrieved = sourceDate(source.retrieved);
  const fields: [string, string][] = [
    ['title', `{${latexText(source.title)}}`],
    ['author', `{${latexText(source.publisher)}}`],
    ['organization', latexText(source.publisher)],
  ];
  if (date) fields.push(['year', String(date.year)], ['date', date.iso]);
  // A URL is taken verbatim by the url package; only braces and spaces would break the entry.
  if (source.url) fields.push(['url', source.url.replace(/[{}\s]/g, encodeURIComponent)]);
  if (retrieved) fields.push(['urldate', retrieved.iso]);
  const note = source.titleSupplied
    ? `title supplied (headline not known); coopgraph source ${source.id}`
    : `coopgraph source ${source.id}`;
  fields.push(['language', latexText(source.language)], ['note', latexText(note)]);
  const month = date?.month ? `,\n  month = ${months[date.month - 1]}` : '';
  return `@misc{${bibKey(source.id)},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}${month}\n}\n\n`;
}

export const bibtex: ExportFormat<ExportSelection> = {
  file: 'sources.bib',
  contentType: 'application/x-bibtex; charset=utf-8',
  async write(out, read, selection, version) {
    await out.write(`@comment{coopgraph sources, dataset version ${versionLabel(version)}}\n\n`);
    for await (const source of read.sources(selection)) await out.write(entry(source));
  },
};
