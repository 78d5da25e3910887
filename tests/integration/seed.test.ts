/**
 * The founding press release, read back through GraphQL: every fact it states is in the graph
 * and every relation it supports quotes it verbatim.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunningServer } from '../../src/app/server';
import { graphql, useTestServer, walkConnection } from '../support/harness';

const sourceId = 'source:asan-2021-02-24-afghan-ambassador';
const pressRelease = fs.readFileSync(path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.txt'), 'utf8');

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

test('the stored source text is the founding document, verbatim', async () => {
  const { data } = await graphql(server, 'query($id: ID!) { source(id: $id) { text language published url translations { language } } }', {
    id: sourceId,
  });
  expect(data.source).toEqual({
    text: pressRelease,
    language: 'az',
    published: '2021-02-24T16:58:00+04:00',
    url: null,
    translations: [{ language: 'en' }],
  });
});

test('every relation and entity the document supports quotes it verbatim', async () => {
  const { data } = await graphql(
    server,
    `
      query ($id: ID!) {
        source(id: $id) {
          statements {
            type
            from {
              id
            }
            to {
              id
            }
            citations {
              quote
              source {
                id
              }
            }
          }
          entities {
            id
            citations {
              quote
              source {
                id
              }
            }
          }
        }
      }
    `,
    { id: sourceId },
  );
  const { statements, entities } = data.source;
  expect(statements.length).toBeGreaterThanOrEqual(40);
  for (const item of [...statements, ...entities]) {
    const own = item.citations.filter((c: { source: { id: string } }) => c.source.id === sourceId);
    if (item.id?.startsWith('country:') && own.length === 0) continue; // countries mentioned only as relation ends
    expect(own.length).toBeGreaterThan(0);
    for (const citation of own) expect(pressRelease).toContain(citation.quote);
  }
});

test('the meeting: date, participants with their positions, and what was discussed', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        entity(id: "event:mehdiyev-ceyhun-2021-02-24") {
          name
          ... on Event {
            kind
            date {
              iso
              precision
            }
            topics
            participants {
              role
              entity {
                id
                name
                aliases
                ... on Person {
                  positions {
                    edges {
                      node {
                        title
                        organization {
                          id
                          name
                        }
                        country {
                          code
                        }
                        accreditedTo {
                          code
                        }
                      }
                    }
                  }
                }
              }
            }
            location {
              id
            }
            discussed {
              id
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  const event = data.entity;
  expect(event.kind).toBe('MEETING');
  expect(event.date).toEqual({ iso: '2021-02-24', precision: 'DAY' });
  expect(event.topics).toEqual(expect.arrayContaining(['startups', 'social innovation', 'digitalisation']));
  const byId = Object.fromEntries(event.participants.map((p: { entity: { id: string } }) => [p.entity.id, p]));
  expect(byId['person:ulvi-mehdiyev'].entity.name).toBe('Ülvi Mehdiyev');
  expect(byId['person:ulvi-mehdiyev'].entity.positions.edges[0].node).toMatchObject({
    title: 'Chairman',
    organization: { id: 'agency:asan-xidmet' },
    country: { code: 'AZ' },
  });
  const ambassador = byId['person:amanullah-ceyhun'].entity;
  expect(ambassador.aliases).toEqual(expect.arrayContaining(['Amanullah Jayhoon', 'Amanullah Jayhun', 'Аманулла Джейхун']));
  expect(ambassador.positions.edges[0].node).toMatchObject({
    title: 'Ambassador Extraordinary and Plenipotentiary',
    country: { code: 'AF' },
    accreditedTo: { code: 'AZ' },
  });
  expect(event.discussed.map((d: { id: string }) => d.id)).toEqual(
    expect.arrayContaining(['memorandum:asan-af-2016', 'center:asan-khedmat-kabul', 'agency:abad']),
  );
});

test('the 2016 memorandum keeps its year precision and links both parties and what was done under it', async () => {
  const { data } = await graphql(
    server,
    `
      {
        entity(id: "memorandum:asan-af-2016") {
          ... on Memorandum {
            kind
            signed {
              iso
              precision
              year
              month
              day
            }
            parties {
              id
              ... on Agency {
                country {
                  code
                }
              }
            }
            outcomes {
              id
            }
          }
        }
      }
    `,
  );
  const memorandum = data.entity;
  expect(memorandum.kind).toBe('MOU');
  expect(memorandum.signed).toEqual({ iso: '2016', precision: 'YEAR', year: 2016, month: null, day: null });
  expect(memorandum.parties.map((p: { country: { code: string } }) => p.country.code).sort()).toEqual(['AF', 'AZ']);
  expect(memorandum.outcomes.map((o: { id: string }) => o.id)).toEqual(
    expect.arrayContaining(['center:asan-khedmat-kabul', 'training:asan-experts-centre-staff']),
  );
});

test('the Kabul centre: city, country, model, operator, memorandum and the association membership', async () => {
  const { data } = await graphql(
    server,
    `
      {
        entity(id: "center:asan-khedmat-kabul") {
          name
          ... on ServiceCenter {
            city
            country {
              code
            }
            modelledOn {
              id
            }
            operator {
              id
              ... on Agency {
                memberships {
                  id
                }
              }
            }
            establishedUnder {
              id
            }
          }
        }
      }
    `,
  );
  expect(data.entity).toMatchObject({
    city: 'Kabul',
    country: { code: 'AF' },
    modelledOn: { id: 'agency:asan-xidmet' },
    operator: { id: 'agency:asan-khedmat', memberships: [{ id: 'agency:asan-international-association' }] },
    establishedUnder: { id: 'memorandum:asan-af-2016' },
  });
});

test('trainings keep their qualifiers: about 20 trainings for more than 100 representatives', async () => {
  // By id, not a first page of the list: other test files add trainings to the shared graph.
  const fields =
    '... on Training { provider { id } recipients { id } under { id } count { value qualifier text } participants { value qualifier text } }';
  const { data, errors } = await graphql(
    server,
    `{ bilateral: entity(id: "training:af-institutions-bilateral") { ${fields} } staff: entity(id: "training:asan-experts-centre-staff") { ${fields} } }`,
  );
  expect(errors).toBeUndefined();
  expect(data.bilateral).toMatchObject({
    provider: { id: 'agency:asan-xidmet' },
    recipients: [{ id: 'country:AF' }],
    count: { value: 20, qualifier: 'ABOUT', text: 'about 20 trainings' },
    participants: { value: 100, qualifier: 'MORE_THAN', text: 'more than 100 representatives' },
  });
  expect(data.staff).toMatchObject({ provider: { id: 'agency:asan-xidmet' }, under: { id: 'memorandum:asan-af-2016' } });
});

test('awards at the finest date a source gives (the press release says 2015 and 2019; the facts table the month and the day), the applications statistic, ABAD under the State Agency', async () => {
  const { data } = await graphql(
    server,
    // The UN's awards only: other test files add awards of their own that a first page may hold instead.
    `
      {
        awards(first: 10, filter: { idPrefix: "award:un" }) {
          edges {
            node {
              id
              date {
                iso
                precision
                year
                month
                day
              }
              conferredBy {
                id
              }
              recipients {
                id
              }
            }
          }
        }
        statistic: entity(id: "statistic:asan-xidmet-applications-2021-02") {
          ... on Statistic {
            metric
            value {
              value
              qualifier
            }
            asOf {
              iso
              precision
            }
            subject {
              id
            }
          }
        }
        abad: entity(id: "agency:abad") {
          ... on Agency {
            kind
            parent {
              id
            }
          }
        }
      }
    `,
  );
  const awards = Object.fromEntries(data.awards.edges.map((e: { node: { id: string } }) => [e.node.id, e.node]));
  expect(awards['award:unpsa-2015']).toMatchObject({
    date: { iso: '2015-04', precision: 'MONTH', year: 2015, month: 4, day: null },
    conferredBy: { id: 'agency:un' },
    recipients: [{ id: 'agency:asan-xidmet' }],
  });
  expect(awards['award:un-special-2019']).toMatchObject({
    date: { iso: '2019-06-24', precision: 'DAY', year: 2019, month: 6, day: 24 },
    conferredBy: { id: 'agency:un' },
  });
  expect(data.statistic).toMatchObject({
    value: { value: 42000000, qualifier: 'MORE_THAN' },
    asOf: { iso: '2021-02-24', precision: 'DAY' },
    subject: { id: 'agency:asan-xidmet' },
  });
  expect(data.abad).toEqual({ kind: 'PUBLIC_LEGAL_ENTITY', parent: { id: 'agency:asan-xidmet' } });
});

test('the assessment, the gift and the visit', async () => {
  const { data } = await graphql(
    server,
    // The founding document's events: filtered to its date, since other test files write events
    // of their own that a first page of all events may hold instead.
    `
      {
        events(first: 20, filter: { from: "2021-02-24", to: "2021-02-24" }) {
          edges {
            node {
              id
              kind
              topics
              participants {
                role
                entity {
                  id
                }
              }
              location {
                id
              }
            }
          }
        }
      }
    `,
  );
  const events = Object.fromEntries(data.events.edges.map((e: { node: { id: string } }) => [e.node.id, e.node]));
  expect(events['event:ambassador-assessment-2021-02-24'].topics).toEqual(
    expect.arrayContaining(['anti-corruption', 'efficiency of public service delivery']),
  );
  expect(events['event:abad-gift-2021-02-24'].participants).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ entity: { id: 'agency:abad' } }),
      expect.objectContaining({ entity: { id: 'person:amanullah-ceyhun' }, role: 'recipient' }),
    ]),
  );
  expect(events['event:ambassador-visit-asan-centre-2021-02-24']).toMatchObject({
    kind: 'VISIT',
    location: { id: 'center:asan-xidmet-azerbaijan' },
  });
});

test('countries: all of ISO 3166-1, by alpha-2 or alpha-3, with Azerbaijani names and historical official names', async () => {
  const { data } = await graphql(
    server,
    `
      {
        countries(first: 1) {
          totalCount
        }
        af: country(code: "afg") {
          id
          code
          alpha3
          aliases
          officialNames {
            name
            start {
              iso
              precision
            }
            end {
              iso
            }
          }
        }
        az: country(code: "AZ") {
          name
          aliases
        }
        nowhere: country(code: "QQ") {
          id
        }
      }
    `,
  );
  expect(data.countries.totalCount).toBeGreaterThanOrEqual(249);
  expect(data.af).toMatchObject({ id: 'country:AF', code: 'AF', alpha3: 'AFG' });
  expect(data.af.aliases).toEqual(expect.arrayContaining(['Əfqanıstan', 'Əfqanıstan İslam Respublikası']));
  expect(data.af.officialNames).toEqual([
    { name: 'Islamic Republic of Afghanistan', start: { iso: '2004-01', precision: 'MONTH' }, end: { iso: '2021-08' } },
  ]);
  expect(data.az.aliases).toEqual(expect.arrayContaining(['Azərbaycan']));
  expect(data.nowhere).toBeNull();
});

test('a malformed country code is BAD_USER_INPUT naming the expected form; a well-formed unknown one is null', async () => {
  for (const code of ["ZZZZ'", 'Azerbaijan', '', 'A1']) {
    const { errors } = await graphql(
      server,
      `
        query ($code: String!) {
          country(code: $code) {
            id
          }
        }
      `,
      { code },
    );
    expect(errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('an ISO 3166-1 alpha-2 or alpha-3 code'),
    });
  }
  const { data } = await graphql(server, '{ zz: country(code: "ZZ") { id } zzz: country(code: "zzz") { id } }');
  expect(data).toEqual({ zz: null, zzz: null });
});

test('a malformed entity, node or source id is BAD_USER_INPUT naming the expected form; a well-formed unknown one is null', async () => {
  const lookups = ['entity', 'node', 'source'].map((field) => `query($id: ID!) { ${field}(id: $id) { id } }`);
  for (const query of lookups) {
    for (const id of ["agency:abad'", 'ASAN Xidmət', 'x', '']) {
      const { errors } = await graphql(server, query, { id });
      expect(errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringContaining('an id of the form <type>:<slug>'),
      });
    }
  }
  // A huge value is echoed as an excerpt, not sent back whole.
  const huge = await graphql(server, 'query($id: ID!) { entity(id: $id) { id } }', { id: 'x'.repeat(200_000) });
  expect(huge.errors?.[0]?.message).toMatch(/; got "x{100}…"$/);
  const { data } = await graphql(
    server,
    '{ a: entity(id: "agency:no-such-agency") { id } b: node(id: "source:none") { id } c: node(id: "bench:agency:7") { id } d: source(id: "source:none") { id } }',
  );
  expect(data).toEqual({ a: null, b: null, c: null, d: null });
});

test('generic relations walk any edge, filtered by type and direction', async () => {
  const { data } = await graphql(
    server,
    `
      {
        entity(id: "agency:asan-xidmet") {
          out: relations(direction: OUT, types: [BASED_IN]) {
            type
            to {
              id
            }
            citations {
              quote
            }
          }
          inbound: relations(direction: IN, types: [PARTY_TO, MODELLED_ON]) {
            type
            from {
              id
            }
          }
        }
      }
    `,
  );
  expect(data.entity.out).toHaveLength(1);
  expect(data.entity.out[0].to.id).toBe('country:AZ');
  // The facts table (seeds/asan-network-facts.tsv) adds the Hoima, MESOB and Islamabad centres on the same model.
  const inbound = data.entity.inbound.map((r: { type: string; from: { id: string } }) => `${r.type} ${r.from.id}`);
  expect(inbound).toEqual(expect.arrayContaining(['MODELLED_ON center:asan-khedmat-kabul']));
  for (const relation of inbound) expect(relation).toMatch(/^MODELLED_ON center:/);
});

test('sources page by title with keyset cursors, forwards and backwards, without skips or repeats', async () => {
  const before = (await graphql(server, '{ sources(first: 1) { totalCount } }')).data.sources.totalCount;
  const expected = await walkConnection(server, 'sources', '', 100, 'forwards');
  // Other test files add sources while this walks (more than 100 in all): those there before
  // come in the same order, none skipped or repeated, whichever way and page size.
  expect(expected.length).toBeGreaterThanOrEqual(before);
  expect(expected).toContain(sourceId);
  const known = new Set(expected);
  for (const direction of ['forwards', 'backwards'] as const) {
    const walked = await walkConnection(server, 'sources', '', 7, direction);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.filter((id) => known.has(id))).toEqual(expected);
  }
});

test('node(id) fetches a source document and an entity alike (Relay object identification); both are Nodes', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        source: node(id: "source:asan-2021-02-24-afghan-ambassador") {
          __typename
          id
          ... on SourceDocument {
            publisher
            language
          }
          ... on Entity {
            name
          }
        }
        agency: node(id: "agency:asan-xidmet") {
          __typename
          id
          ... on Entity {
            type
          }
          ... on SourceDocument {
            title
          }
        }
        facts: sources(first: 100) {
          edges {
            node {
              id
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(data.source).toEqual({
    __typename: 'SourceDocument',
    id: 'source:asan-2021-02-24-afghan-ambassador',
    publisher: expect.any(String),
    language: 'az',
  });
  expect(data.agency).toEqual({ __typename: 'Agency', id: 'agency:asan-xidmet', type: 'AGENCY' });
  // Every listed source (the facts table's too) is fetchable again by its id.
  const ids = data.facts.edges.map((edge: { node: { id: string } }) => edge.node.id);
  expect(ids.length).toBeGreaterThan(30);
  for (let at = 0; at < ids.length; at += 10) {
    const chunk: string[] = ids.slice(at, at + 10);
    const again = await graphql(server, `{ ${chunk.map((id, i) => `s${i}: node(id: ${JSON.stringify(id)}) { id }`).join(' ')} }`);
    expect(again.errors).toBeUndefined();
    expect(Object.values(again.data).map((n) => (n as { id: string }).id)).toEqual(chunk);
  }
});
