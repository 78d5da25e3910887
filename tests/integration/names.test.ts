/**
 * Readable in English: names by language with their fallback order, English path explanations and
 * timeline titles, and the founding source's quotes with their aligned English translation, all
 * read through GraphQL from the seeded graph.
 */
import type { Database } from '../../src/core/db/database';
import type { RunningServer } from '../../src/app/server';
import { validateBundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { testBundle } from '../support/bundles';
import { graphql, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

const agencyTitle = 'Azərbaycan Respublikasının Prezidenti yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi';
const stateAgency = 'State Agency for Public Service and Social Innovations';

test("name(lang:) falls back requested language -> English -> canonical; name without lang stays the canonical (the source's)", async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        a: entity(id: "agency:asan-xidmet") {
          name
          en: name(lang: "en")
          de: name(lang: "de")
          names {
            language
            name
          }
        }
        un: entity(id: "agency:un") {
          name
          en: name(lang: "EN")
        }
        p: entity(id: "person:amanullah-ceyhun") {
          name
          ru: name(lang: "ru")
          fr: name(lang: "fr")
          names {
            language
            name
          }
        }
        m: entity(id: "person:ulvi-mehdiyev") {
          de: name(lang: "de")
          names {
            language
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(data.a).toEqual({ name: agencyTitle, en: stateAgency, de: stateAgency, names: [{ language: 'en', name: stateAgency }] });
  expect(data.un).toEqual({ name: 'Birləşmiş Millətlər Təşkilatı', en: 'United Nations' });
  expect(data.p).toEqual({
    name: 'Amanullah Ceyhun',
    ru: 'Аманулла Джейхун',
    fr: 'Amanullah Ceyhun',
    names: [{ language: 'ru', name: 'Аманулла Джейхун' }],
  });
  expect(data.m).toEqual({ de: 'Ülvi Mehdiyev', names: [] });
});

test('name(lang:) in lists and nested relation fields (compiled selections ship the names by language)', async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        agencies(filter: { text: "Birləşmiş Millətlər" }, first: 5) {
          edges {
            node {
              id
              name(lang: "en")
            }
          }
        }
        entity(id: "award:unpsa-2015") {
          ... on Award {
            name
            az: name(lang: "az")
            conferredBy {
              name(lang: "en")
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  expect(data.agencies.edges.map((edge: { node: { id: string; name: string } }) => edge.node)).toContainEqual({
    id: 'agency:un',
    name: 'United Nations',
  });
  expect(data.entity).toEqual({
    name: 'United Nations Public Service Award 2015',
    az: 'Birləşmiş Millətlər Təşkilatının Dövlət Xidmətləri Mükafatı',
    conferredBy: { name: 'United Nations' },
  });
});

test('a bad lang is BAD_USER_INPUT naming the argument', async () => {
  const { errors } = await graphql(server, '{ entity(id: "agency:un") { name(lang: "eng") } }');
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lang' });
  const paths = await graphql(server, '{ paths(from: "person:ulvi-mehdiyev", to: "agency:un", lang: "xx") { explanation } }');
  expect(paths.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lang' });
});

test('a path explanation is English by default: the State Agency by its English name, not the Azerbaijani title', async () => {
  const { data, errors } = await graphql(
    server,
    '{ paths(from: "person:ulvi-mehdiyev", to: "center:asan-khedmat-kabul", first: 3) { nodes { id } explanation } }',
  );
  expect(errors).toBeUndefined();
  const viaAgency = data.paths.find((path: { nodes: { id: string }[] }) => path.nodes.some((node) => node.id === 'agency:asan-xidmet'));
  expect(viaAgency.explanation).toBe(
    `Ülvi Mehdiyev is Chairman at ${stateAgency}; ASAN khedmat centre in Kabul is modelled on ${stateAgency}.`,
  );
  for (const path of data.paths) expect(path.explanation).not.toContain(agencyTitle);

  // Another language falls back to English where it has no name, and uses its own where it has one.
  const az = await graphql(
    server,
    '{ paths(from: "person:amanullah-ceyhun", to: "event:mehdiyev-ceyhun-2021-02-24", first: 1, lang: "ru") { explanation } }',
  );
  expect(az.errors).toBeUndefined();
  expect(az.data.paths[0].explanation).toContain('Аманулла Джейхун');
});

test('timeline titles use the requested language, English by default', async () => {
  const query = `query($lang: String) { timeline(entity: "agency:asan-xidmet", to: "2016", lang: $lang) { edges { node { title entity { id } } } } }`;
  const english = await graphql(server, query);
  expect(english.errors).toBeUndefined();
  const award = (timeline: { edges: { node: { title: string; entity: { id: string } } }[] }) =>
    timeline.edges.find((edge) => edge.node.entity.id === 'award:unpsa-2015')!.node.title;
  expect(award(english.data.timeline)).toBe('United Nations Public Service Award 2015');
  const azerbaijani = await graphql(server, query, { lang: 'az' });
  expect(azerbaijani.errors).toBeUndefined();
  expect(award(azerbaijani.data.timeline)).toBe('Birləşmiş Millətlər Təşkilatının Dövlət Xidmətləri Mükafatı');
});

test("the founding source's quotes carry their aligned English translation", async () => {
  const { data, errors } = await graphql(
    server,
    `
      {
        entity(id: "agency:un") {
          citations {
            quote
            quoteTranslation
            en: quoteTranslation(lang: "en")
            ru: quoteTranslation(lang: "ru")
            source {
              id
            }
          }
        }
        m: entity(id: "memorandum:asan-af-2016") {
          relations(types: [PARTY_TO]) {
            citations {
              quote
              quoteTranslation
            }
          }
        }
      }
    `,
  );
  expect(errors).toBeUndefined();
  const founding = data.entity.citations.filter(
    (citation: { source: { id: string } }) => citation.source.id === 'source:asan-2021-02-24-afghan-ambassador',
  );
  expect(founding).toEqual([
    {
      quote: 'Birləşmiş Millətlər Təşkilatının',
      quoteTranslation: 'United Nations',
      en: 'United Nations',
      ru: null,
      source: { id: 'source:asan-2021-02-24-afghan-ambassador' },
    },
    {
      quote: 'BMT-nin',
      quoteTranslation: "the UN's",
      en: "the UN's",
      ru: null,
      source: { id: 'source:asan-2021-02-24-afghan-ambassador' },
    },
  ]);
  // Every translation is a passage of the source's stored English translation.
  const source = await graphql(server, '{ source(id: "source:asan-2021-02-24-afghan-ambassador") { translations { language text } } }');
  const english = source.data?.source?.translations?.find((t: { language: string }) => t.language === 'en')?.text as string | undefined;
  const party = data.m.relations[0].citations[0];
  expect(party.quote).toContain('Anlaşma Memorandumunun');
  expect(party.quoteTranslation).toContain('Memorandum of Understanding signed in 2016');
  expect(english).toContain(party.quoteTranslation);
});

test('a citation from a source that aligns no translation has none', async () => {
  const { data, errors } = await graphql(server, '{ entity(id: "agency:un-desa") { citations { quoteTranslation } } }');
  expect(errors).toBeUndefined();
  for (const citation of data.entity?.citations ?? []) expect(citation.quoteTranslation).toBeNull();
});

test('a later source fills only languages still missing; a quote aligned later gains its translation; writing twice changes nothing', async () => {
  const first = testBundle('names');
  first.source = {
    ...first.source,
    language: 'az',
    translations: [{ language: 'en', text: 'The Example Agency of Azerbaijan (in English), and a memorandum.' }],
  };
  const agency = first.entities[0]!;
  agency.names = { en: 'Example Agency (English)' };
  validateBundle(first, 'first');
  await writeBundle(db, first, 'first');

  // The same source again, its quote now aligned: the stored citation gains the translation, no second citation.
  const aligned = structuredClone(first);
  aligned.entities[0]!.translations = [{ en: 'The Example Agency of Azerbaijan (in English)' }];
  validateBundle(aligned, 'aligned');
  await writeBundle(db, aligned, 'aligned');
  await writeBundle(db, aligned, 'aligned');

  // Another source names it in English differently and in Russian: only Russian is added.
  const second = testBundle('names-b');
  second.entities = [{ ...agency, names: { en: 'Another English name', ru: 'Пример' }, quotes: ['The Example Agency of Azerbaijan'] }];
  second.relations = [];
  validateBundle(second, 'second');
  await writeBundle(db, second, 'second');

  const { data, errors } = await graphql(
    server,
    'query($id: ID!) { entity(id: $id) { name names { language name } citations { quote quoteTranslation source { id } } } }',
    { id: agency.id },
  );
  expect(errors).toBeUndefined();
  expect(data.entity.names).toEqual([
    { language: 'en', name: 'Example Agency (English)' },
    { language: 'ru', name: 'Пример' },
  ]);
  expect(data.entity.citations).toEqual([
    {
      quote: 'The Example Agency of Azerbaijan',
      quoteTranslation: 'The Example Agency of Azerbaijan (in English)',
      source: { id: first.source.id },
    },
    { quote: 'The Example Agency of Azerbaijan', quoteTranslation: null, source: { id: second.source.id } },
  ]);
  // Search finds it by a name in another language, as by an alias.
  const found = await graphql(server, '{ search(query: "Пример", first: 50) { edges { node { id } } } }');
  expect(found.data.search.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(agency.id);
});
