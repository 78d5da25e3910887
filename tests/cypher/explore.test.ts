/**
 * The explore queries: search, network, paths, timeline (by entity and by country), partners and
 * stats. Each is one bounded query (stats: one per aggregate); the entities it returns are
 * primed into the entity loader, so from/to fields cost nothing more.
 */
import { cursorScope, encodeCursor } from '../../src/core/graphql/pagination';
import { execute } from './execute';
import { node, relation } from './fixture';
import { answer } from './recording-runner';

test('search', async () => {
  // The query ranks, pages and limits in Cypher: it returns the page (first + 1 rows) and the count.
  const page = [
    { props: node('agency:asan-xidmet'), k: '0:000999000000:asan xidmet' },
    { props: node('center:asan-khedmat-kabul'), k: '2:000998000000:asan khedmat centre in kabul' },
  ];
  const { data, errors, queries } = await execute(
    '{ search(query: "ASAN Xidmət", types: [AGENCY, SERVICE_CENTER], first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }',
    [answer(/^CALL db\.index\.fulltext\.queryNodes/, [{ totalCount: 2, page }])],
  );
  expect(errors).toBeUndefined();
  expect(data.search).toEqual({
    totalCount: 2,
    edges: [
      {
        cursor: encodeCursor(
          page[0]!.k,
          'agency:asan-xidmet',
          cursorScope('search', { query: 'ASAN Xidmət', types: ['AGENCY', 'SERVICE_CENTER'] }),
        ),
        node: { id: 'agency:asan-xidmet' },
      },
    ],
    pageInfo: { hasNextPage: true },
  });
  expect(queries).toMatchSnapshot();
});

test('network depth 2 with relationTypes', async () => {
  const ids = ['center:asan-khedmat-kabul', 'agency:asan-xidmet', 'memorandum:asan-af-2016', 'agency:af-counterpart'];
  const edges = [
    relation('center:asan-khedmat-kabul', 'MODELLED_ON', 'agency:asan-xidmet'),
    relation('center:asan-khedmat-kabul', 'ESTABLISHED_UNDER', 'memorandum:asan-af-2016'),
    relation('agency:asan-xidmet', 'PARTY_TO', 'memorandum:asan-af-2016'),
    relation('agency:af-counterpart', 'PARTY_TO', 'memorandum:asan-af-2016'),
  ];
  const { data, errors, queries } = await execute(
    `{ network(center: "center:asan-khedmat-kabul", depth: 2, relationTypes: [MODELLED_ON, ESTABLISHED_UNDER, PARTY_TO], limit: 4, asOf: "2020") {
        truncated center { id } nodes { id } edges { type from { id } to { name } start { iso } } } }`,
    [answer(/^OPTIONAL MATCH \(c:Entity \{id: \$center\}\)/, [{ nodes: ids.map(node), edges, cut: true }])],
  );
  expect(errors).toBeUndefined();
  expect(data.network.truncated).toBe(true);
  expect(data.network.center).toEqual({ id: 'center:asan-khedmat-kabul' });
  expect(data.network.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
  // Edges in the stable from, type, to order; their ends were read with the nodes (no entity query).
  expect(data.network.edges[0]).toEqual({
    type: 'PARTY_TO',
    from: { id: 'agency:af-counterpart' },
    to: { name: 'ASAN–Afghanistan MoU' },
    start: { iso: '2016' },
  });
  expect(queries).toHaveLength(1);
  expect(queries).toMatchSnapshot();
});

test('paths', async () => {
  const path = {
    nodes: ['person:ulvi-mehdiyev', 'agency:asan-xidmet', 'center:asan-khedmat-kabul'].map(node),
    relations: [
      relation('person:ulvi-mehdiyev', 'HOLDS_POSITION', 'agency:asan-xidmet'),
      relation('center:asan-khedmat-kabul', 'MODELLED_ON', 'agency:asan-xidmet'),
    ],
  };
  const { data, errors, queries } = await execute(
    '{ paths(from: "person:ulvi-mehdiyev", to: "center:asan-khedmat-kabul", maxLength: 3, first: 2) { length nodes { id } relations { type } explanation } }',
    [answer(/^OPTIONAL MATCH \(a:Entity \{id: \$from\}\)/, [{ hasFrom: true, hasTo: true, paths: [path] }])],
  );
  expect(errors).toBeUndefined();
  expect(data.paths).toEqual([
    {
      length: 2,
      nodes: [{ id: 'person:ulvi-mehdiyev' }, { id: 'agency:asan-xidmet' }, { id: 'center:asan-khedmat-kabul' }],
      relations: [{ type: 'HOLDS_POSITION' }, { type: 'MODELLED_ON' }],
      explanation: 'Ülvi Mehdiyev is Chairman at ASAN xidmət; ASAN khedmat centre in Kabul is modelled on ASAN xidmət.',
    },
  ]);
  // maxLength and first are validated integers written into the text (SHORTEST 2 ... {1,3}).
  expect(queries[0]!.cypher).toContain('SHORTEST 2');
  expect(queries[0]!.cypher).toContain('{1,3}');
  expect(queries).toMatchSnapshot();
});

const timelineRows = [
  { props: node('memorandum:asan-af-2016'), d: '2016' },
  { props: node('training:asan-af-2019'), d: '2019-03' },
];
const timelineFields = '{ totalCount edges { node { date { iso precision } kind title when entity { id } } } }';

test('timeline by entity', async () => {
  const { data, errors, queries } = await execute(
    `{ timeline(entity: "agency:asan-xidmet", from: "2015", to: "2020") ${timelineFields} }`,
    [answer(/^OPTIONAL MATCH \(x:Entity \{id: \$entity\}\)/, [{ found: true, totalCount: 2, rows: timelineRows }])],
  );
  expect(errors).toBeUndefined();
  expect(data.timeline.totalCount).toBe(2);
  expect(data.timeline.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
    {
      date: { iso: '2016', precision: 'YEAR' },
      kind: 'SIGNING',
      title: 'ASAN–Afghanistan MoU',
      when: 'in 2016 (year only)',
      entity: { id: 'memorandum:asan-af-2016' },
    },
    {
      date: { iso: '2019-03', precision: 'MONTH' },
      kind: 'TRAINING',
      title: 'ASAN trainings for Afghan officials',
      when: 'in March 2019 (month only)',
      entity: { id: 'training:asan-af-2019' },
    },
  ]);
  // The first page of the default size: no position, 20 and the one that says there is more.
  expect(queries[0]!.params).toMatchObject({ position: null, backwards: false, fetch: 21 });
  expect(queries).toMatchSnapshot();
});

