/**
 * A small graph held in memory, in the storage format of src/core/model/storage.ts, and the
 * script rules that answer the loaders' batch queries (entities, relations, countries, sources,
 * statements) from it. Each test adds rules for its root query with rows built from the same
 * nodes, so every nested field resolves the way it would on Neo4j.
 */
import type { Params, Row } from '../../src/core/db/database';
import { entityNodeProperties, type EntityInput, type NodeProperties, type RelationRow } from '../../src/core/model/storage';
import { answer, type ScriptRule } from './recording-runner';

export const sourceId = 'source:asan-2021-02-24';

const entities: EntityInput[] = [
  { id: 'country:AF', type: 'Country', name: 'Afghanistan', attributes: { code: 'AF', alpha3: 'AFG' } },
  { id: 'country:AZ', type: 'Country', name: 'Azerbaijan', attributes: { code: 'AZ', alpha3: 'AZE' } },
  { id: 'agency:asan-xidmet', type: 'Agency', name: 'ASAN xidmət', aliases: ['ASAN service'], attributes: { kind: 'GOVERNMENT_AGENCY' } },
  { id: 'agency:abad', type: 'Agency', name: 'ABAD', attributes: { kind: 'PUBLIC_LEGAL_ENTITY' } },
  { id: 'agency:af-counterpart', type: 'Agency', name: 'Afghan counterpart', attributes: { kind: 'MINISTRY' } },
  { id: 'person:ulvi-mehdiyev', type: 'Person', name: 'Ülvi Mehdiyev' },
  { id: 'memorandum:asan-af-2016', type: 'Memorandum', name: 'ASAN–Afghanistan MoU', attributes: { kind: 'MOU', signed: '2016' } },
  { id: 'center:asan-khedmat-kabul', type: 'ServiceCenter', name: 'ASAN khedmat centre in Kabul', attributes: { city: 'Kabul' } },
  {
    id: 'training:asan-af-2019',
    type: 'Training',
    name: 'ASAN trainings for Afghan officials',
    attributes: { date: '2019-03', count: { value: 20, qualifier: 'ABOUT' }, participants: { value: 100, qualifier: 'MORE_THAN' } },
  },
];

/** Node properties by id, as `properties(e)` returns them. */
export const nodes: ReadonlyMap<string, NodeProperties> = new Map(
  entities.map((entity) => [entity.id, entityNodeProperties(entity, sourceId)]),
);

export function node(id: string): NodeProperties {
  const props = nodes.get(id);
  if (!props) throw new Error(`no fixture node ${id}`);
  return props;
}

const rel = (fromId: string, type: string, toId: string, extra: NodeProperties = {}): RelationRow => ({
  type,
  fromId,
  toId,
  props: { sourceIds: [sourceId], quotes: [''], ...extra },
});

export const relations: readonly RelationRow[] = [
  rel('agency:asan-xidmet', 'BASED_IN', 'country:AZ'),
  rel('agency:abad', 'BASED_IN', 'country:AZ'),
  rel('agency:abad', 'PART_OF', 'agency:asan-xidmet'),
  rel('agency:af-counterpart', 'BASED_IN', 'country:AF'),
  rel('agency:asan-xidmet', 'PARTY_TO', 'memorandum:asan-af-2016', { start: '2016' }),
  rel('agency:af-counterpart', 'PARTY_TO', 'memorandum:asan-af-2016', { start: '2016' }),
  rel('person:ulvi-mehdiyev', 'HOLDS_POSITION', 'agency:asan-xidmet', { role: 'Chairman' }),
  rel('center:asan-khedmat-kabul', 'MODELLED_ON', 'agency:asan-xidmet'),
  rel('center:asan-khedmat-kabul', 'ESTABLISHED_UNDER', 'memorandum:asan-af-2016'),
  rel('center:asan-khedmat-kabul', 'LOCATED_IN', 'country:AF'),
  rel('training:asan-af-2019', 'PROVIDED_BY', 'agency:asan-xidmet'),
  rel('training:asan-af-2019', 'TRAINED', 'agency:af-counterpart'),
];

