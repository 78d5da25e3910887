/**
 * The bench's guards (bench/empty.ts, bench/runners/remote.ts): an empty answer fails the run,
 * and statement parameters survive the JSON channel between a runner process and the parent.
 */
import neo4j from 'neo4j-driver';
import { emptyAnswer } from '../../bench/empty';
import { decodeParams, encodeParams } from '../../bench/runners/remote';

describe('emptyAnswer', () => {
  it.each([
    ['null', null],
    ['an empty list', []],
    ['a zero total and an empty page', { total: 0, page: [] }],
    ['an object of nothing', { truncated: false, nodes: [], count: 0, name: '' }],
  ])('finds %s empty', (_, answer) => {
    expect(emptyAnswer(answer)).toMatch(/^the answer is empty/);
  });

  it('names a top-level list that is empty beside a total', () => {
    expect(emptyAnswer({ totalCount: 12, partners: [] })).toBe("the answer's partners is empty");
    expect(emptyAnswer({ YEAR: [], KIND: [] })).toMatch(/^the answer is empty/);
    expect(emptyAnswer({ id: 'a', memoranda: [], staff: [] })).toBe("the answer's memoranda, staff are empty");
  });

  it('accepts answers that hold something', () => {
    expect(emptyAnswer([{ id: 'a', date: '2016' }])).toBeNull();
    expect(emptyAnswer({ total: 3, page: [{ id: 'x', shared: 2, links: [] }] })).toBeNull();
    expect(emptyAnswer({ lengths: [2, 3], endsRight: true })).toBeNull();
  });
});

describe('statement parameters across the runner channel', () => {
  it('keeps driver Integers as Integers through JSON, and everything else as it was', () => {
    const params = { limit: neo4j.int(50), nested: { offset: neo4j.int(3), ids: ['a', 'b'] }, list: [neo4j.int(7)], text: 'x', n: 2 };
    const decoded = decodeParams(JSON.parse(JSON.stringify(encodeParams(params)))) as typeof params;
    expect(neo4j.isInt(decoded.limit)).toBe(true);
    expect(decoded.limit.toNumber()).toBe(50);
    expect(neo4j.isInt(decoded.nested.offset)).toBe(true);
    expect(decoded.nested.ids).toEqual(['a', 'b']);
    expect(decoded.list.map((i) => i.toNumber())).toEqual([7]);
    expect(decoded).toMatchObject({ text: 'x', n: 2 });
  });
});