test('timeline by country', async () => {
  const { data, errors, queries } = await execute(`{ timeline(country: "AFG", to: "2017") ${timelineFields} }`, [
    // A country's timeline starts at the country and walks out to its facts.
    answer(/^OPTIONAL MATCH \(c:Country \{code: \$country\}\)/, [{ found: true, totalCount: 1, rows: timelineRows.slice(0, 1) }]),
  ]);
  expect(errors).toBeUndefined();
  expect(data.timeline.edges.map((edge: { node: { entity: { id: string } } }) => edge.node.entity.id)).toEqual(['memorandum:asan-af-2016']);
  expect(queries[0]!.params).toMatchObject({ entity: null, country: 'AF', from: null, to: '2017' });
  expect(queries).toMatchSnapshot();
});

test('Country.partners', async () => {
  const links = [
    relation('agency:af-counterpart', 'PARTY_TO', 'memorandum:asan-af-2016'),
    relation('agency:asan-xidmet', 'PARTY_TO', 'memorandum:asan-af-2016'),
  ];
  // One page of partners per key, ordered, counted and cut in Cypher: the rows are the page.
  const page = [{ partner: node('agency:asan-xidmet'), k: '0999999999:asan xidmet', facts: 1, linkCount: 3, links }];
  const { data, errors, queries } = await execute(
    '{ country(code: "AF") { code partners(asOf: "2016", first: 1, linksFirst: 2) { totalCount edges { node { partner { id } facts linkCount links { type from { id } to { id } } } } pageInfo { hasNextPage } } } }',
    [
      answer(/^UNWIND range\(0, size\(\$keys\) - 1\) AS index WITH index, \$keys\[index\] AS key MATCH \(self:Entity/, [
        { index: 0, totalCount: 1, page },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.country).toEqual({
    code: 'AF',
    partners: {
      totalCount: 1,
      edges: [
        {
          node: {
            partner: { id: 'agency:asan-xidmet' },
            facts: 1,
            linkCount: 3,
            links: [
              { type: 'PARTY_TO', from: { id: 'agency:af-counterpart' }, to: { id: 'memorandum:asan-af-2016' } },
              { type: 'PARTY_TO', from: { id: 'agency:asan-xidmet' }, to: { id: 'memorandum:asan-af-2016' } },
            ],
          },
        },
      ],
      pageInfo: { hasNextPage: false },
    },
  });
  expect(queries.find((query) => query.cypher.includes('(self:Entity'))!.params.keys).toEqual([
    { id: 'country:AF', asOf: '2016', position: null, fetch: 2, linksFirst: 2 },
  ]);
  expect(queries).toMatchSnapshot();
});

test('Country.partners without asOf: a page of stored ranks from the cursor, its links walked from the partner', async () => {
  const links = [
    relation('agency:af-counterpart', 'PARTY_TO', 'memorandum:asan-af-2016'),
    relation('agency:asan-xidmet', 'PARTY_TO', 'memorandum:asan-af-2016'),
  ];
  // Cypher cuts the links at linksFirst and counts them all.
  const page = [{ partner: node('agency:asan-xidmet'), k: '0999999999:asan xidmet', facts: 1, linkCount: 2, links: links.slice(0, 1) }];
  const scope = cursorScope('partners', { id: 'country:AF', asOf: undefined });
  const after = encodeCursor('0999999998:abad', 'agency:abad', scope);
  const { data, errors, queries } = await execute(
    `{ country(code: "AF") { partners(first: 1, after: "${after}", linksFirst: 1) { totalCount edges { node { partner { id } facts linkCount links { type } } } } } }`,
    [
      answer(/^UNWIND range\(0, size\(\$keys\) - 1\) AS index WITH index, \$keys\[index\] AS key MATCH \(self:Entity/, [
        { index: 0, totalCount: 2, page },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.country.partners).toEqual({
    totalCount: 2,
    edges: [{ node: { partner: { id: 'agency:asan-xidmet' }, facts: 1, linkCount: 2, links: [{ type: 'PARTY_TO' }] } }],
  });
  // The cursor becomes the stored position: rank, the separator, the partner's id.
  expect(queries.find((query) => query.cypher.includes('PartnerRank'))!.params.keys).toEqual([
    { id: 'country:AF', after: '0999999998:abad\u0000agency:abad', fetch: 2, linksFirst: 1 },
  ]);
  expect(queries).toMatchSnapshot();
});

test('stats with a filter', async () => {
  const block = (name: string) => new RegExp(`AS ${name}$`);
  const { data, errors, queries } = await execute(
    `{ stats(filter: { country: "AF", from: "2015", to: "2020", asOf: "2021" }) {
        entitiesByType { key label count disputed } relationsByType { key label count disputed } memorandaByYear { key count disputed }
        trainingsByRecipientCountry { country label trainings disputed sessions { text } participants { text stated } }
        centresByModelAgency { key label count disputed } countryYear { country year memoranda disputedMemoranda trainings disputedTrainings }
        factsByCountry { country label type count undated disputed } } }`,
    [
      answer(block('entitiesByType'), [
        {
          entitiesByType: [
            { key: 'Memorandum', count: 1, disputed: 1 },
            { key: 'Training', count: 1, disputed: 0 },
          ],
        },
      ]),
      answer(block('relationsByType'), [{ relationsByType: [{ key: 'PARTY_TO', count: 2, disputed: 1 }] }]),
      answer(block('memorandaByYear'), [{ memorandaByYear: [{ key: '2016', count: 1, disputed: 1 }] }]),
      answer(block('trainings'), [
        {
          trainings: [
            {
              code: 'AF',
              name: 'Afghanistan',
              count: 1,
              disputed: 0,
              totals: {
                count: { value: 20, qualifiers: ['ABOUT'], unit: null, stated: 1 },
                participants: { value: 100, qualifiers: ['MORE_THAN'], unit: null, stated: 1 },
              },
            },
          ],
        },
      ]),
      answer(block('centresByModelAgency'), [
        { centresByModelAgency: [{ key: 'agency:asan-xidmet', label: 'ASAN xidmət', count: 1, disputed: 0 }] },
      ]),
      answer(block('memorandumCountryYears'), [
        {
          memorandumCountryYears: [
            { code: 'AF', year: 2016, count: 1, disputed: 1 },
            { code: 'AF', year: null, count: 2, disputed: 0 },
          ],
        },
      ]),
      answer(block('trainingCountryYears'), [{ trainingCountryYears: [{ code: 'AF', year: 2019, count: 1, disputed: 0 }] }]),
      answer(block('factsByCountry'), [
        { factsByCountry: [{ code: 'AF', name: 'Afghanistan', type: 'Memorandum', count: 3, undated: 2, disputed: 1 }] },
      ]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.stats).toEqual({
    entitiesByType: [
      { key: 'MEMORANDUM', label: 'Memorandum', count: 1, disputed: 1 },
      { key: 'TRAINING', label: 'Training', count: 1, disputed: 0 },
    ],
    relationsByType: [{ key: 'PARTY_TO', label: 'party to', count: 2, disputed: 1 }],
    memorandaByYear: [{ key: '2016', count: 1, disputed: 1 }],
    trainingsByRecipientCountry: [
      {
        country: 'AF',
        label: 'Afghanistan',
        trainings: 1,
        disputed: 0,
        sessions: { text: 'about 20' },
        participants: { text: 'more than 100', stated: 1 },
      },
    ],
    centresByModelAgency: [{ key: 'agency:asan-xidmet', label: 'ASAN xidmət', count: 1, disputed: 0 }],
    // The undated cell (year null) comes after the years, and a cell with one kind has 0 of the other.
    countryYear: [
      { country: 'AF', year: 2016, memoranda: 1, disputedMemoranda: 1, trainings: 0, disputedTrainings: 0 },
      { country: 'AF', year: 2019, memoranda: 0, disputedMemoranda: 0, trainings: 1, disputedTrainings: 0 },
      { country: 'AF', year: null, memoranda: 2, disputedMemoranda: 0, trainings: 0, disputedTrainings: 0 },
    ],
    factsByCountry: [{ country: 'AF', label: 'Afghanistan', type: 'MEMORANDUM', count: 3, undated: 2, disputed: 1 }],
  });
  // One query per aggregate, all with the same compiled filter parameters.
  expect(queries).toHaveLength(8);
  expect(queries.every((query) => query.mode === 'READ')).toBe(true);
  expect(queries).toMatchSnapshot();
});

test('stats without a filter: counts from the count store, disputed ones from the disputed claims', async () => {
  const block = (name: string) => new RegExp(`AS ${name}$`);
  const { data, errors, queries } = await execute(
    '{ stats { entitiesByType { key count disputed } relationsByType { key count disputed } } }',
    [
      answer(block('entitiesByType'), [{ entitiesByType: [{ key: 'Memorandum', count: 4, disputed: 1 }] }]),
      answer(block('relationsByType'), [{ relationsByType: [{ key: 'PARTY_TO', count: 8, disputed: 2 }] }]),
    ],
  );
  expect(errors).toBeUndefined();
  expect(data.stats).toEqual({
    entitiesByType: [{ key: 'MEMORANDUM', count: 4, disputed: 1 }],
    relationsByType: [{ key: 'PARTY_TO', count: 8, disputed: 2 }],
  });
  expect(queries).toHaveLength(2);
  expect(queries).toMatchSnapshot();
});

test('stats by country without a country filter: walked from every country, each fact once per country', async () => {
  const { data, errors, queries } = await execute('{ stats { factsByCountry { country type count undated disputed } } }', [
    answer(/AS factsByCountry$/, [
      { factsByCountry: [{ code: 'AF', name: 'Afghanistan', type: 'Memorandum', count: 3, undated: 2, disputed: 1 }] },
    ]),
  ]);
  expect(errors).toBeUndefined();
  expect(data.stats).toEqual({ factsByCountry: [{ country: 'AF', type: 'MEMORANDUM', count: 3, undated: 2, disputed: 1 }] });
  expect(queries).toHaveLength(1);
  expect(queries[0]!.cypher).toMatch(/^CALL \(\) \{\s*MATCH \(c:Country\)/);
  expect(queries).toMatchSnapshot();
});
