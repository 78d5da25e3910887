/**
 * The scoring behind `npm run eval:extract` (bench/extract-scoring.ts), and the corpus it reads:
 * every labels file agrees with its text and the registry.
 */
import { readCorpus } from '../../bench/extract-corpus';
import {
  addScores,
  emptyScore,
  labelProblems,
  languages,
  precision,
  recall,
  sameInflectedName,
  scoreDraft,
  type DraftLike,
  type Labels,
} from '../../bench/extract-scoring';

const text =
  'On 28 July 2023, the Hoima Regional Public Service Centre, created on the basis of the "ASAN xidmət" concept, was opened in Hoima, Uganda. ' +
  'The opening ceremony was attended by Ulvi Mehdiyev and Wilson Muruli Mukasa.';
const [opened, ceremony] = [text.slice(0, text.indexOf(' The opening')), text.slice(text.indexOf('The opening'))];

const labels: Labels = {
  url: 'https://asan.gov.az/en/media/press-releases/example',
  published: '2023-07-28',
  language: 'en',
  entities: [
    { name: 'Hoima Regional Public Service Centre', type: 'ServiceCenter', existingId: null },
    { name: 'ASAN xidmət', type: 'Agency', existingId: 'agency:asan-xidmet', aliases: ['State Agency'] },
    { name: 'Uganda', type: 'Country', existingId: 'country:UG' },
    { name: 'Ulvi Mehdiyev', type: 'Person', existingId: 'person:ulvi-mehdiyev' },
    { name: 'Wilson Muruli Mukasa', type: 'Person', existingId: null },
    { name: 'Opening ceremony', type: 'Event', existingId: null },
  ],
  relations: [
    { type: 'MODELLED_ON', from: 'Hoima Regional Public Service Centre', to: 'ASAN xidmət', quote: opened },
    { type: 'LOCATED_IN', from: 'Hoima Regional Public Service Centre', to: 'Uganda', quote: opened },
    { type: 'PARTICIPATED_IN', from: 'Ulvi Mehdiyev', to: 'Opening ceremony', quote: ceremony },
    { type: 'PARTICIPATED_IN', from: 'Wilson Muruli Mukasa', to: 'Opening ceremony', quote: ceremony },
  ],
};

const matched = (id: string, label: string) => ({ kind: 'ENTITY' as const, ref: id, label, matchedId: id });
const proposed = (id: string, label: string) => ({ kind: 'ENTITY' as const, ref: id, label, matchedId: null });

/** What a perfect extractor drafts for `text`: every entity, matched where it exists, every relation. */
const perfectDraft = (): DraftLike => ({
  bundle: {
    entities: [
      { id: 'center:hoima', type: 'ServiceCenter', name: 'Hoima Regional Public Service Centre', quotes: [opened] },
      { id: 'person:mukasa', type: 'Person', name: 'Wilson Muruli Mukasa', quotes: [ceremony] },
      { id: 'event:opening', type: 'Event', name: 'Opening of the Hoima centre', quotes: [ceremony] },
    ],
    relations: [
      { type: 'MODELLED_ON', from: 'center:hoima', to: 'agency:asan-xidmet', quotes: [opened] },
      { type: 'LOCATED_IN', from: 'center:hoima', to: 'country:UG', quotes: [opened] },
      { type: 'PARTICIPATED_IN', from: 'person:ulvi-mehdiyev', to: 'event:opening', quotes: [ceremony] },
      { type: 'PARTICIPATED_IN', from: 'person:mukasa', to: 'event:opening', quotes: [ceremony] },
    ],
  },
  candidates: [
    proposed('center:hoima', 'Hoima Regional Public Service Centre'),
    matched('agency:asan-xidmet', 'ASAN xidmət'),
    matched('country:UG', 'Uganda'),
    matched('person:ulvi-mehdiyev', 'Ulvi Mehdiyev'),
    proposed('person:mukasa', 'Wilson Muruli Mukasa'),
    proposed('event:opening', 'Opening of the Hoima centre'),
  ],
});

