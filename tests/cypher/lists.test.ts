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
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Country {code: $country})
CALL (c) {
MATCH (e:Agency)-[cr:BASED_IN|LOCATED_IN]->(c)
WHERE ($asOf IS NULL OR ((cr.start IS NULL OR left(cr.start, size($asOf)) <= left($asOf, size(cr.start))) AND (cr.end IS NULL OR left($asOf, size(cr.end)) <= left(cr.end, size($asOf)))))
RETURN e }
WITH DISTINCT e
WHERE true AND (e.kind IN $f0) AND (false) AND (false) AND (e.searchText CONTAINS $f3) AND (EXISTS {
MATCH (e)-[r4:PARTY_TO]->(m4:Memorandum)
WHERE ($asOf IS NULL OR ((r4.start IS NULL OR left(r4.start, size($asOf)) <= left($asOf, size(r4.start))) AND (r4.end IS NULL OR left($asOf, size(r4.end)) <= left(r4.end, size($asOf))))) AND ($asOf IS NULL OR m4.signed IS NULL OR left(m4.signed, size($asOf)) <= left($asOf, size(m4.signed))) AND ((m4.signed IS NOT NULL AND left($f5, size(m4.signed)) <= left(m4.signed, size($f5)))) AND (EXISTS {
MATCH (m4)<-[r6:PARTY_TO]-(m6:Entity)
WHERE ($asOf IS NULL OR ((r6.start IS NULL OR left(r6.start, size($asOf)) <= left($asOf, size(r6.start))) AND (r6.end IS NULL OR left($asOf, size(r6.end)) <= left(r6.end, size($asOf))))) AND (( (m6:Country AND m6.code = $f7) OR $f7 IN [(m6)-[cr:BASED_IN|LOCATED_IN]->(cc:Country)
WHERE ($asOf IS NULL OR ((cr.start IS NULL OR left(cr.start, size($asOf)) <= left($asOf, size(cr.start))) AND (cr.end IS NULL OR left($asOf, size(cr.end)) <= left(cr.end, size($asOf))))) | cc.code] )) }) })
WITH collect(e) AS matches
RETURN size(matches) AS totalCount, COLLECT {
UNWIND matches AS e
WITH e, coalesce(null, '') AS k
WHERE $position IS NULL OR ($desc AND (k < $position[0] OR (k = $position[0] AND e.id < $position[1]))) OR (NOT $desc AND (k > $position[0] OR (k = $position[0] AND e.id > $position[1])))
WITH e, k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN $desc THEN e.id END DESC, k, e.id
LIMIT toInteger($fetch)
RETURN {props: e {.id, .name}, k: k} } AS rows",
    "mode": "READ",
    "params": {
      "asOf": "2021",
      "country": "AF",
      "desc": true,
      "f0": [
        "GOVERNMENT_AGENCY",
        "MINISTRY",
      ],
      "f1": "2015",
      "f2": "2020-06",
      "f3": "asan xidmet",
      "f5": "2016",
      "f7": "AF",
      "fetch": 3,
      "position": [
        "2019",
        "agency:zzz",
      ],
    },
  },
]
`);
});

test('a list with no arguments: no filter condition, NAME ASC, default page size', async () => {
  const { data, errors, queries } = await execute('{ memoranda { totalCount edges { node { id } } } }', [
    answer(listQuery, [{ totalCount: 1, rows: [{ props: node('memorandum:asan-af-2016'), k: 'asan–afghanistan mou' }] }]),
  ]);
  expect(errors).toBeUndefined();
  expect(data.memoranda).toEqual({ totalCount: 1, edges: [{ node: { id: 'memorandum:asan-af-2016' } }] });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "RETURN COUNT {
MATCH (e:Memorandum) } AS totalCount, COLLECT {
MATCH (e:Memorandum)
WITH e, e.sortKey AS k
WHERE $position IS NULL OR ($desc AND (k < $position[0] OR (k = $position[0] AND e.id < $position[1]))) OR (NOT $desc AND (k > $position[0] OR (k = $position[0] AND e.id > $position[1])))
WITH e, k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN $desc THEN e.id END DESC, k, e.id
LIMIT toInteger($fetch)
RETURN {props: e {.id}, k: k} } AS rows",
    "mode": "READ",
    "params": {
      "asOf": null,
      "country": null,
      "desc": false,
      "fetch": 21,
      "position": null,
    },
  },
]
`);
});