export const relation = (fromId: string, type: string, toId: string): RelationRow => {
  const found = relations.find((r) => r.fromId === fromId && r.type === type && r.toId === toId);
  if (!found) throw new Error(`no fixture relation ${fromId} ${type} ${toId}`);
  return found;
};

export const source: NodeProperties = {
  id: sourceId,
  title: 'ASAN xidmət: meeting with the Afghan ambassador',
  publisher: 'ASAN xidmət',
  published: '2021-02-24',
  language: 'az',
  url: 'https://asan.gov.az/az/news/2021-02-24',
  text: 'ASAN xidmət mətni',
  translations: JSON.stringify([{ language: 'en', text: 'ASAN service text', note: 'unofficial' }]),
};

type Key = { id: string; direction: 'OUT' | 'IN' | 'BOTH'; types: string[] | null };

/** What relationsByKeys returns for one key: its relations seen from the key's entity (asOf is not modelled). */
function relationsFor(key: Key): RelationRow[] {
  return relations.filter(
    (r) =>
      (key.types === null || key.types.includes(r.type)) &&
      ((key.direction !== 'IN' && r.fromId === key.id) || (key.direction !== 'OUT' && r.toId === key.id)),
  );
}

/** A relation row as relationsAround returns it: with its far end's properties when the query asked for ends. */
function withEnd(relation: RelationRow, key: Key, withEnds: boolean): Row {
  const other = relation.fromId === key.id ? relation.toId : relation.fromId;
  return { ...relation, end: withEnds && nodes.has(other) ? node(other) : null };
}

const ids = (params: Params, name: string) => params[name] as string[];

/** Rules answering every loader's batch query from the fixture graph; a test's own rules go first. */
export const graphRules: readonly ScriptRule[] = [
  answer(/^MATCH \(e:Entity\) WHERE e\.id IN \$ids RETURN properties\(e\)/, (params) =>
    ids(params, 'ids')
      .filter((id) => nodes.has(id))
      .map((id): Row => ({ e: node(id) })),
  ),
  answer(
    /^UNWIND range\(0, size\(\$keys\) - 1\) AS index WITH index, \$keys\[index\] AS key MATCH \(n:Entity \{id: key\.id\}\)/,
    (params) =>
      (params.keys as Key[]).flatMap((key, index): Row[] =>
        nodes.has(key.id) ? [{ index, relations: relationsFor(key).map((r) => withEnd(r, key, params.withEnds === true)) }] : [],
      ),
  ),
  answer(/^MATCH \(c:Country\) WHERE c\.code IN \$codes/, (params) =>
    [...nodes.values()]
      .filter((props) => props.type === 'Country' && ids(params, 'codes').some((code) => code === props.code || code === props.alpha3))
      .map((c): Row => ({ c })),
  ),
  answer(/^MATCH \(s:Source\) WHERE s\.id IN \$ids/, (params) => (ids(params, 'ids').includes(sourceId) ? [{ s: source }] : [])),
  answer(/^UNWIND \$ids AS sourceId MATCH \(:Source \{id: sourceId\}\)<-\[:MENTIONED_IN\]-\(a:Entity\)-\[r\]->/, (params) =>
    ids(params, 'ids').includes(sourceId) ? [{ sourceId, relations: relations.slice(0, 3) }] : [],
  ),
  answer(/^UNWIND \$ids AS sourceId MATCH \(:Source \{id: sourceId\}\)<-\[:MENTIONED_IN\]-\(e:Entity\)/, (params) =>
    ids(params, 'ids').includes(sourceId) ? [{ sourceId, entities: ['agency:asan-xidmet', 'country:AZ'].map(node) }] : [],
  ),
];
