/**
 * extractDraft on texts, with the graph's names held in memory (GazetteerMatcher: every country,
 * and the founding bundle's agencies and people): the founding press release (Azerbaijani) gives
 * its meeting, memorandum, trainings and centre with their sentences as quotes; an English and a
 * Russian release of our own give theirs; every draft is valid against the bundle schema (ajv)
 * and the bundle rules, every quote is verbatim; bad input is refused or gives an empty draft
 * with a warning. The service's matcher (the search index) is tested in tests/integration/extract.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '../../src/core/errors';
import { extractDraft } from '../../src/ingest/extract';
import { htmlToText, titleOf } from '../../src/ingest/extract/document';
import type { Draft } from '../../src/core/model/drafts';
import { validationProblems } from '../support/validation';
import {
  bundleOf,
  candidateFor,
  entitiesOfType,
  foundingText,
  knownNames,
  quotesVerbatim,
  relationsOfType,
  schemaErrors,
} from '../support/drafts';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/extract', name), 'utf8');

/** The draft is importable as it stands: the schema, the bundle rules, quotes verbatim; each statement has its candidate. */
function expectValid(draft: Draft): void {
  const bundle = bundleOf(draft);
  expect(schemaErrors(bundle)).toEqual([]);
  expect(validationProblems(structuredClone(bundle))).toEqual([]);
  expect(quotesVerbatim(draft)).toEqual([]);
  const refs = draft.candidates.map((candidate) => `${candidate.kind}:${candidate.ref}`);
  expect(refs).toEqual(expect.arrayContaining(bundle.entities.map((entity) => `ENTITY:${entity.id}`)));
  expect(refs).toEqual(expect.arrayContaining(bundle.relations.map((_, i) => `RELATION:${i}`)));
  for (const candidate of draft.candidates) expect(candidate.confidence).toBeGreaterThan(0);
}

/** The sentence of `text` holding `words`, as it stands in the text. */
const sentenceWith = (text: string, words: string) => {
  const found = text.split(/(?<=[.!?])\s+|\n/).find((sentence) => sentence.includes(words));
  if (!found) throw new Error(`no sentence holds "${words}"`);
  return found.trim();
};

