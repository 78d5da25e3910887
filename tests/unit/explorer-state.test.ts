/**
 * The explorer's pure parts: its view state in the URL (what a shared link restores), partial
 * dates compared as spans, and what the filters let through of the loaded graph.
 */
import { GraphModel } from '../../explorer/src/explore/graph-model';
import { isPartialDate, mayOverlap, spanOf } from '../../explorer/src/explore/partial-dates';
import type { NodeEntity, RelationEdge } from '../../explorer/src/explore/queries';
import { defaultLanguage, defaultState, formatViewState, parseViewState } from '../../explorer/src/explore/view-state';

describe('view state in the URL hash', () => {
  test('a full state survives formatting and parsing', () => {
    const state = {
      ...defaultState('en'),
      center: 'center:asan-khedmat-kabul',
      lang: 'az',
      depth: 2,
      limit: 500,
      expanded: ['memorandum:asan-af-2016', 'country:AF@PARTY_TO.BASED_IN'],
      hidden: ['LOCATED_IN'],
      from: '2016',
      to: '2021-02',
      selected: 'agency:asan-xidmet',
      pathFrom: 'person:ulvi-mehdiyev',
      pathTo: 'center:asan-khedmat-kabul',
      pathIndex: 1,
      source: 'source:asan-afghanistan-2021-02-24',
      quote: 'ölkəmizin “ASAN xidmət” modeli, & = #',
    };
    expect(parseViewState(`#${formatViewState(state, 'en')}`, 'en')).toEqual(state);
  });

  test('defaults are left out of the link, and a missing or malformed value takes its default', () => {
    expect(formatViewState({ ...defaultState('en'), center: 'country:AF', selected: 'country:AF' }, 'en')).toBe('center=country%3AAF');
    const parsed = parseViewState('depth=9&limit=0&from=2021-13&to=last+year&lang=EN&path=x', 'ru');
    expect(parsed).toEqual(defaultState('ru'));
  });

  test("the browser's language as an ISO 639-1 code, English when it gives none", () => {
    expect(defaultLanguage(['az-Latn-AZ', 'en'])).toBe('az');
    expect(defaultLanguage([])).toBe('en');
    expect(defaultLanguage(['*'])).toBe('en');
  });
});

describe('partial dates', () => {
  test.each([
    ['2016', true],
    ['2016-05', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2016-13', false],
    ['16', false],
    ['2016-5', false],
  ])('%s is a date: %s', (text, valid) => expect(isPartialDate(text)).toBe(valid));

  test('a year or a month is a span, never its first day', () => {
    expect(spanOf('2016')).toEqual({ first: '2016-01-01', last: '2016-12-31' });
    expect(spanOf('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(spanOf('2021-02-24')).toEqual({ first: '2021-02-24', last: '2021-02-24' });
  });

  test('overlap with a range compares spans; unknown ends are open', () => {
    expect(mayOverlap('2016', '2016', { from: '2016-06', to: null })).toBe(true);
    expect(mayOverlap('2016', '2016', { from: '2017', to: null })).toBe(false);
    expect(mayOverlap('2019-06', null, { from: null, to: '2019' })).toBe(true);
    expect(mayOverlap('2020', null, { from: null, to: '2019-12-31' })).toBe(false);
    expect(mayOverlap(null, null, { from: '2030', to: '2031' })).toBe(true);
  });
});

describe('what the filters let through', () => {
  const node = (id: string, type: string, date?: string): NodeEntity => ({
    id,
    type,
    name: id,
    canonical: id,
    date: date ? { iso: date } : null,
  });
  const edge = (id: string, type: string, from: string, to: string, start: string | null = null): RelationEdge => ({
    id,
    type,
    from: { id: from },
    to: { id: to },
    role: null,
    start: start ? { iso: start } : null,
    end: null,
    disputed: false,
  });
  const model = new GraphModel();
  model.add(
    [
      node('agency:a', 'AGENCY'),
      node('memorandum:m2016', 'MEMORANDUM', '2016'),
      node('memorandum:m2021', 'MEMORANDUM', '2021-02'),
      node('country:c', 'COUNTRY'),
    ],
    [
      edge('r1', 'PARTY_TO', 'agency:a', 'memorandum:m2016'),
      edge('r2', 'PARTY_TO', 'agency:a', 'memorandum:m2021'),
      edge('r3', 'BASED_IN', 'agency:a', 'country:c', '2018'),
      edge('r4', 'BASED_IN', 'agency:a', 'country:missing'),
    ],
  );
  const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

  test('an edge to a node that is not loaded is not kept', () => {
    expect([...model.edges.keys()].sort()).toEqual(['r1', 'r2', 'r3']);
    expect(model.typeCounts()).toEqual(
      new Map([
        ['BASED_IN', 1],
        ['PARTY_TO', 2],
      ]),
    );
  });

  test('dates keep facts and relations that may fall in the range, and nodes left without a relation go', () => {
    const visible = model.visible({ hidden: [], from: '2019', to: '2021' }, new Set(['agency:a']));
    expect(ids(visible.edges)).toEqual(['r2', 'r3']);
    expect(ids(visible.nodes)).toEqual(['agency:a', 'country:c', 'memorandum:m2021']);
    const before = model.visible({ hidden: [], from: null, to: '2017' }, new Set(['agency:a']));
    expect(ids(before.edges)).toEqual(['r1']);
  });

  test('hidden relation types go, and the nodes kept stay even alone', () => {
    const visible = model.visible({ hidden: ['PARTY_TO', 'BASED_IN'], from: null, to: null }, new Set(['agency:a']));
    expect(visible.edges).toEqual([]);
    expect(ids(visible.nodes)).toEqual(['agency:a']);
  });
});
