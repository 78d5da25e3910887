/**
 * core/cypher/keyset.ts: positions ordered in Node as Cypher orders them (the database side is
 * tests/integration/keyset.test.ts), a stored position ordered as its position and equal to the
 * one a cursor for the same row gives back, and cursors that only this API, for this list, makes.
 */
import { InvalidArgumentError } from '../../src/core/errors';
import {
  comparePositions,
  cursorScope,
  decodeCursor,
  encodeCursor,
  pageOfLoaded,
  storedPosition,
  storedPositionAfter,
  type KeysetPosition,
} from '../../src/core/cypher/keyset';
import { compareText } from '../../src/core/model/ordering';

const scope = cursorScope('Country.partners', { id: 'country:AF', asOf: null });
const sorted = (positions: KeysetPosition[]) => [...positions].sort(comparePositions);

describe('comparePositions', () => {
  test('text by UTF-16 code units, not the locale: capitals first, accents and astral characters by their code units', () => {
    const positions: KeysetPosition[] = [
      ['é', 'x'],
      ['a', 'x'],
      ['Z', 'x'],
      ['\uffff', 'x'],
      ['😀', 'x'],
    ];
    // The emoji's first code unit (\ud83d) is below \uffff; by code point it would come last.
    expect(sorted(positions).map(([value]) => value)).toEqual(['Z', 'a', 'é', '😀', '\uffff']);
  });

  test('a sort value that is a prefix of another comes first; equal sort values are ordered by id', () => {
    expect(
      sorted([
        ['ab', 'a'],
        ['a', 'z'],
        ['a', 'b'],
      ]),
    ).toEqual([
      ['a', 'b'],
      ['a', 'z'],
      ['ab', 'a'],
    ]);
  });

  test('numbers by value, not as text; null last, as in ORDER BY', () => {
    expect(
      sorted([
        [null, 'a'],
        [10, 'a'],
        [9, 'b'],
        [9, 'a'],
      ]),
    ).toEqual([
      [9, 'a'],
      [9, 'b'],
      [10, 'a'],
      [null, 'a'],
    ]);
  });

  test('a page cut in memory starts strictly after the position, by the same order', () => {
    const rows = ['b', 'a', 'c'].map((id) => ({ id }));
    const page = pageOfLoaded(rows, { limit: 5, backwards: false, position: ['0999', 'a'] }, (row): KeysetPosition => ['0999', row.id]);
    expect(page.rows.map((row) => row.id)).toEqual(['b', 'c']);
  });
});

describe('stored positions (partner ranks)', () => {
  // Partner ranks: inverted zero-padded counts and folded names, the shapes that could go wrong
  // in one text (a name that is a prefix of another, names with spaces, ids of several lengths).
  const ranks: KeysetPosition[] = [
    ['0999999990:abad', 'agency:b'],
    ['0999999990:abad', 'agency:a'],
    ['0999999990:abad x', 'agency:0'],
    ['0999999990:aba', 'agency:zz'],
    ['0999999998:a', 'country:AF'],
    ['0999999990:abad', 'agency:a-long-id'],
    ['0999999990:é', 'agency:1'],
  ];

  test("text order of stored positions is their positions' order", () => {
    const byText = [...ranks].sort((a, b) => compareText(storedPosition(a), storedPosition(b)));
    expect(byText).toEqual(sorted(ranks));
  });

  test('the position a cursor gives back is stored as the same text as the rank it was made for', () => {
    for (const rank of ranks) expect(storedPosition(decodeCursor('after', encodeCursor(...rank, scope), scope))).toBe(storedPosition(rank));
  });

  test('a first page starts below every stored position; a later one strictly after its cursor', () => {
    expect(ranks.every((rank) => compareText(storedPositionAfter(null), storedPosition(rank)) < 0)).toBe(true);
    expect(storedPositionAfter(ranks[0]!)).toBe(storedPosition(ranks[0]!));
  });

  test('abuse: a position whose sort value is not text has no stored form', () => {
    expect(() => storedPosition([7, 'agency:a'])).toThrow('text sort value');
    expect(() => storedPosition([null, 'agency:a'])).toThrow('text sort value');
  });
});

describe('cursors', () => {
  test('round-trip text, number and null sort values with their id', () => {
    for (const position of [
      ['0999999990:abad', 'agency:a'],
      [42, 'x'],
      [null, 'x'],
    ] as [KeysetPosition[0], string][])
      expect(decodeCursor('after', encodeCursor(...position, scope), scope)).toEqual(position);
  });

  test('abuse: a payload edited and given its old signature is refused, as is a well-formed cursor of another scope', () => {
    const [payload, signed] = encodeCursor('0999999990:abad', 'agency:a', scope).split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify(['0000000000:a', 'agency:a', scope])).toString('base64url');
    expect(payload).not.toBe(edited);
    expect(() => decodeCursor('after', `${edited}.${signed}`, scope)).toThrow(InvalidArgumentError);
    const otherScope = cursorScope('Country.partners', { id: 'country:AZ', asOf: null });
    expect(() => decodeCursor('after', encodeCursor('0999999990:abad', 'agency:a', otherScope), scope)).toThrow(InvalidArgumentError);
  });
});
