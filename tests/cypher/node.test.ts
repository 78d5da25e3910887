/**
 * node(id) with nested relation fields: the entity batch, then one relations batch per tree
 * level (all the relation fields of a level share it), then the entities at the far ends and
 * the cited sources.
 */
import { execute } from './execute';

test('node(id) with nested relation fields', async () => {
  const { data, errors, queries } = await execute(`{
    node(id: "agency:asan-xidmet") {
      id name
      ... on Agency {
        kind
        country { code }
        memoranda { id ... on Memorandum { signed { iso precision } parties { id } } }
        staff { id }
      }
      citations { source { title } }
    } }`);
  expect(errors).toBeUndefined();
  expect(data.node).toEqual({
    id: 'agency:asan-xidmet',
    name: 'ASAN xidmət',
    kind: 'GOVERNMENT_AGENCY',
    country: { code: 'AZ' },
    memoranda: [{ id: 'memorandum:asan-af-2016', signed: { iso: '2016', precision: 'YEAR' }, parties: [{ id: 'agency:af-counterpart' }, { id: 'agency:asan-xidmet' }] }],
    staff: [{ id: 'person:ulvi-mehdiyev' }],
    citations: [{ source: { title: 'ASAN xidmət: meeting with the Afghan ambassador' } }],
  });
  expect(queries.every((query) => query.mode === 'READ')).toBe(true);
  expect(queries).toMatchSnapshot();
});
