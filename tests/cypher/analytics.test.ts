/**
 * The analytics statements: facets (one statement for every dimension asked), a two-dimension group-by with quantity
 * sums, a month series and commonConnections, each one parameterised statement. A list asked
 * only for analytics runs no page statement; a country filter starts at the country and walks
 * out, as the list's own page does.
 */
import { execute } from './execute';
import { answer } from './recording-runner';

const anchoredOnCountry = /^MATCH \(c:Country \{code: \$country\}\)\n\s*CALL \(c\) \{/;

test('facets of a country-filtered list: one statement for every dimension, no page statement', async () => {
  const { data, errors, queries } = await execute(
    '{ memoranda(filter: { country: "UG", from: "2018" }) { facets(by: [YEAR, COUNTRY]) { dimension buckets { key label count } } } }',
    [
      answer(/AS facets/, [
        {
          facets: [
            [
              { key: 'undated', label: 'undated', count: 1 },
              { key: '2018', label: '2018', count: 2 },
            ],
            [{ key: 'UG', label: 'Uganda', count: 3 }],
          ],
        },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.memoranda.facets).toEqual([
    {
      dimension: 'YEAR',
      buckets: [
        { key: '2018', label: '2018', count: 2 },
        { key: 'undated', label: 'Undated', count: 1 },
      ],
    },
    { dimension: 'COUNTRY', buckets: [{ key: 'UG', label: 'Uganda', count: 3 }] },
  ]);
  expect(queries).toHaveLength(1);
  expect(queries[0]!.cypher).toMatch(anchoredOnCountry);
  expect(queries[0]!.params).toMatchObject({ country: 'UG', f0: '2018', asOf: null });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Country {code: $country})
CALL (c) {
MATCH (e:Memorandum)<-[cr:PARTY_TO]-(c)
RETURN e
UNION
MATCH (e:Memorandum)<-[cr1:PARTY_TO]-(:Entity)-[cr2:BASED_IN|LOCATED_IN]->(c)
RETURN e }
WITH DISTINCT e
WHERE true AND ((e.signed IS NOT NULL AND left($f0, size(e.signed)) <= left(e.signed, size($f0))))
WITH collect(e) AS items
CALL (items) {
UNWIND items AS e
WITH e, CASE WHEN left(e.signed, 4) IS NULL THEN [] ELSE [left(e.signed, 4)] END AS v
UNWIND CASE WHEN size(v) = 0 THEN ['undated'] ELSE v END AS key
WITH key, count(*) AS count
RETURN collect({key: key, label: key, count: count}) AS f0 }
CALL (items) {
UNWIND items AS e
WITH e, COLLECT {
MATCH (e)<-[cr:PARTY_TO]-(c:Country)
RETURN c.code AS code
UNION
MATCH (e)<-[cr1:PARTY_TO]-(:Entity)-[cr2:BASED_IN|LOCATED_IN]->(c:Country)
RETURN c.code AS code } AS v
UNWIND CASE WHEN size(v) = 0 THEN ['unknown'] ELSE v END AS key
WITH key, count(*) AS count
RETURN collect({key: key, label: coalesce(head(COLLECT {
MATCH (lc:Country {code: key})
RETURN lc.name }), key), count: count}) AS f1 }
RETURN [f0, f1] AS facets",
    "mode": "READ",
    "params": {
      "asOf": null,
      "country": "UG",
      "f0": "2018",
    },
  },
]
`);
});

test('a two-dimension group-by with sums: one statement, keyset page of cells', async () => {
  const totals = {
    count: { value: 0, qualifiers: [], unit: null, stated: 0 },
    participants: { value: 104, qualifiers: ['MORE_THAN', 'EXACT'], unit: 'participants', stated: 2 },
  };
  const { data, errors, queries } = await execute(
    '{ trainings(filter: { kind: [] }) { groupBy(by: [COUNTRY, YEAR], first: 1) { totalCount edges { node { keys labels count sums { attribute unstated sum { text } } } } pageInfo { hasNextPage } } } }',
    [
      answer(/UNWIND .* AS k1/s, [
        {
          totalCount: 2,
          rows: [
            { keys: ['AF', '2019'], labels: ['Afghanistan', '2019'], count: 3, totals, id: 'AF\u001f2019', sortValue: 'AF\u001f2019' },
            {
              keys: ['AF', 'undated'],
              labels: ['Afghanistan', 'undated'],
              count: 1,
              totals,
              id: 'AF\u001fundated',
              sortValue: 'AF\u001fundated',
            },
          ],
        },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.trainings.groupBy).toEqual({
    totalCount: 2,
    edges: [
      {
        node: {
          keys: ['AF', '2019'],
          labels: ['Afghanistan', '2019'],
          count: 3,
          sums: [
            { attribute: 'count', unstated: 3, sum: { text: '0' } },
            { attribute: 'participants', unstated: 1, sum: { text: 'more than 104 participants' } },
          ],
        },
      },
    ],
    pageInfo: { hasNextPage: true },
  });
  expect(queries).toHaveLength(1);
  expect(queries[0]!.params).toMatchObject({ fetch: 2, position: null });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (e:Training)
WHERE true AND true
WITH e, COLLECT {
MATCH (e)-[cr:LOCATED_IN|PROVIDED_BY|TRAINED]->(c:Country)
RETURN c.code AS code
UNION
MATCH (e)-[cr1:PROVIDED_BY|TRAINED]->(:Entity)-[cr2:BASED_IN|LOCATED_IN]->(c:Country)
RETURN c.code AS code
UNION
MATCH (e)-[cr1:PROVIDED_BY|TRAINED]->(:Person)-[crpost:HOLDS_POSITION]->(crmission:Agency
WHERE crmission.kind = 'EMBASSY' OR EXISTS { (crmission)-[:ACCREDITED_TO]->(:Country) })-[crsent:BASED_IN]->(c:Country)
RETURN c.code AS code } AS v0, CASE WHEN left(e.date, 4) IS NULL THEN [] ELSE [left(e.date, 4)] END AS v1
UNWIND CASE WHEN size(v0) = 0 THEN ['unknown'] ELSE v0 END AS k0
UNWIND CASE WHEN size(v1) = 0 THEN ['undated'] ELSE v1 END AS k1
WITH k0, k1, count(*) AS count, {count: {value: sum(e.count_value), qualifiers: collect(DISTINCT CASE WHEN e.count_value IS NOT NULL THEN coalesce(e.count_qualifier, 'EXACT') END), unit: CASE WHEN count(DISTINCT CASE WHEN e.count_value IS NOT NULL THEN e.count_unit END) = 1 AND count(CASE WHEN e.count_value IS NOT NULL THEN CASE WHEN e.count_unit IS NULL THEN 1 END END) = 0 THEN min(CASE WHEN e.count_value IS NOT NULL THEN e.count_unit END) END, stated: count(e.count_value)}, participants: {value: sum(e.participants_value), qualifiers: collect(DISTINCT CASE WHEN e.participants_value IS NOT NULL THEN coalesce(e.participants_qualifier, 'EXACT') END), unit: CASE WHEN count(DISTINCT CASE WHEN e.participants_value IS NOT NULL THEN e.participants_unit END) = 1 AND count(CASE WHEN e.participants_value IS NOT NULL THEN CASE WHEN e.participants_unit IS NULL THEN 1 END END) = 0 THEN min(CASE WHEN e.participants_value IS NOT NULL THEN e.participants_unit END) END, stated: count(e.participants_value)}} AS totals
WITH {keys: [k0, k1], count: count, totals: totals, id: k0 + $separator + k1, sortValue: k0 + $separator + k1} AS cell
ORDER BY cell.sortValue, cell.id // Sorted before they are collected, and the page sliced from the list: a sort over rows that // each carried the whole list of cells was charged for every copy (120 MB for 1,000 cells).
WITH collect(cell) AS cells
RETURN size(cells) AS totalCount, [cell IN [cell IN cells
WHERE $position IS NULL OR (false AND (cell.sortValue < $position[0] OR (cell.sortValue = $position[0] AND cell.id < $position[1]))) OR (NOT false AND (cell.sortValue > $position[0] OR (cell.sortValue = $position[0] AND cell.id > $position[1])))][..toInteger($fetch)] | cell {.*, labels: [coalesce(head(COLLECT {
MATCH (lc:Country {code: cell.keys[0]})
RETURN lc.name }), cell.keys[0]), cell.keys[1]]}] AS rows",
    "mode": "READ",
    "params": {
      "asOf": null,
      "country": null,
      "fetch": 2,
      "position": null,
      "separator": "",
    },
  },
]
`);
});

