/**
 * The list query every entity type shares (agencies here): the compiled filter (country, kind,
 * dates, folded text, relation filters nested two levels), the DATE DESC keyset walk from a
 * cursor and asOf, all in one query whose values are parameters. A top-level country filter
 * anchors the query on the country: its members are found once, walking out from it.
 */
import { cursorScope, encodeCursor } from '../../src/core/cypher/keyset';
import { execute } from './execute';
import { node } from './fixture';
import { answer } from './recording-runner';

/**
 * A list counts from the count store when unfiltered, walks its type's label once when filtered,
 * or, with a country filter, starts at the country and walks out.
 */
const listQuery = /^(RETURN COUNT \{ MATCH \(e:\w+\) \}|MATCH \((e:\w+|c:Country \{code: \$country\})\))/;

/** The scope of the full-filter request below: its cursors are bound to that filter, order and date. */
const fullFilterScope = cursorScope('agencies', {
  filter: {
    country: 'afg',
    kind: ['GOVERNMENT_AGENCY', 'MINISTRY'],
    from: '2015',
    to: '2020-06',
    text: 'ASAN Xidmət',
    related: [
      {
        types: ['PARTY_TO'],
        direction: 'OUT',
        where: { from: '2016', related: [{ types: ['PARTY_TO'], direction: 'IN', where: { country: 'AF' } }] },
      },
    ],
  },
  orderBy: { field: 'DATE', direction: 'DESC' },
  asOf: '2021',
});

test('agencies with a full filter, orderBy DATE DESC, first/after and asOf', async () => {
  const after = encodeCursor('2019', 'agency:zzz', fullFilterScope);
  // first: 2 fetches 3 rows; the third only says there is a next page.
  const rows = ['agency:asan-xidmet', 'agency:af-counterpart', 'agency:abad'].map((id) => ({ props: node(id), k: '2016' }));
  const { data, errors, queries } = await execute(
    `query($after: String) {
      agencies(
        filter: {
          country: "afg", kind: ["GOVERNMENT_AGENCY", "MINISTRY"], from: "2015", to: "2020-06", text: "ASAN Xidmət",
          related: [{ types: [PARTY_TO], direction: OUT, where: { from: "2016", related: [{ types: [PARTY_TO], direction: IN, where: { country: "AF" } }] } }]
        }
        orderBy: { field: DATE, direction: DESC }
        first: 2, after: $after, asOf: "2021"
      ) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
    [answer(listQuery, [{ totalCount: 7, rows }])],
    { after },
  );
  expect(errors).toBeUndefined();
  expect(data.agencies).toEqual({
    totalCount: 7,
    edges: [
      { cursor: encodeCursor('2016', 'agency:asan-xidmet', fullFilterScope), node: { id: 'agency:asan-xidmet', name: 'ASAN xidmət' } },
      {
        cursor: encodeCursor('2016', 'agency:af-counterpart', fullFilterScope),
        node: { id: 'agency:af-counterpart', name: 'Afghan counterpart' },
      },
    ],
    pageInfo: { hasNextPage: true, hasPreviousPage: true, endCursor: encodeCursor('2016', 'agency:af-counterpart', fullFilterScope) },
  });
  // The alpha-3 code is normalised, the (Latin) text folded, the cursor decoded into $position.
  expect(queries).toHaveLength(1);
  expect(queries[0]!.cypher).toMatch(/^MATCH \(c:Country \{code: \$country\}\)\nCALL \(c\) \{\nMATCH \(e:Agency\)-\[cr:BASED_IN/);
  expect(queries[0]!.params).toMatchObject({
    asOf: '2021',
    country: 'AF',
    f3: 'asan xidmet',
    f7: 'AF',
    position: ['2019', 'agency:zzz'],
    desc: true,
    fetch: 3,
  });
  expect(queries).toMatchSnapshot();
});

test('a list with no arguments: no filter condition, NAME ASC, default page size', async () => {
  const { data, errors, queries } = await execute('{ memoranda { totalCount edges { node { id } } } }', [
    answer(listQuery, [{ totalCount: 1, rows: [{ props: node('memorandum:asan-af-2016'), k: 'asan–afghanistan mou' }] }]),
  ]);
  expect(errors).toBeUndefined();
  expect(data.memoranda).toEqual({ totalCount: 1, edges: [{ node: { id: 'memorandum:asan-af-2016' } }] });
  expect(queries).toMatchSnapshot();
});