describe('the founding press release (Azerbaijani)', () => {
  let draft: Draft;
  beforeAll(async () => {
    draft = await extractDraft(foundingText, {}, knownNames());
  });

  test('language, title and date; the draft is valid and every quote verbatim', () => {
    expect(draft.language).toBe('az');
    expect(bundleOf(draft).source).toMatchObject({
      title: 'Əfqanıstan səfiri "ASAN xidmət"də',
      published: '2021-02-24',
      language: 'az',
      text: foundingText,
    });
    expectValid(draft);
  });

  test('the meeting: an event of 24 February 2021, the chairman host and the ambassador guest, quoting its sentence', () => {
    const meeting = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'MEETING');
    expect(meeting?.attributes?.date).toBe('2021-02-24');
    const sentence = sentenceWith(foundingText, 'ilə görüşüb');
    const participants = relationsOfType(draft, 'PARTICIPATED_IN').filter((relation) => relation.to === meeting?.id);
    expect(participants.map(({ from, role, quotes }) => ({ from, role, quotes }))).toEqual([
      { from: 'person:ulvi-mehdiyev', role: 'host', quotes: [sentence] },
      { from: 'person:amanullah-ceyhun', role: 'guest', quotes: [sentence] },
    ]);
    const post = relationsOfType(draft, 'HOLDS_POSITION')[0];
    expect(post).toMatchObject({ from: 'person:ulvi-mehdiyev', to: 'agency:asan-xidmet', role: 'sədri' });
  });

  test('the memorandum: signed in 2016 (a year stays a year), the State Agency and Afghanistan its parties', () => {
    const [memorandum] = entitiesOfType(draft, 'Memorandum');
    expect(memorandum?.attributes).toEqual({ kind: 'MOU', signed: '2016' });
    const sentence = sentenceWith(foundingText, 'imzalanmış Anlaşma Memorandumunun');
    const parties = relationsOfType(draft, 'PARTY_TO').filter((relation) => relation.to === memorandum?.id);
    expect(parties.map(({ from, start, quotes }) => ({ from, start, quotes }))).toEqual([
      { from: 'agency:asan-xidmet', start: '2016', quotes: [sentence] },
      { from: 'country:AF', start: '2016', quotes: [sentence] },
    ]);
    expect(candidateFor(draft, parties[0]!)?.reason).toContain('imzalanmış');
  });

  test('the trainings: one given by the State Agency, one of about 20 trainings for more than 100 representatives, both for Afghanistan', () => {
    const trainings = entitiesOfType(draft, 'Training');
    expect(trainings).toHaveLength(2);
    const counted = trainings.find((training) => training.attributes?.count);
    expect(counted?.attributes).toMatchObject({
      count: { value: 20, qualifier: 'ABOUT', unit: 'təlim' },
      participants: { value: 100, qualifier: 'MORE_THAN', unit: 'nümayəndə' },
    });
    expect(relationsOfType(draft, 'TRAINED').map(({ to, role }) => ({ to, role }))).toEqual([
      { to: 'country:AF' },
      { to: 'country:AF', role: 'nümayəndə' },
    ]);
    const provided = relationsOfType(draft, 'PROVIDED_BY');
    expect(provided).toEqual([
      expect.objectContaining({ to: 'agency:asan-xidmet', quotes: [sentenceWith(foundingText, 'ekspertləri tərəfindən')] }),
    ]);
  });

  test('the centre in Kabul: located in Afghanistan, modelled on ASAN xidmət, set up under the memorandum', () => {
    const sentence = sentenceWith(foundingText, 'Kabil şəhərində');
    const centre = entitiesOfType(draft, 'ServiceCenter').find((entity) => entity.quotes.includes(sentence));
    expect(centre).toMatchObject({ name: expect.stringContaining('ASAN khedmat'), attributes: { city: 'Kabil' } });
    const fromCentre = bundleOf(draft).relations.filter((relation) => relation.from === centre?.id);
    expect(fromCentre.map(({ type, to }) => `${type} ${to}`).sort()).toEqual([
      `ESTABLISHED_UNDER ${entitiesOfType(draft, 'Memorandum')[0]!.id}`,
      'LOCATED_IN country:AF',
      'MODELLED_ON agency:asan-xidmet',
    ]);
  });

  test('names are matched through folding, stems and suffixes; matched entities are referred to, not redefined', () => {
    const matched = new Map(draft.candidates.filter((c) => c.matchedId).map((c) => [c.matchedId, c]));
    for (const id of [
      'agency:asan-xidmet',
      'agency:un',
      'agency:abad',
      'agency:asan-khedmat',
      'country:AF',
      'country:AZ',
      'person:amanullah-ceyhun',
    ])
      expect(matched.get(id)?.confidence).toBeGreaterThanOrEqual(0.85);
    expect(bundleOf(draft).entities.map((entity) => entity.id)).not.toContain('agency:asan-xidmet');
    // "Səfir" alone, later, is the ambassador named with that post at the start.
    const visit = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'VISIT');
    expect(relationsOfType(draft, 'PARTICIPATED_IN').find((relation) => relation.to === visit?.id)).toMatchObject({
      from: 'person:amanullah-ceyhun',
      role: 'visitor',
    });
  });
});

test('an English release: memorandum with its parties, signatories and date, a training with "more than 40 employees", a centre, a meeting', async () => {
  const text = fixture('en-uzbekistan-memorandum.txt');
  const draft = await extractDraft(text, { url: 'https://asan.gov.az/en/news/uzbekistan-mou' }, knownNames());
  expect(draft.language).toBe('en');
  expectValid(draft);
  expect(bundleOf(draft).source).toMatchObject({
    title: "ASAN Service and Uzbekistan's Public Services Agency sign a memorandum",
    publisher: 'asan.gov.az',
  });
  const [memorandum, ...others] = entitiesOfType(draft, 'Memorandum');
  expect(others).toEqual([]);
  expect(memorandum?.attributes).toEqual({ kind: 'MOU', signed: '2024-03-12' });
  const partner = entitiesOfType(draft, 'Agency').find((agency) => agency.name === 'Public Services Agency');
  expect(relationsOfType(draft, 'PARTY_TO').map((relation) => relation.from)).toEqual(['agency:asan-xidmet', partner?.id]);
  expect(relationsOfType(draft, 'SIGNED').map((relation) => relation.from)).toEqual(['person:ulvi-mehdiyev', 'person:jasur-karimov']);
  const [training] = entitiesOfType(draft, 'Training');
  expect(training?.attributes).toEqual({ date: '2024-02', participants: { value: 40, qualifier: 'MORE_THAN', unit: 'employees' } });
  expect(relationsOfType(draft, 'UNDER')).toEqual([expect.objectContaining({ from: training?.id, to: memorandum?.id })]);
  const [centre] = entitiesOfType(draft, 'ServiceCenter');
  expect(centre?.attributes).toEqual({ city: 'Tashkent', opened: '2023-05' });
  expect(relationsOfType(draft, 'MODELLED_ON')).toEqual([expect.objectContaining({ from: centre?.id, to: 'agency:asan-xidmet' })]);
  expect(relationsOfType(draft, 'LOCATED_IN')).toEqual([expect.objectContaining({ from: centre?.id, to: 'country:UZ' })]);
  const meeting = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'MEETING');
  expect(meeting).toMatchObject({ name: 'Meeting of Ülvi Mehdiyev and Bakhrom Ashrafkhanov', attributes: { date: '2024-03-14' } });
});

