/**
 * core/cypher/keyset.ts against the real Neo4j: walkOrder sorts positions as comparePositions
 * does, beyondPosition keeps exactly the positions comparePositions puts beyond a cursor (both
 * directions), and Neo4j orders stored positions as their positions. Pages cut in memory
 * (pageOfLoaded) and in Cypher therefore never disagree.
 */
import type { Database } from '../../src/core/db/database';
import { beyondPosition, comparePositions, storedPosition, walkOrder, type KeysetPosition } from '../../src/core/cypher/keyset';
import { openTestDatabase } from '../support/harness';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db.close();
});

/** Text sort values that break a locale order, a code-point order or a prefix rule, with ties broken by id. */
const textPositions: KeysetPosition[] = [
  ['é', 'x'],
  ['a', 'x'],
  ['Z', 'x'],
  ['\uffff', 'x'],
  ['😀', 'x'],
  ['ab', 'a'],
  ['a', 'z'],
  ['a', 'b'],
  ['', 'a'],
  ['0999999990:abad', 'agency:b'],
  ['0999999990:abad x', 'agency:a'],
  ['0999999990:aba', 'agency:a'],
];
const numberPositions: KeysetPosition[] = [
  [10, 'a'],
  [9, 'b'],
  [9, 'a'],
  [-1, 'z'],
  [100, 'a'],
];

const walked = async (positions: readonly KeysetPosition[], desc: boolean): Promise<KeysetPosition[]> => {
  const rows = await db.read(
    `UNWIND $positions AS p
     WITH p ORDER BY ${walkOrder('p[0]', 'p[1]', '$desc')}
     RETURN collect(p) AS walked`,
    { positions, desc },
  );
  return rows[0]!.walked as KeysetPosition[];
};

/** For each position as a cursor, the positions beyondPosition keeps, in input order. */
const beyondEach = async (positions: readonly KeysetPosition[], desc: boolean): Promise<KeysetPosition[][]> => {
  const rows = await db.read(
    `UNWIND range(0, size($positions) - 1) AS at
     CALL (at) {
       WITH $positions[at] AS cursor
       UNWIND $positions AS p
       WITH p WHERE ${beyondPosition('p[0]', 'p[1]', '$desc', 'cursor')}
       RETURN collect(p) AS beyond
     }
     RETURN beyond ORDER BY at`,
    { positions, desc },
  );
  return rows.map((row) => row.beyond as KeysetPosition[]);
};

describe.each([
  ['text', textPositions],
  ['number', numberPositions],
])('%s sort values', (_, positions) => {
  const upwards = [...positions].sort(comparePositions);

  test('walkOrder walks upwards and downwards in comparePositions order', async () => {
    expect(await walked(positions, false)).toEqual(upwards);
    expect(await walked(positions, true)).toEqual([...upwards].reverse());
  });

  test('beyondPosition keeps what comparePositions puts strictly beyond each cursor', async () => {
    for (const desc of [false, true]) {
      const direction = desc ? -1 : 1;
      const expected = positions.map((cursor) => positions.filter((p) => comparePositions(p, cursor) * direction > 0));
      expect(await beyondEach(positions, desc)).toEqual(expected);
    }
  });
});

test('Neo4j orders stored positions (the partner ranks index key) as comparePositions orders their positions', async () => {
  const stored = textPositions.map(storedPosition);
  const rows = await db.read('UNWIND $stored AS s WITH s ORDER BY s RETURN collect(s) AS ordered', { stored });
  expect(rows[0]!.ordered).toEqual([...textPositions].sort(comparePositions).map(storedPosition));
});
