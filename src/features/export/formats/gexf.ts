/**
 * graph.gexf (GEXF 1.2, Gephi's own format) with time for Gephi's timeline: the graph is
 * dynamic (timeformat "date"), and every dated node and edge carries start and end. A date keeps
 * its precision: a year is the whole year, not 1 January. An event, training, award or
 * statistic dated 2016 spans 2016-01-01 to 2016-12-31 (one dated 2016-05 spans May); a
 * memorandum or centre starts on the first day its date allows and stays; a relation runs from
 * the first day its start allows to the last day its end allows. The dates as stated are
 * attributes too (`when`, `start`, `end`, each with its `_precision`). The dataset version is in
 * <meta>: its description and lastmodifieddate (the last change's day).
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { entitySpec, type TimelineKind } from '../../../core/model/registry';
import { relationIdOf } from '../../../core/model/relation-ids';
import { parsePartialDate } from '../../../core/model/values';
import { entityDate, entityFields, entityLabel, relationFields, type Field, type FieldValue } from './fields';
import type { ExportFormat } from './format';
import { xmlText } from './xml';

/** The first day a partial date allows (2016 -> 2016-01-01). */
export function firstDay(iso: string): string | null {
  const date = parsePartialDate(iso);
  if (!date) return null;
  return `${String(date.year).padStart(4, '0')}-${String(date.month ?? 1).padStart(2, '0')}-${String(date.day ?? 1).padStart(2, '0')}`;
}

/** The last day a partial date allows (2016 -> 2016-12-31, 2016-02 -> 2016-02-29). */
export function lastDay(iso: string): string | null {
  const date = parsePartialDate(iso);
  if (!date) return null;
  const month = date.month ?? 12;
  const day = date.day ?? new Date(Date.UTC(date.year, month, 0)).getUTCDate();
  return `${String(date.year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a fact of each timeline kind happens at its date, or begins then and lasts (signings, openings: memoranda, centres). */
const momentary: Record<TimelineKind, boolean> = {
  EVENT: true,
  TRAINING: true,
  AWARD: true,
  STATISTIC: true,
  SIGNING: false,
  OPENING: false,
};

function spell(start: string | null, end: string | null): string {
  return `${start ? ` start="${start}"` : ''}${end ? ` end="${end}"` : ''}`;
}

function attributes<T>(target: 'node' | 'edge', fields: readonly Field<T>[]): string {
  const declared = fields.map((field, i) => `      <attribute id="${i}" title="${xmlText(field.name)}" type="${field.type}"/>\n`).join('');
  return `    <attributes class="${target}" mode="static">\n${declared}    </attributes>\n`;
}

function attvalues(values: readonly FieldValue[]): string {
  const present = values.map((value, i) => (value === null ? '' : `<attvalue for="${i}" value="${xmlText(value)}"/>`)).join('');
  return present ? `<attvalues>${present}</attvalues>` : '';
}

export const gexf: ExportFormat<ExportSelection> = {
  file: 'graph.gexf',
  contentType: 'application/gexf+xml; charset=utf-8',
  async write(out, read, selection, version) {
    const nodeFields = entityFields(selection.language);
    const edgeFields = relationFields(selection.language);
    const modified = version.lastChange ? ` lastmodifieddate="${version.lastChange.slice(0, 10)}"` : '';
    await out.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n' +
        `  <meta${modified}>\n    <creator>coopgraph</creator>\n` +
        `    <description>coopgraph export, dataset version ${xmlText(versionLabel(version))}</description>\n` +
        `    <keywords>datasetHash=${xmlText(version.hash)}</keywords>\n  </meta>\n` +
        '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n' +
        attributes('node', nodeFields) +
        attributes('edge', edgeFields) +
        '    <nodes>\n',
    );
    for await (const entity of read.entities(selection)) {
      const date = entityDate(entity);
      const timeline = entitySpec(entity.type).dated?.timeline;
      const span = date ? spell(firstDay(date), timeline && momentary[timeline] ? lastDay(date) : null) : '';
      await out.write(
        `      <node id="${xmlText(entity.id)}" label="${xmlText(entityLabel(entity, selection.language))}"${span}>${attvalues(nodeFields.map((field) => field.value(entity)))}</node>\n`,
      );
    }
    await out.write('    </nodes>\n    <edges>\n');
    for await (const relation of read.relations(selection)) {
      const span = spell(relation.start ? firstDay(relation.start) : null, relation.end ? lastDay(relation.end) : null);
      await out.write(
        `      <edge id="${xmlText(relationIdOf(relation))}" source="${xmlText(relation.fromId)}" target="${xmlText(relation.toId)}" label="${relation.type}"${span}>` +
          `${attvalues(edgeFields.map((field) => field.value(relation)))}</edge>\n`,
      );
    }
    await out.write('    </edges>\n  </graph>\n</gexf>\n');
  },
};
