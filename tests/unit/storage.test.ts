/** The node storage format (src/core/model/storage.ts): what the writer, the generator and the repositories share. */
import { attributePropertyNames, entityFromNode, entityNodeProperties, relationFromRow, searchText } from '../../src/core/model/storage';

const training = {
  id: 'training:example',
  type: 'Training' as const,
  name: 'ASAN xidmət təlimi',
  aliases: ['ASAN training', 'ASAN xidmət təlimi'],
  attributes: { date: '2019-06', count: { value: 20, qualifier: 'ABOUT', unit: 'trainings' }, topics: ['e-services'] },
};

test('an entity is stored flat: quantities in three properties, folded search keys, one citation', () => {
  expect(entityNodeProperties(training, 'source:test')).toEqual({
    id: 'training:example',
    type: 'Training',
    name: 'ASAN xidmət təlimi',
    aliases: ['ASAN training'],
    description: null,
    date: '2019-06',
    count_value: 20,
    count_qualifier: 'ABOUT',
    count_unit: 'trainings',
    topics: ['e-services'],
    sortKey: 'asan xidmet telimi',
    searchKeys: ['asan xidmet telimi', 'asan training'],
    searchText: ' | asan xidmet telimi | asan training',
    translitKeys: ['asan hidmat talimi', 'asan training'],
    translitText: ' | asan hidmat talimi | asan training',
    sourceIds: ['source:test'],
    quotes: [''],
    version: 1,
  });
});

test('a node reads back as a typed record: attributes by value kind, storage fields left behind', () => {
  const record = entityFromNode({
    ...entityNodeProperties(training, 'source:test'),
    sourceIds: ['source:a', 'source:b'],
    quotes: ['', 'said so'],
    notes: ['F1: a caveat', ''],
  });
  expect(record).toEqual({
    id: 'training:example',
    type: 'Training',
    name: 'ASAN xidmət təlimi',
    sortKey: 'asan xidmet telimi',
    aliases: ['ASAN training'],
    names: [],
    description: null,
    attributes: {
      date: '2019-06',
      count: { value: 20, qualifier: 'ABOUT', unit: 'trainings', text: 'about 20 trainings' },
      topics: ['e-services'],
    },
    citations: [
      { sourceId: 'source:a', quote: null, note: 'F1: a caveat' },
      { sourceId: 'source:b', quote: 'said so', note: null },
    ],
    version: 1,
  });
});

test('official names are JSON on the node and a list on the record', () => {
  const names = [{ name: 'Islamic Republic of Afghanistan', start: '2004-01', end: '2021-08' }];
  const props = entityNodeProperties(
    { id: 'country:XA', type: 'Country', name: 'X', attributes: { code: 'XA', alpha3: 'XAA', officialNames: names } },
    's',
  );
  expect(props.officialNames).toBe(JSON.stringify(names));
  expect(entityFromNode(props).attributes).toEqual({ code: 'XA', alpha3: 'XAA', officialNames: names });
});

test('abuse: attributes another type has, or none at all, are not stored', () => {
  const props = entityNodeProperties(
    { id: 'agency:x', type: 'Agency', name: 'X', attributes: { kind: 'MINISTRY', signed: '2020', city: 'Baku' } },
    's',
  );
  expect(props).toMatchObject({ kind: 'MINISTRY' });
  expect(props).not.toHaveProperty('signed');
  expect(props).not.toHaveProperty('city');
  expect(entityFromNode({ id: 'person:y', type: 'Person', name: 'Y' })).toMatchObject({
    aliases: [],
    attributes: {},
    citations: [],
    sortKey: 'Y',
    version: 1,
  });
  expect(entityFromNode({ id: 'person:z', type: 'Person', name: 'Z', version: 7 }).version).toBe(7);
});

test('relations carry role, validity, citations and the disputed flag', () => {
  expect(
    relationFromRow({
      type: 'HOLDS_POSITION',
      fromId: 'person:a',
      toId: 'agency:b',
      props: { role: 'Chairman', start: '2016', sourceIds: ['s'], quotes: ['q'] },
    }),
  ).toEqual({
    type: 'HOLDS_POSITION',
    fromId: 'person:a',
    toId: 'agency:b',
    role: 'Chairman',
    start: '2016',
    end: null,
    // Written before notes were kept: no notes array.
    citations: [{ sourceId: 's', quote: 'q', note: null }],
    disputed: false,
  });
});

test('every attribute property any type stores is one the writer may fill', () => {
  expect(attributePropertyNames()).toEqual(
    expect.arrayContaining(['kind', 'signed', 'opened', 'date', 'count_value', 'value_unit', 'officialNames']),
  );
  expect(searchText([])).toBe('');
});
