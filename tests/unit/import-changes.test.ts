/** How an import's report is counted from stored states before and after the write. */
import { changeOf, countChanges } from '../../src/core/model/changes';

test('a state that was not there is a creation, a different one an update, the same one unchanged', () => {
  expect(changeOf(null, '{"a":1}')).toBe('CREATED');
  expect(changeOf('{"a":1}', '{"a":2}')).toBe('UPDATED');
  expect(changeOf('{"a":1}', '{"a":1}')).toBe('UNCHANGED');
  expect(changeOf(null, null)).toBe('UNCHANGED');
});

test('counts per type, types in alphabetical order', () => {
  expect(
    countChanges([
      { type: 'Memorandum', change: 'CREATED' },
      { type: 'Agency', change: 'UPDATED' },
      { type: 'Agency', change: 'CREATED' },
      { type: 'Agency', change: 'UNCHANGED' },
      { type: 'Agency', change: 'CREATED' },
    ]),
  ).toEqual([
    { type: 'Agency', created: 2, updated: 1, unchanged: 1 },
    { type: 'Memorandum', created: 1, updated: 0, unchanged: 0 },
  ]);
  expect(countChanges([])).toEqual([]);
});
