/** Conflicts from bundles: two sources giving different values for one attribute make a conflict; agreeing or coarser dates do not. */
import type { Database } from '../../src/core/db/database';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import type { RunningServer } from '../../src/app/server';
import { graphql, recordQueries, uniqueSlug, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const bundle = (slug: string, n: number, opened: string, signed: string): Bundle =>
  validateBundle(
    {
      format: 'coopgraph-bundle/1',
      source: {
        id: `source:${slug}-${n}`,
        title: `Source ${n}`,
        publisher: 'Test',
        language: 'en',
        url: `https://example.org/${slug}/${n}`,
        text: null,
      },
      entities: [
        { id: `center:${slug}`, type: 'ServiceCenter', name: `Centre ${slug}`, quotes: [], attributes: { opened } },
        { id: `memorandum:${slug}`, type: 'Memorandum', name: `MoU ${slug}`, quotes: [], attributes: { kind: 'MOU', signed } },
      ],
      relations: [{ type: 'LOCATED_IN', from: `center:${slug}`, to: 'country:KE', quotes: [] }],
    },
    'test',
  );

test('differing dates conflict, a coarser date agrees, and each claim is cited', async () => {
  const slug = uniqueSlug('conflict');
  await writeBundle(db, bundle(slug, 1, '2020-05', '2019'), 'test');
  await writeBundle(db, bundle(slug, 2, '2020-06', '2019-03-01'), 'test');
  const { data, errors } = await graphql(
    server,
    `
      query ($id: ID) {
        conflicts(entity: $id) {
          totalCount
          edges {
            node {
              subject {
                id
              }
              property
              claims {
                value
                citations {
                  source {
                    id
                  }
                }
              }
            }
          }
        }
      }
    `,
    { id: `center:${slug}` },
  );
  expect(errors).toBeUndefined();
  expect(data.conflicts.totalCount).toBe(1);
  expect(data.conflicts.edges[0].node).toEqual({
    subject: { id: `center:${slug}` },
    property: 'opened',
    claims: [
      { value: '2020-05', citations: [{ source: { id: `source:${slug}-1` } }] },
      { value: '2020-06', citations: [{ source: { id: `source:${slug}-2` } }] },
    ],
  });
  const memorandum = await graphql(
    server,
    `
      query ($id: ID) {
        conflicts(entity: $id) {
          totalCount
        }
      }
    `,
    { id: `memorandum:${slug}` },
  );
  expect(memorandum.data.conflicts.totalCount).toBe(0);
  // Writing the same bundle again adds nothing.
  await writeBundle(db, bundle(slug, 2, '2020-06', '2019-03-01'), 'test');
  const again = await graphql(
    server,
    `
      query ($id: ID) {
        conflicts(entity: $id) {
          edges {
            node {
              claims {
                citations {
                  source {
                    id
                  }
                }
              }
            }
          }
        }
      }
    `,
    { id: `center:${slug}` },
  );
  expect(again.data.conflicts.edges[0].node.claims.flatMap((c: { citations: unknown[] }) => c.citations)).toHaveLength(2);
});

test('the finest date a source gives is shown: a later, finer form of the stored date replaces it; a different date does not, and is a conflict', async () => {
  const slug = uniqueSlug('finer');
  const opened = async () =>
    (
      await graphql(server, 'query($id: ID!) { entity(id: $id) { ... on ServiceCenter { opened { iso precision } } } }', {
        id: `center:${slug}`,
      })
    ).data.entity.opened;
  await writeBundle(db, bundle(slug, 1, '2019', '2019'), 'test');
  expect(await opened()).toEqual({ iso: '2019', precision: 'YEAR' });
  await writeBundle(db, bundle(slug, 2, '2019-01-15', '2019'), 'test');
  expect(await opened()).toEqual({ iso: '2019-01-15', precision: 'DAY' });
  // A coarser date later changes nothing; a date that is not a form of it neither, but conflicts.
  await writeBundle(db, bundle(slug, 3, '2019-01', '2019'), 'test');
  await writeBundle(db, bundle(slug, 4, '2019-02', '2019'), 'test');
  expect(await opened()).toEqual({ iso: '2019-01-15', precision: 'DAY' });
  const { data } = await graphql(server, 'query($id: ID) { conflicts(entity: $id) { edges { node { property claims { value } } } } }', {
    id: `center:${slug}`,
  });
  expect(data.conflicts.edges).toEqual([
    { node: { property: 'opened', claims: [{ value: '2019' }, { value: '2019-01' }, { value: '2019-01-15' }, { value: '2019-02' }] } },
  ]);
});

test('disputes inline: a stated date says it is disputed and lists the other dates with their sources, on the entity, in its timeline entry and in a list', async () => {
  const slug = uniqueSlug('inline');
  await writeBundle(db, bundle(slug, 1, '2020-05', '2019'), 'test');
  await writeBundle(db, bundle(slug, 2, '2020-06', '2019-03-01'), 'test');
  const dateFields = 'iso disputed alternatives { value citations { source { id } } }';
  const { data, errors } = await graphql(
    server,
    `query($centre: ID!, $mou: ID!) {
      centre: entity(id: $centre) { ... on ServiceCenter { opened { ${dateFields} } } }
      mou: entity(id: $mou) { ... on Memorandum { signed { ${dateFields} } } }
      timeline(entity: $centre) { edges { node { date { ${dateFields} } } } }
    }`,
    { centre: `center:${slug}`, mou: `memorandum:${slug}` },
  );
  expect(errors).toBeUndefined();
  const disputedOpening = {
    iso: '2020-05',
    disputed: true,
    alternatives: [{ value: '2020-06', citations: [{ source: { id: `source:${slug}-2` } }] }],
  };
  expect(data.centre.opened).toEqual(disputedOpening);
  // 2019 and 2019-03-01 are one date at two precisions: the finer is shown, nothing disputes it.
  expect(data.mou.signed).toEqual({ iso: '2019-03-01', disputed: false, alternatives: [] });
  expect(data.timeline.edges).toEqual([{ node: { date: disputedOpening } }]);
});

test("a list page's stated dates read their disputes in one statement", async () => {
  const slug = uniqueSlug('inline-list');
  await writeBundle(db, bundle(slug, 1, '2021-01', '2021'), 'test');
  const recorder = recordQueries(db);
  const { errors } = await graphql(server, '{ serviceCenters(first: 20) { edges { node { opened { iso disputed } } } } }');
  recorder.stop();
  expect(errors).toBeUndefined();
  expect(recorder.queries.filter((query) => query.cypher.includes(':Claim'))).toHaveLength(1);
});

test("positions say when sources disagree on the title: Li Junhua's three UN titles are each disputed", async () => {
  const { data, errors } = await graphql(
    server,
    '{ entity(id: "person:li-junhua") { ... on Person { positions { edges { node { title organization { id } disputed citations { source { id } } } } } } } }',
  );
  expect(errors).toBeUndefined();
  const positions = (
    data.entity.positions.edges as { node: { title: string; organization: { id: string }; disputed: boolean; citations: unknown[] } }[]
  ).map((edge) => edge.node);
  expect(positions.map((position) => [position.title, position.organization.id, position.disputed]).sort()).toEqual([
    ['Assistant Secretary-General', 'agency:un', true],
    ['Deputy Secretary-General', 'agency:un', true],
    ['Under-Secretary-General for Economic and Social Affairs', 'agency:un', true],
  ]);
  for (const position of positions) expect(position.citations.length).toBeGreaterThan(0);
});

test("README's worked example: MESOB's opening month, disputed inline", async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        entity(id: "center:et-addis-ababa") {
          name
          ... on ServiceCenter {
            opened {
              iso
              precision
              disputed
              alternatives {
                value
                citations {
                  source {
                    publisher
                    url
                  }
                  note
                }
              }
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(data.entity.opened).toEqual({
    iso: '2025-06',
    precision: 'MONTH',
    disputed: true,
    alternatives: [
      {
        value: '2025-05',
        citations: [
          {
            source: { publisher: 'allAfrica', url: 'https://allafrica.com/stories/202505050561.html' },
            note: "F40: Digest dated 5 May 2025 says 'this week'; bantugazette.com gives 12 agencies and 41 services. No Azerbaijan mention in these excerpts. CONFLICT with F39 (June 2025).",
          },
        ],
      },
    ],
  });
});