test('a month series: one statement, the period cut at the month', async () => {
  const { data, errors, queries } = await execute(
    '{ awards { series(interval: MONTH) { undated yearOnly buckets { period label precision count } } } }',
    [
      answer(/AS period/, [
        {
          buckets: [
            { period: '2015-04', count: 1 },
            { period: '2015', count: 2 },
            { period: null, count: 1 },
          ],
          finest: 10,
        },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.awards.series).toEqual({
    undated: 1,
    yearOnly: 2,
    buckets: [
      { period: '2015', label: '2015 (year only)', precision: 'YEAR', count: 2 },
      { period: '2015-04', label: 'April 2015', precision: 'MONTH', count: 1 },
    ],
  });
  expect(queries).toHaveLength(1);
  expect(queries[0]!.params).toMatchObject({ width: 7 });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (e:Award)
WHERE true AND true
WITH e.date AS date
WITH left(date, $width) AS period, count(*) AS count, max(size(date)) AS finest
RETURN collect({period: period, count: count}) AS buckets, max(finest) AS finest",
    "mode": "READ",
    "params": {
      "asOf": null,
      "country": null,
      "width": 7,
    },
  },
]
`);
});

test('commonConnections: one statement over the given ids and the via types, the given entities coming back with the answer', async () => {
  const { data, errors, queries } = await execute(
    '{ commonConnections(entities: ["country:AZ", "agency:asan-xidmet"], via: [PARTY_TO], types: [AGENCY], asOf: "2024") { totalCount edges { node { entity { id } shared } } } }',
    [answer(/MATCH \(g:Entity\) WHERE g\.id IN \$ids/, [{ given: [], totalCount: 0, rows: [] }])],
  );
  // The statement found neither given entity: the first is NOT_FOUND.
  expect(data).toBeNull();
  expect(errors?.[0]?.message).toContain('country:AZ');
  expect(queries).toHaveLength(1);
  // The types asked for are the far end's label, the facts' types the middle's: the walk expands to facts and agencies only.
  expect(queries[0]!.cypher).toContain(
    '-[r1:PARTY_TO]-(f:Memorandum|ServiceCenter|Training|Award|Event|Statistic)-[r2:PARTY_TO]-(x:Agency)',
  );
  // Links are walked again for the page's entities only, from the entity found.
  expect(queries[0]!.cypher).toContain('WITH g, given, c.x AS x');
  expect(queries[0]!.params).toMatchObject({
    ids: ['country:AZ', 'agency:asan-xidmet'],
    minShared: 2,
    asOf: '2024',
    fetch: 21,
    linksFirst: 20,
  });
  expect(queries).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (g:Entity)
WHERE g.id IN $ids
WITH collect(g) AS given
CALL (given) {
UNWIND given AS g
CALL (g, given) {
MATCH (g)-[r1:PARTY_TO]-(f:Memorandum|ServiceCenter|Training|Award|Event|Statistic)-[r2:PARTY_TO]-(x:Agency)
WHERE r1 <> r2 AND NOT f IN given AND ($asOf IS NULL OR ((r1.start IS NULL OR left(r1.start, size($asOf)) <= left($asOf, size(r1.start))) AND (r1.end IS NULL OR left($asOf, size(r1.end)) <= left(r1.end, size($asOf))))) AND ($asOf IS NULL OR ((r2.start IS NULL OR left(r2.start, size($asOf)) <= left($asOf, size(r2.start))) AND (r2.end IS NULL OR left($asOf, size(r2.end)) <= left(r2.end, size($asOf))))) AND ($asOf IS NULL OR coalesce(f.signed, f.opened, f.date, f.asOf) IS NULL OR left(coalesce(f.signed, f.opened, f.date, f.asOf), size($asOf)) <= left($asOf, size(coalesce(f.signed, f.opened, f.date, f.asOf)))) AND NOT x IN given AND true
RETURN x, f AS fact, size(coalesce(f.sourceIds, [])) > 0 AS cited
UNION ALL
MATCH (g)-[r:PARTY_TO]-(x:Agency)
WHERE ($asOf IS NULL OR ((r.start IS NULL OR left(r.start, size($asOf)) <= left($asOf, size(r.start))) AND (r.end IS NULL OR left($asOf, size(r.end)) <= left(r.end, size($asOf))))) AND NOT x IN given AND true
RETURN x, r AS fact, size(coalesce(r.sourceIds, [])) > 0 AS cited }
WITH x, collect(DISTINCT g.id) AS connects, count(DISTINCT fact) AS facts, count(DISTINCT CASE WHEN cited THEN fact END) AS citedFacts
WHERE size(connects) >= $minShared
WITH x, connects, facts, citedFacts, right('0000' + toString(1000 - size(connects)), 4) + ':' + right('0000000000' + toString(1000000000 - citedFacts), 10) AS sortValue
ORDER BY sortValue, x.id // Sorted before they are collected and the page sliced from the list (see groupBy).
RETURN collect({x: x, connects: connects, facts: facts, citedFacts: citedFacts, sortValue: sortValue}) AS found }
WITH given, size(found) AS totalCount, [c IN found
WHERE $position IS NULL OR (false AND (c.sortValue < $position[0] OR (c.sortValue = $position[0] AND c.x.id < $position[1]))) OR (NOT false AND (c.sortValue > $position[0] OR (c.sortValue = $position[0] AND c.x.id > $position[1])))][..toInteger($fetch)] AS page
CALL (given, page) {
UNWIND range(0, size(page) - 1) AS at
WITH given, at, page[at] AS c
CALL (given, c) {
UNWIND given AS g
CALL (g, given, c) {
WITH g, given, c.x AS x
MATCH (g)-[r1:PARTY_TO]-(f:Memorandum|ServiceCenter|Training|Award|Event|Statistic)-[r2:PARTY_TO]-(x)
WHERE r1 <> r2 AND NOT f IN given AND ($asOf IS NULL OR ((r1.start IS NULL OR left(r1.start, size($asOf)) <= left($asOf, size(r1.start))) AND (r1.end IS NULL OR left($asOf, size(r1.end)) <= left(r1.end, size($asOf))))) AND ($asOf IS NULL OR ((r2.start IS NULL OR left(r2.start, size($asOf)) <= left($asOf, size(r2.start))) AND (r2.end IS NULL OR left($asOf, size(r2.end)) <= left(r2.end, size($asOf))))) AND ($asOf IS NULL OR coalesce(f.signed, f.opened, f.date, f.asOf) IS NULL OR left(coalesce(f.signed, f.opened, f.date, f.asOf), size($asOf)) <= left($asOf, size(coalesce(f.signed, f.opened, f.date, f.asOf))))
RETURN [r1, r2] AS rels
UNION ALL
WITH g, c.x AS x
MATCH (g)-[r:PARTY_TO]-(x)
WHERE ($asOf IS NULL OR ((r.start IS NULL OR left(r.start, size($asOf)) <= left($asOf, size(r.start))) AND (r.end IS NULL OR left($asOf, size(r.end)) <= left(r.end, size($asOf)))))
RETURN [r] AS rels }
UNWIND rels AS l
WITH DISTINCT l
WITH l
ORDER BY type(l), startNode(l).id, endNode(l).id
RETURN count(l) AS linkCount, collect({type: type(l), fromId: startNode(l).id, toId: endNode(l).id, props: properties(l)})[..toInteger($linksFirst)] AS links }
WITH at, {entity: properties(c.x), connects: c.connects, facts: c.facts, citedFacts: c.citedFacts, sortValue: c.sortValue, linkCount: linkCount, links: links} AS row
ORDER BY at
RETURN collect(row) AS rows }
RETURN [g IN given | properties(g)] AS given, totalCount, rows",
    "mode": "READ",
    "params": {
      "asOf": "2024",
      "fetch": 21,
      "ids": [
        "country:AZ",
        "agency:asan-xidmet",
      ],
      "linksFirst": 20,
      "minShared": 2,
      "position": null,
    },
  },
]
`);
});