test('a Russian release: declined names matched, the meeting, the memorandum, "около 20" trainings for "более 100", the ambassador\'s visit', async () => {
  const text = fixture('ru-kazakhstan-visit.txt');
  const draft = await extractDraft(text, { published: '2024-03-14' }, knownNames());
  expect(draft.language).toBe('ru');
  expectValid(draft);
  const meeting = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'MEETING');
  expect(meeting?.attributes?.date).toBe('2024-03-14');
  const guest = relationsOfType(draft, 'PARTICIPATED_IN').find((relation) => relation.to === meeting?.id && relation.role === 'guest');
  expect(bundleOf(draft).entities.find((entity) => entity.id === guest?.from)).toMatchObject({
    type: 'Person',
    name: 'Ерланом Мирзалиевым',
  });
  expect(relationsOfType(draft, 'PARTICIPATED_IN').find((relation) => relation.role === 'host')?.from).toBe('person:ulvi-mehdiyev');
  expect(relationsOfType(draft, 'PARTY_TO').map((relation) => relation.from)).toEqual(['agency:asan-xidmet', 'country:KZ']);
  const [training] = entitiesOfType(draft, 'Training');
  expect(training?.attributes).toEqual({
    count: { value: 20, qualifier: 'ABOUT', unit: 'тренингов' },
    participants: { value: 100, qualifier: 'MORE_THAN', unit: 'сотрудников' },
  });
  expect(relationsOfType(draft, 'PROVIDED_BY')).toEqual([expect.objectContaining({ from: training?.id, to: 'agency:asan-xidmet' })]);
  const visit = entitiesOfType(draft, 'Event').find((event) => event.attributes?.kind === 'VISIT');
  expect(relationsOfType(draft, 'PARTICIPATED_IN').find((relation) => relation.to === visit?.id)?.from).toBe(guest?.from);
});

describe('bad input: a refusal saying what was expected, or an empty draft saying why', () => {
  const matcher = knownNames();

  test('a binary text and a text over the limit are refused (BAD_USER_INPUT), as are a bad date and URL', async () => {
    const refusal = (text: string, options = {}) => extractDraft(text, options, matcher).catch((error: unknown) => error);
    const binary = await refusal(`PK\u0003\u0004\u0000\u0000${'\u0001'.repeat(50)}`);
    expect(binary).toBeInstanceOf(InvalidArgumentError);
    expect((binary as InvalidArgumentError).expected).toContain('plain text');
    const huge = await refusal('Ulvi Mehdiyev met the ambassador. '.repeat(160_000));
    expect((huge as InvalidArgumentError).expected).toBe("a document's text of at most 200,000 characters");
    expect(((await refusal(foundingText, { published: '2021-02-30' })) as InvalidArgumentError).argument).toBe('published');
    expect(((await refusal(foundingText, { url: 'javascript:alert(1)' })) as InvalidArgumentError).argument).toBe('url');
  });

  test.each([
    ['an empty text', '  \n ', 'the text is empty'],
    ['HTML with scripts', `<html><head><script>alert("x")</script></head><body><p>${foundingText}</p></body></html>`, 'the text is HTML'],
    [
      'a text in German',
      'Der Vorsitzende der Agentur traf am Montag den Botschafter Afghanistans und sprach über die Zusammenarbeit der beiden Länder im Bereich der öffentlichen Dienste.',
      'drafts are extracted from English (en), Azerbaijani (az) and Russian (ru) only',
    ],
    ['a text too short', 'Ulvi Mehdiyev met.', 'too short'],
  ])('%s gives an empty draft, valid, with a warning', async (_, text, warning) => {
    const draft = await extractDraft(text, {}, matcher);
    expect(draft.warnings.join(' ')).toContain(warning);
    expect(draft.candidates).toEqual([]);
    expect(bundleOf(draft)).toMatchObject({ entities: [], relations: [] });
    expect(schemaErrors(draft.bundle)).toEqual([]);
  });
});

test('HTML is read as its text: scripts, styles and tags gone, entities decoded, blocks on their own lines', () => {
  const html =
    '<html><head><title>T</title><style>p{}</style></head><body><script>var x = "Ulvi";</script><h1>Visit &amp; talks</h1><p>The minister&#8217;s visit.</p><!-- note --></body></html>';
  expect(htmlToText(html)).toBe('Visit & talks\nThe minister’s visit.');
  expect(
    titleOf('Menu\nSearch\nVisit & talks\nThe minister met the ambassador of Afghanistan in Baku on Monday and they discussed trainings.'),
  ).toBe('Visit & talks');
});
