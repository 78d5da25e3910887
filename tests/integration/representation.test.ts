/**
 * Representation (core/model/country-routes.ts): an official's post at a country's embassy or
 * mission abroad brings the meetings, trainings, events and awards they take part in to the
 * sending country's timeline, lists, facets, stats and partners, through the post. On the seed:
 * the founding press release's own meeting with Afghanistan's ambassador is an Afghan fact. On a
 * bundle of our own: a mission is an embassy or an agency accredited abroad; a post at a home
 * ministry does not carry; a post not yet held on `asOf` does not either.
 */
import { loadConfig } from '../../src/app/config';
import type { RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { validateBundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { graphql, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const meeting = 'event:mehdiyev-ceyhun-2021-02-24';
const ambassador = 'person:amanullah-ceyhun';
const foundingSource = 'source:asan-2021-02-24-afghan-ambassador';

describe("the founding document's meeting with Afghanistan's ambassador", () => {
  test("is on Afghanistan's timeline, reached through the ambassador's cited post at Afghanistan's embassy", async () => {
    const { data, errors } = await graphql(
      server,
      `{
        timeline(country: "AF", first: 100) { totalCount edges { node { entity { id } kind date { iso } } } }
        entity(id: "${ambassador}") {
          relations(types: [HOLDS_POSITION, PARTICIPATED_IN]) {
            type from { id } to { id ... on Agency { kind country { id } accreditedTo { id } } } role
            citations { source { id } quote quoteTranslation(lang: "en") }
          }
        }
      }`,
    );
    expect(errors).toBeUndefined();
    const ids = data.timeline.edges.map((edge: { node: { entity: { id: string } } }) => edge.node.entity.id);
    expect(ids).toContain(meeting);
    expect(data.timeline.edges.find((edge: { node: { entity: { id: string } } }) => edge.node.entity.id === meeting).node).toEqual({
      entity: { id: meeting },
      kind: 'EVENT',
      date: { iso: '2021-02-24' },
    });
    const post = data.entity.relations.find((relation: { type: string }) => relation.type === 'HOLDS_POSITION');
    expect(post).toMatchObject({
      to: { id: 'agency:embassy-af-in-az', kind: 'EMBASSY', country: { id: 'country:AF' }, accreditedTo: { id: 'country:AZ' } },
      role: 'Ambassador Extraordinary and Plenipotentiary',
    });
    expect(post.citations).toEqual(
      expect.arrayContaining([
        {
          source: { id: foundingSource },
          quote: expect.stringContaining('səlahiyyətli səfiri Amanullah Ceyhun'),
          quoteTranslation: expect.stringContaining('Ambassador Extraordinary and Plenipotentiary'),
        },
      ]),
    );
    const taking = data.entity.relations.find((relation: { type: string; to: { id: string } }) => relation.to.id === meeting);
    expect(taking.citations.map((citation: { source: { id: string } }) => citation.source.id)).toContain(foundingSource);
  });

  test("Afghanistan's events list, facets and stats count it; Azerbaijan keeps it too", async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          af: events(filter: { country: "AF" }, first: 100) {
            totalCount
            edges {
              node {
                id
              }
            }
            facets(by: [COUNTRY]) {
              buckets {
                key
                count
              }
            }
          }
          az: events(filter: { country: "AZ" }, first: 100) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
    );
    // The stats apart: each request plans its statements cold, within the query timeout.
    const stats = await graphql(server, '{ stats(filter: { country: "AF" }) { factsByCountry { country type count } } }');
    expect(stats.errors).toBeUndefined();
    expect(errors).toBeUndefined();
    expect(data.af.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(meeting);
    expect(data.az.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(meeting);
    const buckets = Object.fromEntries(
      data.af.facets[0].buckets.map((bucket: { key: string; count: number }) => [bucket.key, bucket.count]),
    );
    expect(buckets.AF).toBe(data.af.totalCount);
    expect(buckets.AZ).toBeGreaterThanOrEqual(1);
    const afghanEvents = stats.data.stats.factsByCountry.find(
      (row: { country: string; type: string }) => row.country === 'AF' && row.type === 'EVENT',
    );
    expect(afghanEvents.count).toBe(data.af.totalCount);
  });

  test("Afghanistan's partners include the State Agency, linked by the ambassador's part in the meeting", async () => {
    const { data, errors } = await graphql(
      server,
      `
        {
          country(code: "AF") {
            partners(first: 100, linksFirst: 100) {
              edges {
                node {
                  partner {
                    id
                  }
                  links {
                    type
                    from {
                      id
                    }
                    to {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const agency = data.country.partners.edges.find(
      (edge: { node: { partner: { id: string } } }) => edge.node.partner.id === 'agency:asan-xidmet',
    );
    expect(agency.node.links).toEqual(expect.arrayContaining([{ type: 'PARTICIPATED_IN', from: { id: ambassador }, to: { id: meeting } }]));
  });
});

describe('the rule, on a bundle of our own', () => {
  const slug = uniqueSlug('representation');
  const id = (kind: string, name: string) => `${kind}:${slug}-${name}`;

  beforeAll(async () => {
    const entity = (type: string, key: string, attributes: Record<string, unknown> = {}) => ({
      id: id(type === 'ServiceCenter' ? 'center' : type.toLowerCase(), key),
      type,
      name: `${type} ${key} ${slug}`,
      quotes: [],
      attributes,
    });
    const relation = (type: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
      type,
      from,
      to,
      quotes: [],
      ...extra,
    });
    const bundle = validateBundle(
      {
        format: 'coopgraph-bundle/1',
        source: {
          id: `source:${slug}`,
          title: `Representation ${slug}`,
          publisher: 'coopgraph tests',
          language: 'en',
          url: null,
          text: null,
        },
        entities: [
          entity('Agency', 'embassy', { kind: 'EMBASSY' }),
          entity('Agency', 'mission', { kind: 'OTHER' }),
          entity('Agency', 'ministry', { kind: 'MINISTRY' }),
          entity('Person', 'ambassador'),
          entity('Person', 'envoy'),
          entity('Person', 'minister'),
          entity('Event', 'reception', { kind: 'MEETING', date: '2022-05-01' }),
          entity('Event', 'forum', { kind: 'FORUM', date: '2022-06' }),
          entity('Event', 'visit', { kind: 'VISIT', date: '2022' }),
          entity('Event', 'briefing', { kind: 'MEETING' }),
          entity('Event', 'talks', { kind: 'MEETING' }),
          entity('Training', 'course', { date: '2022-09' }),
          entity('Award', 'medal', { date: '2023' }),
        ],
        relations: [
          // Lesotho's embassy and Lesotho's mission (accredited, not called an embassy) in Bhutan; a ministry at home.
          relation('BASED_IN', id('agency', 'embassy'), 'country:LS'),
          relation('ACCREDITED_TO', id('agency', 'embassy'), 'country:BT'),
          relation('BASED_IN', id('agency', 'mission'), 'country:LS'),
          relation('ACCREDITED_TO', id('agency', 'mission'), 'country:BT'),
          relation('BASED_IN', id('agency', 'ministry'), 'country:LS'),
          relation('HOLDS_POSITION', id('person', 'ambassador'), id('agency', 'embassy'), { role: 'Ambassador', start: '2021' }),
          relation('HOLDS_POSITION', id('person', 'envoy'), id('agency', 'mission'), { role: 'Envoy' }),
          relation('HOLDS_POSITION', id('person', 'minister'), id('agency', 'ministry'), { role: 'Minister' }),
          // Every fact takes place in Bhutan; only its Lesotho officials can make it Lesotho's.
          ...['reception', 'forum', 'visit', 'briefing', 'talks'].map((event) => relation('LOCATED_IN', id('event', event), 'country:BT')),
          relation('PARTICIPATED_IN', id('person', 'ambassador'), id('event', 'reception'), { role: 'guest' }),
          relation('PARTICIPATED_IN', id('person', 'ambassador'), id('event', 'briefing'), { role: 'guest' }),
          relation('PARTICIPATED_IN', id('person', 'envoy'), id('event', 'talks'), { role: 'guest' }),
          relation('PARTICIPATED_IN', id('person', 'envoy'), id('event', 'forum'), { role: 'speaker' }),
          relation('PARTICIPATED_IN', id('person', 'minister'), id('event', 'visit'), { role: 'visitor' }),
          relation('TRAINED', id('training', 'course'), id('person', 'ambassador'), { role: 'trainee' }),
          relation('RECEIVED', id('person', 'ambassador'), id('award', 'medal')),
        ],
      },
      'test',
    );
    // Under the import timeout, as imports run: the write recomputes the partner ranks it changes.
    await writeBundle(db.withTimeout(loadConfig().importTimeoutMs), bundle, 'test');
  });

  test("an embassy's or an accredited mission's official brings their meetings, trainings and awards to the sending country; a home ministry's does not", async () => {
    const { data, errors } = await graphql(
      server,
      `
        query ($prefix: String!) {
          ls: timeline(country: "LS", first: 100) {
            edges {
              node {
                entity {
                  id
                }
              }
            }
          }
          bt: timeline(country: "BT", first: 100) {
            edges {
              node {
                entity {
                  id
                }
              }
            }
          }
          events(filter: { country: "LS", idPrefix: $prefix }) {
            edges {
              node {
                id
              }
            }
            facets(by: [COUNTRY]) {
              buckets {
                key
                count
              }
            }
          }
        }
      `,
      { prefix: `event:${slug}` },
    );
    expect(errors).toBeUndefined();
    const ours = (edges: { node: { entity: { id: string } } }[]) =>
      edges
        .map((edge) => edge.node.entity.id)
        .filter((key) => key.includes(slug))
        .sort();
    expect(ours(data.ls.edges)).toEqual(
      [id('award', 'medal'), id('event', 'forum'), id('event', 'reception'), id('training', 'course')].sort(),
    );
    expect(ours(data.bt.edges)).toEqual([id('event', 'forum'), id('event', 'reception'), id('event', 'visit')].sort());
    const lesotho = ['briefing', 'forum', 'reception', 'talks'].map((event) => id('event', event));
    expect(data.events.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual(lesotho.sort());
    expect(data.events.facets[0].buckets).toEqual(
      expect.arrayContaining([
        { key: 'LS', count: 4 },
        { key: 'BT', count: 4 },
      ]),
    );
  });

  test('with asOf, a post not yet held carries nothing (undated events exist on any date; dated ones from their date)', async () => {
    const { data, errors } = await graphql(
      server,
      `
        query ($prefix: String!) {
          before: events(filter: { country: "LS", idPrefix: $prefix }, asOf: "2020") {
            edges {
              node {
                id
              }
            }
          }
          during: events(filter: { country: "LS", idPrefix: $prefix }, asOf: "2022-12") {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
      { prefix: `event:${slug}` },
    );
    expect(errors).toBeUndefined();
    expect(data.before.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([id('event', 'talks')]);
    expect(data.during.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual(
      ['briefing', 'forum', 'reception', 'talks'].map((event) => id('event', event)).sort(),
    );
  });
});
