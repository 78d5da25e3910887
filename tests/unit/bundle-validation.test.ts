/** Validation happens before any write; every problem is reported with its JSON path. */
import fs from 'node:fs';
import path from 'node:path';
import { validationProblems } from '../support/validation';
import { validateBundle, type Bundle } from '../../src/ingest/bundle';

const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seeds/asan-afghanistan-2021-02-24.bundle.json'), 'utf8')) as Bundle;

function problemsOf(mutate: (bundle: Bundle) => void): { path: string; message: string }[] {
  const bundle = structuredClone(seed);
  mutate(bundle);
  return validationProblems(bundle);
}

test('the seed bundle is valid', () => expect(problemsOf(() => undefined)).toEqual([]));

test('a quote not in the text names its path', () => {
  expect(problemsOf((b) => (b.relations[3]!.quotes = ['this sentence is not in the press release']))).toEqual([
    { path: '/relations/3/quotes/0', message: expect.stringContaining('quote not found in the source text') },
  ]);
});

test('a missing quote on a source with text', () => {
  expect(problemsOf((b) => ((b.entities[2]!.quotes = []), (b.entities[2]!.translations = [])))).toEqual([
    { path: '/entities/2/quotes', message: expect.stringContaining('missing quote') },
  ]);
});

test('a bad date', () => {
  expect(problemsOf((b) => (b.relations[0]!.start = '2016-02-30'))).toEqual([
    { path: '/relations/0/start', message: expect.stringContaining('bad date "2016-02-30"') },
  ]);
});

test('a bad qualifier', () => {
  const problems = problemsOf((b) => {
    const training = b.entities.find((e) => e.id === 'training:af-institutions-bilateral')!;
    (training.attributes!.count as { qualifier: string }).qualifier = 'ROUGHLY';
  });
  expect(problems).toEqual([
    {
      path: expect.stringMatching(/^\/entities\/\d+\/attributes\/count\/qualifier$/),
      message: expect.stringContaining('must be one of EXACT'),
    },
  ]);
});

test('an unknown entity reference and a relation end of the wrong type', () => {
  const problems = problemsOf((b) => {
    b.relations.push({ type: 'PARTY_TO', from: 'planet:mars', to: 'memorandum:asan-af-2016', quotes: b.relations[0]!.quotes });
    b.relations.push({ type: 'MODELLED_ON', from: 'person:ulvi-mehdiyev', to: 'agency:asan-xidmet', quotes: b.relations[0]!.quotes });
  });
  const n = seed.relations.length;
  expect(problems).toEqual([
    { path: `/relations/${n}/from`, message: expect.stringContaining('unknown entity reference "planet:mars"') },
    { path: `/relations/${n + 1}/from`, message: 'MODELLED_ON cannot start at a Person ("person:ulvi-mehdiyev"); expected ServiceCenter' },
  ]);
});

test('id prefix must match the type, kinds come from the enum, ids are unique', () => {
  const problems = problemsOf((b) => {
    b.entities[2]!.id = 'person:asan';
    b.entities[3]!.attributes = { kind: 'SECRET_SOCIETY' };
    b.entities.push(structuredClone(b.entities[4]!));
  });
  expect(problems.map((p) => p.path)).toEqual(['/entities/2/id', '/entities/3/attributes/kind', `/entities/${seed.entities.length}/id`]);
});

test('the JSON Schema catches shape errors with paths', () => {
  const problems = problemsOf((b) => {
    (b as unknown as Record<string, unknown>).extra = 1;
    (b.relations[0] as unknown as Record<string, unknown>).type = 'LIKES';
  });
  expect(problems).toEqual(
    expect.arrayContaining([
      { path: '', message: 'unknown property "extra"' },
      { path: '/relations/0/type', message: expect.stringContaining('must be one of BASED_IN') },
    ]),
  );
});

test("an Award's deprecated year is read as its date at year precision; a date given too wins", () => {
  const award = (attributes: Record<string, unknown>) =>
    validateBundle(
      {
        format: 'coopgraph-bundle/1',
        source: { id: 'source:award-year', title: 'T', publisher: 'P', language: 'en', url: null, text: null },
        entities: [{ id: 'award:old-style', type: 'Award', name: 'Old-style award', quotes: [], attributes }],
        relations: [],
      },
      'award.json',
    ).entities[0]!.attributes;
  expect(award({ year: 2015 })).toEqual({ date: '2015' });
  expect(award({ year: 2015, date: '2015-04' })).toEqual({ date: '2015-04' });
});

test('a source id must read source:<slug>, so node(id) can tell a source from an entity', () => {
  expect(problemsOf((b) => (b.source.id = 'agency:not-a-source'))).toEqual([
    { path: '/source/id', message: expect.stringContaining('^source:') },
  ]);
});

test('a placeholder title is refused; a source may leave its title out (a title is supplied from its publisher and date)', () => {
  expect(problemsOf((b) => (b.source.title = '(headline not in stored text)'))).toEqual([
    { path: '/source/title', message: expect.stringContaining('looks like a placeholder, not the headline: leave the title out') },
  ]);
  expect(problemsOf((b) => delete b.source.title)).toEqual([]);
  expect(problemsOf((b) => (b.source.title = 'Azerbaijan (ASAN) and Afghanistan sign'))).toEqual([]);
});
