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
  expect(queries).toMatchSnapshot();
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
  expect(queries).toMatchSnapshot();
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
  expect(queries).toMatchSnapshot();
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
  expect(queries).toMatchSnapshot();
});
