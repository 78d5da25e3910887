/** The extractor's parts on single sentences: dates at their precision, numbers with their qualifiers, stems, the language, the CLI's reading of files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExtractArguments, readDocument } from '../../src/app/extract';
import { InvalidArgumentError } from '../../src/core/errors';
import { datesIn } from '../../src/ingest/extract/dates';
import { detectLanguage } from '../../src/ingest/extract/language';
import { quantitiesIn } from '../../src/ingest/extract/quantities';
import { stemOf } from '../../src/ingest/extract/stems';

const isoOf = (text: string, language: 'en' | 'az' | 'ru') => datesIn(text, language).map((date) => date.iso);
const stated = (text: string, language: 'en' | 'az' | 'ru') =>
  quantitiesIn(text, language).map(({ value, qualifier, unit }) => ({ value, qualifier, unit }));

test('dates keep the precision the text gives them', () => {
  expect(isoOf('24 fevral 2021-ci il tarixində görüşüb; memorandum 2016-cı ildə imzalanıb.', 'az')).toEqual(['2021-02-24', '2016']);
  expect(isoOf('2023-cü ilin may ayında açılıb.', 'az')).toEqual(['2023-05']);
  expect(isoOf('14 марта 2024 года встретился; в феврале 2021 года; в 2016 году.', 'ru')).toEqual(['2024-03-14', '2021-02', '2016']);
  expect(isoOf('Signed on 12 March 2024, opened in May 2023, awarded in 2015.', 'en')).toEqual(['2024-03-12', '2023-05', '2015']);
  expect(isoOf('Tarix: 24-02-2021 16:58', 'az')).toEqual(['2021-02-24']);
});

test('numbers keep their qualifiers and units', () => {
  expect(stated('ASAN Service trained more than 40 employees and about 20 trainings were held; up to 5 visits.', 'en')).toEqual([
    { value: 40, qualifier: 'MORE_THAN', unit: 'employees' },
    { value: 20, qualifier: 'ABOUT', unit: 'trainings' },
    { value: 5, qualifier: 'AT_MOST', unit: 'visits' },
  ]);
  expect(stated('100-dən çox nümayəndəyə 20-yə yaxın təlim keçirilib; 42 milyondan çox vətəndaş müraciəti.', 'az')).toEqual([
    { value: 100, qualifier: 'MORE_THAN', unit: 'nümayəndə' },
    { value: 20, qualifier: 'ABOUT', unit: 'təlim' },
    { value: 42_000_000, qualifier: 'MORE_THAN', unit: 'vətəndaş' },
  ]);
  expect(stated('около 20 тренингов для более 100 сотрудников, не менее 3 центров, 1 200 человек', 'ru')).toEqual([
    { value: 20, qualifier: 'ABOUT', unit: 'тренингов' },
    { value: 100, qualifier: 'MORE_THAN', unit: 'сотрудников' },
    { value: 3, qualifier: 'AT_LEAST', unit: 'центров' },
    { value: 1200, qualifier: 'EXACT', unit: 'человек' },
  ]);
  // A year is a date, not a count.
  expect(stated('In 2016 the agency was founded.', 'en')).toEqual([]);
});

test('stems take inflection off so a stored name is a prefix', () => {
  expect(stemOf('Agentliyinin', 'az')).toBe('Agentliy');
  expect(stemOf('Respublikasındakı', 'az')).toBe('Respublik');
  expect(stemOf('BMT-nin', 'az')).toBe('BMT');
  expect(stemOf('Министерства', 'ru')).toBe('Министерств');
  expect(stemOf("Afghanistan's", 'en')).toBe('Afghanistan');
  expect(stemOf('nümayəndəyə', 'az', 'case')).toBe('nümayəndə');
});

test('the language of English, Azerbaijani and Russian texts (franc, loaded as an ES module)', async () => {
  expect(await detectLanguage('The chairman of the State Agency met the ambassador of Afghanistan in Baku on 24 February 2021.')).toEqual({
    language: 'en',
    supported: true,
  });
  expect(
    await detectLanguage('Dövlət Agentliyinin sədri Əfqanıstanın səfiri ilə görüşüb və əməkdaşlıq məsələlərini müzakirə edib.'),
  ).toEqual({ language: 'az', supported: true });
  expect(await detectLanguage('Председатель агентства встретился с послом Афганистана и обсудил вопросы сотрудничества.')).toEqual({
    language: 'ru',
    supported: true,
  });
});

describe('npm run extract reads its arguments and files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-extract-'));

  test('arguments: one file, --url, --published, --out; anything else is a one-line error', () => {
    expect(parseExtractArguments(['a.txt', '--url', 'https://x.az/a', '--published=2021-02-24', '--out', 'd.json'])).toEqual({
      file: 'a.txt',
      url: 'https://x.az/a',
      published: '2021-02-24',
      out: 'd.json',
    });
    expect(parseExtractArguments([])).toBe('no file given');
    expect(parseExtractArguments(['a.txt', 'b.txt'])).toBe('one file at a time (got 2)');
    expect(parseExtractArguments(['a.txt', '--dry-run'])).toBe('unknown option --dry-run');
    expect(parseExtractArguments(['a.txt', '--url'])).toBe('--url needs a value');
  });

  test('a binary file, a file not in UTF-8 and a missing one are refused; HTML is read as its text and title', () => {
    const binary = path.join(dir, 'photo.txt');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(() => readDocument(binary)).toThrow(InvalidArgumentError);
    expect(() => readDocument(binary)).toThrow(/binary file/);
    const latin1 = path.join(dir, 'latin1.txt');
    fs.writeFileSync(latin1, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x41]));
    expect(() => readDocument(latin1)).toThrow(/UTF-8/);
    expect(() => readDocument(path.join(dir, 'gone.txt'))).toThrow(/exists/);
    const page = path.join(dir, 'page.html');
    fs.writeFileSync(
      page,
      '<html><head><title>Visit</title><script>track()</script></head><body><p>Ulvi Mehdiyev met the ambassador.</p></body></html>',
    );
    expect(readDocument(page)).toEqual({ text: 'Ulvi Mehdiyev met the ambassador.', title: 'Visit' });
  });
});