describe('scoreDraft', () => {
  it('scores a draft that holds exactly what the labels hold as all right, the event found by its quote', () => {
    expect(scoreDraft(perfectDraft(), labels)).toEqual({
      score: {
        entities: { predicted: 6, gold: 6, correct: 6 },
        matches: { predicted: 3, gold: 3, correct: 3 },
        relations: { predicted: 4, gold: 4, correct: 4 },
      },
      unscored: 0,
      missed: [],
      extra: [],
    });
  });

  it('matches names across scripts, counts wrong links, duplicates, misses and unscored types', () => {
    const draft = perfectDraft();
    // Mehdiyev proposed as new in Cyrillic: the same entity by transliteration, but not a match.
    draft.candidates[3] = proposed('person:new-mehdiyev', 'Ульви Мехдиев');
    draft.bundle.entities!.push({ id: 'person:new-mehdiyev', type: 'Person', name: 'Ульви Мехдиев', quotes: [ceremony] });
    draft.bundle.relations![2] = { type: 'PARTICIPATED_IN', from: 'person:new-mehdiyev', to: 'event:opening', quotes: [ceremony] };
    // Uganda linked to the wrong existing country: recognised, wrongly matched, its relation wrong.
    draft.candidates[2] = { kind: 'ENTITY', ref: 'country:UG', label: 'Uganda', matchedId: 'country:AZ' };
    draft.bundle.relations![1] = { type: 'LOCATED_IN', from: 'center:hoima', to: 'country:AZ', quotes: [opened] };
    // The same relation twice, and one of a type the labels do not hold.
    draft.bundle.relations!.push({ ...draft.bundle.relations![0]! });
    draft.bundle.relations!.push({ type: 'HOLDS_POSITION', from: 'person:new-mehdiyev', to: 'agency:asan-xidmet' });
    // Mukasa's participation missed.
    draft.bundle.relations!.splice(3, 1);

    const { score, unscored, missed, extra } = scoreDraft(draft, labels);
    expect(score).toEqual({
      entities: { predicted: 6, gold: 6, correct: 6 },
      matches: { predicted: 2, gold: 3, correct: 1 },
      relations: { predicted: 4, gold: 4, correct: 2 },
    });
    expect(unscored).toBe(1);
    expect(missed).toEqual([
      'relation "Hoima Regional Public Service Centre" LOCATED_IN "Uganda"',
      'relation "Wilson Muruli Mukasa" PARTICIPATED_IN "Opening ceremony"',
    ]);
    expect(extra).toEqual([
      'match "Uganda" -> country:AZ (labelled country:UG)',
      'relation center:hoima LOCATED_IN country:AZ',
      'relation center:hoima MODELLED_ON agency:asan-xidmet',
    ]);
  });

  it('does not take an event for another type, nor a fact from a sentence that does not state it', () => {
    const draft: DraftLike = {
      bundle: { entities: [{ id: 'training:x', type: 'Training', name: 'Opening ceremony', quotes: [ceremony] }] },
      candidates: [proposed('training:x', 'Opening ceremony'), proposed('event:y', 'A meeting')],
    };
    draft.bundle.entities!.push({ id: 'event:y', type: 'Event', name: 'A meeting', quotes: ['Nothing of the kind.'] });
    expect(scoreDraft(draft, labels).score.entities).toEqual({ predicted: 2, gold: 6, correct: 0 });
  });
});

describe('sameInflectedName', () => {
  it('takes a name in another case ending for the same name, word by word, in either script', () => {
    expect(sameInflectedName('Rabitə və İnformasiya Texnologiyaları Nazirliyinin', 'Rabitə və İnformasiya Texnologiyaları Nazirliyi')).toBe(
      true,
    );
    expect(sameInflectedName('Амануллы Джейхуна', 'Аманулла Джейхун')).toBe(true);
    expect(sameInflectedName('Ульви Мехдиевым', 'Ülvi Mehdiyev')).toBe(true);
  });

  it('keeps apart names of other words, other lengths, or short words that differ', () => {
    expect(sameInflectedName('Hökumətinin Baş Katibliyi', 'Rumıniya Hökumətinin Baş Katibliyi')).toBe(false);
    expect(sameInflectedName('Ministry of Justice', 'Ministry of Transport')).toBe(false);
    expect(sameInflectedName('Mali', 'Malawi')).toBe(false);
    expect(sameInflectedName('Uganda', 'Rwanda')).toBe(false);
  });
});

describe('precision, recall and sums', () => {
  it('give no figure when there is nothing to divide by, and add counts field by field', () => {
    expect(precision({ predicted: 0, gold: 3, correct: 0 })).toBeNull();
    expect(recall({ predicted: 2, gold: 0, correct: 0 })).toBeNull();
    expect(precision({ predicted: 4, gold: 5, correct: 3 })).toBe(0.75);
    expect(recall({ predicted: 4, gold: 5, correct: 3 })).toBe(0.6);
    const one = scoreDraft(perfectDraft(), labels).score;
    expect(addScores(addScores(emptyScore(), one), one).relations).toEqual({ predicted: 8, gold: 8, correct: 8 });
  });
});

describe('the labelled corpus (tests/fixtures/press-releases)', () => {
  const corpus = readCorpus();

  it('holds at least three releases per language', () => {
    const perLanguage = languages.map((language) => corpus.filter((fixture) => fixture.labels.language === language).length);
    expect(Math.min(...perLanguage)).toBeGreaterThanOrEqual(3);
  });

  it.each(corpus.map((fixture) => [fixture.slug, fixture] as const))(
    '%s: quotes verbatim, ends labelled, types and ids as the registry has them',
    (_slug, fixture) => {
      expect(labelProblems(fixture.labels, fixture.text)).toEqual([]);
    },
  );

  it('flags a quote not in the text, an unlabelled end, a type the registry refuses and an id of another type', () => {
    const broken: Labels = {
      ...labels,
      entities: [...labels.entities, { name: 'Kabul', type: 'Country', existingId: 'agency:kabul' }],
      relations: [
        { type: 'MODELLED_ON', from: 'Uganda', to: 'ASAN xidmət', quote: opened },
        { type: 'LOCATED_IN', from: 'Nowhere', to: 'Uganda', quote: 'not in the text' },
      ],
    };
    expect(labelProblems(broken, text)).toEqual([
      'entity "Kabul": id agency:kabul is not of type Country',
      'relation "Uganda" MODELLED_ON "ASAN xidmət": the registry does not allow Country -> Agency',
      'relation "Nowhere" LOCATED_IN "Uganda": an end is not a labelled entity',
      'relation "Nowhere" LOCATED_IN "Uganda": the quote is not verbatim in the text',
    ]);
  });
});
