/**
 * graph.graphml (Gephi, Cytoscape, yEd, networkx): one <node> per entity with `label` and every
 * entity column, one <edge> per relation (its id is the relation's id) with `label` (the
 * relation type) and every relation column, citations as JSON text. The dataset version is
 * graph data (keys datasetVersion, datasetHash, datasetLastChange) and a comment at the top.
 */
import type { ExportSelection } from '../parameters';
import { versionLabel } from '../version';
import { relationIdOf } from '../../../core/model/relation-ids';
import { entityFields, entityLabel, relationFields, type Field, type FieldValue } from './fields';
import type { ExportFormat } from './format';
import { xmlComment, xmlText } from './xml';

const graphmlTypes = { string: 'string', double: 'double', boolean: 'boolean' } as const;

function keys<T>(prefix: string, target: 'node' | 'edge', fields: readonly Field<T>[]): string {
  return fields
    .map(
      (field, i) =>
        `  <key id="${prefix}${i}" for="${target}" attr.name="${xmlText(field.name)}" attr.type="${graphmlTypes[field.type]}"/>\n`,
    )
    .join('');
}

function data(key: string, value: FieldValue): string {
  return value === null ? '' : `<data key="${key}">${xmlText(value)}</data>`;
}

export const graphml: ExportFormat<ExportSelection> = {
  file: 'graph.graphml',
  contentType: 'application/graphml+xml; charset=utf-8',
  async write(out, read, selection, version) {
    const nodeFields = entityFields(selection.language);
    const edgeFields = relationFields(selection.language);
    await out.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        `  ${xmlComment(`coopgraph export, dataset version ${versionLabel(version)}`)}\n` +
        '  <key id="gv" for="graph" attr.name="datasetVersion" attr.type="string"/>\n' +
        '  <key id="gh" for="graph" attr.name="datasetHash" attr.type="string"/>\n' +
        '  <key id="gc" for="graph" attr.name="datasetLastChange" attr.type="string"/>\n' +
        '  <key id="nl" for="node" attr.name="label" attr.type="string"/>\n' +
        keys('n', 'node', nodeFields) +
        '  <key id="el" for="edge" attr.name="label" attr.type="string"/>\n' +
        keys('e', 'edge', edgeFields) +
        '  <graph id="coopgraph" edgedefault="directed">\n' +
        `    ${data('gv', versionLabel(version))}${data('gh', version.hash)}${data('gc', version.lastChange)}\n`,
    );
    for await (const entity of read.entities(selection)) {
      const values = nodeFields.map((field, i) => data(`n${i}`, field.value(entity))).join('');
      await out.write(`    <node id="${xmlText(entity.id)}">${data('nl', entityLabel(entity, selection.language))}${values}</node>\n`);
    }
    for await (const relation of read.relations(selection)) {
      const values = edgeFields.map((field, i) => data(`e${i}`, field.value(relation))).join('');
      await out.write(
        `    <edge id="${xmlText(relationIdOf(relation))}" source="${xmlText(relation.fromId)}" target="${xmlText(relation.toId)}">${data('el', relation.type)}${values}</edge>\n`,
      );
    }
    await out.write('  </graph>\n</graphml>\n');
  },
};
