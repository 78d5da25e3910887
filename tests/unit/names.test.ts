/** Names by language and quote translations: the fallback order, the `lang` argument, and bundle validation with JSON paths. */
import fs from 'node:fs';
import path from 'node:path';
import { validationProblems } from '../support/validation';
import { languageArgument } from '../../src/core/graphql/arguments';
import { InvalidArgumentError } from '../../src/core/errors';
import { isLanguageCode, localizedName, namesOf } from '../../src/core/model/names';
import { citationsOf, entityFromNode, entityNodeProperties } from '../../src/core/model/storage';
import { pathExplanation } from '../../src/core/model/path-sentences';
import { type Bundle } from '../../src/ingest/bundle';

const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.bundle.json'), 'utf8')) as Bundle;
const agencyTitle = 'Azərbaycan Respublikasının Prezidenti yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi';

function problemsOf(mutate: (bundle: Bundle) => void): { path: string; message: string }[] {
  const bundle = structuredClone(seed);
  mutate(bundle);
  return validationProblems(bundle);
}

describe('name(lang) falls back: requested language, then English, then the canonical name', () => {
  const agency = {
    name: agencyTitle,
    names: namesOf({ en: 'State Agency for Public Service and Social Innovations', ru: 'Государственное агентство' }),
  };
  test('the requested language when known', () => expect(localizedName(agency, 'ru')).toBe('Государственное агентство'));
  test('English when the requested language is not known', () =>
    expect(localizedName(agency, 'de')).toBe('State Agency for Public Service and Social Innovations'));
  test('the canonical name when neither is known', () =>
    expect(localizedName({ name: agencyTitle, names: namesOf({ ru: 'Государственное агентство' }) }, 'de')).toBe(agencyTitle));
  test('without a language: the canonical name, even when an English one is known', () =>
    expect(localizedName(agency, null)).toBe(agencyTitle));
  test('names are listed in language-code order', () => expect(agency.names.map((name) => name.language)).toEqual(['en', 'ru']));
});

test('a node stores names by language as parallel arrays and reads them back', () => {
  const props = entityNodeProperties(
    { id: 'agency:un', type: 'Agency', name: 'Birləşmiş Millətlər Təşkilatı', names: namesOf({ ru: 'ООН', en: 'United Nations' }) },
    'source:x',
  );
  expect(props).toMatchObject({ nameLanguages: ['en', 'ru'], nameValues: ['United Nations', 'ООН'] });
  expect(entityFromNode(props).names).toEqual([
    { language: 'en', name: 'United Nations' },
    { language: 'ru', name: 'ООН' },
  ]);
  expect(entityFromNode({ ...props, nameLanguages: undefined, nameValues: undefined }).names).toEqual([]);
});

test("citations read each quote's aligned translation; none where the array is absent or the entry is empty", () => {
  const props = {
    sourceIds: ['source:a', 'source:a'],
    quotes: ['BMT-nin', 'x y z'],
    notes: ['', ''],
    quoteTranslations: [JSON.stringify({ en: "the UN's" }), ''],
  };
  expect(citationsOf(props).map((citation) => citation.quoteTranslations)).toEqual([{ en: "the UN's" }, {}]);
  expect(citationsOf({ sourceIds: ['source:a'], quotes: ['q'] })[0]!.quoteTranslations).toBeUndefined();
});

test('a path explanation names entities in the requested language, English by default where known', () => {
  const nodes = [
    entityFromNode(entityNodeProperties({ id: 'person:ulvi-mehdiyev', type: 'Person', name: 'Ülvi Mehdiyev' }, 's')),
    entityFromNode(
      entityNodeProperties({ id: 'agency:asan-xidmet', type: 'Agency', name: agencyTitle, names: namesOf({ en: 'State Agency' }) }, 's'),
    ),
  ];
  const relations = [
    {
      type: 'HOLDS_POSITION' as const,
      fromId: 'person:ulvi-mehdiyev',
      toId: 'agency:asan-xidmet',
      role: 'Chairman',
      start: null,
      end: null,
      citations: [],
      disputed: false,
    },
  ];
  expect(pathExplanation(nodes, relations, 'en')).toBe('Ülvi Mehdiyev is Chairman at State Agency.');
  expect(pathExplanation(nodes, relations, 'az')).toBe('Ülvi Mehdiyev is Chairman at State Agency.');
  expect(pathExplanation(nodes, relations)).toBe(`Ülvi Mehdiyev is Chairman at ${agencyTitle}.`);
});

describe('the lang argument', () => {
  test('an ISO 639-1 code, lower-cased', () => expect(languageArgument('lang', 'EN')).toBe('en'));
  test('absent is null', () => expect(languageArgument('lang', null)).toBeNull());
  test.each(['eng', 'xx', 'e', ''])('refuses %p', (value) => expect(() => languageArgument('lang', value)).toThrow(InvalidArgumentError));
  test('the code list is ISO 639-1', () => {
    expect(['en', 'az', 'ru', 'ps', 'fa', 'zh'].every(isLanguageCode)).toBe(true);
    expect(['xx', 'EN', 'eng'].some(isLanguageCode)).toBe(false);
  });
});

describe('bundle validation of names and quote translations', () => {
  test('the seed, with its names and aligned translations, is valid', () => expect(problemsOf(() => undefined)).toEqual([]));

  test('a key that is not two lower-case letters names its path', () => {
    expect(problemsOf((b) => (b.entities[2]!.names = { EN: 'State Agency' }))).toEqual([
      { path: '/entities/2/names/EN', message: expect.stringContaining('bad language "EN"') },
    ]);
  });

  test('two letters that are no ISO 639-1 code', () => {
    expect(problemsOf((b) => (b.entities[2]!.names = { xx: 'State Agency' }))).toEqual([
      { path: '/entities/2/names/xx', message: expect.stringContaining('not an ISO 639-1 code') },
    ]);
  });

  test('an empty or blank name', () => {
    expect(problemsOf((b) => (b.entities[2]!.names = { en: '' }))).toEqual([
      { path: '/entities/2/names/en', message: expect.stringContaining('fewer than 1 characters') },
    ]);
    expect(problemsOf((b) => (b.entities[2]!.names = { en: '   ' }))).toEqual([
      { path: '/entities/2/names/en', message: expect.stringContaining('empty name') },
    ]);
  });

  test('a name that is not a string', () => {
    expect(problemsOf((b) => ((b.entities[2] as unknown as { names: unknown }).names = { en: 7 }))).toEqual([
      { path: '/entities/2/names/en', message: 'must be string' },
    ]);
  });

  test("translations must align with the quotes and occur in the source's translation", () => {
    expect(problemsOf((b) => (b.entities[2]!.translations = [{ en: 'State Agency' }]))).toEqual([
      { path: '/entities/2/translations', message: expect.stringContaining('1 translation(s) for 3 quote(s)') },
    ]);
    expect(problemsOf((b) => (b.relations[3]!.translations = [{ en: 'words the translator never wrote' }]))).toEqual([
      {
        path: '/relations/3/translations/0/en',
        message: expect.stringContaining('translation not found in the source\'s "en" translation'),
      },
    ]);
    expect(problemsOf((b) => (b.relations[3]!.translations = [{ ru: 'Афганистан' }]))).toEqual([
      { path: '/relations/3/translations/0/ru', message: expect.stringContaining('no "ru" translation') },
    ]);
    expect(problemsOf((b) => (b.relations[3]!.translations = [null]))).toEqual([]);
  });
});
