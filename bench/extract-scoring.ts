/**
 * Scoring of `extractDraft` against the hand-labelled press releases (tests/fixtures/press-releases):
 * pure functions, so tests/unit/extract-scoring.test.ts can pin them without a database.
 *
 * How a draft is compared with the labels:
 *
 * - An entity of the draft is every ENTITY candidate (keyed by its matchedId when it was matched to
 *   an existing entity, else by its id in bundle.entities) and every entry of bundle.entities.
 * - A drafted entity and a labelled one are the same entity (aligned one to one, in three passes,
 *   each pass taking only what the earlier ones left):
 *   1. by id: the draft matched it to the existing id the label gives;
 *   2. by name: same type, and its name folds (core/model/folding.ts: `fold`, or the
 *      transliteration key, so "Ülvi Mehdiyev", "Ulvi Mehdiyev" and "Ульви Мехдиев" meet) to the
 *      label's name or one of its aliases, or differs from one only in case endings, word by word
 *      (`sameInflectedName`: "Nazirliyinin" is "Nazirliyi", "Амануллы Джейхуна" "Аманулла
 *      Джейхун"; Azerbaijani and Russian inflect names, and the reviewer fixes the form);
 *   3. by quote, for the facts whose names nobody writes the same way twice (memoranda, events,
 *      trainings, centres, awards, statistics): same type, and one of its quotes (the bundle
 *      entity's quotes, the candidate's quote, the quotes of the drafted relations that touch it)
 *      contains, or is contained in, a quote of a labelled relation that touches the labelled fact.
 * - Entity precision = aligned / drafted, recall = aligned / labelled.
 * - Entity-match precision: of the drafted entities matched to an existing id, those whose id is
 *   the one the labels give to the entity they align with (an entity matched but not labelled, or
 *   labelled as new, counts as a wrong match). Its recall: of the labelled entities with an
 *   existing id, those the draft matched to it.
 * - Only the relation types the extractor is asked for are scored (`scoredRelationTypes`: signed a
 *   memorandum, visited or met, trained, opened a centre, was awarded, is modelled on, with the
 *   ends each fact needs). Drafted relations of other types (positions, seats, DISCUSSED...) are
 *   counted apart as `unscored`, neither right nor wrong: the labels do not hold them.
 * - A drafted relation matches a labelled one when the type is the same and both ends match. An
 *   end matches a labelled entity when the end is that entity's existing id, or when the end is an
 *   entity the draft proposes as new and it aligned with that labelled entity (by name or quote).
 *   An end matched to the wrong existing id never matches: importing it would write the relation
 *   to the wrong node. Relations align one to one, so a duplicate counts once as right and once as
 *   wrong.
 */
import { fold, transliterationKey } from '../src/core/model/folding';
import {
  entitySpec,
  isEntityTypeName,
  isRelationTypeName,
  relationAllowed,
  typeOfId,
  type EntityTypeName,
  type RelationTypeName,
} from '../src/core/model/registry';

export type Language = 'en' | 'az' | 'ru';

/**
 * The relations the labels hold: those stating what issue 24 asks the extractor to find (signed a
 * memorandum: PARTY_TO, SIGNED; visited, met: PARTICIPATED_IN, HELD_AT, LOCATED_IN; trained:
 * TRAINED, PROVIDED_BY, UNDER; opened a centre: LOCATED_IN, OPERATED_BY, ESTABLISHED_UNDER; was
 * awarded: RECEIVED, CONFERRED_BY; is modelled on: MODELLED_ON).
 */
export const scoredRelationTypes: readonly RelationTypeName[] = [
  'PARTY_TO',
  'SIGNED',
  'PARTICIPATED_IN',
  'HELD_AT',
  'LOCATED_IN',
  'TRAINED',
  'PROVIDED_BY',
  'UNDER',
  'OPERATED_BY',
  'ESTABLISHED_UNDER',
  'RECEIVED',
  'CONFERRED_BY',
  'MODELLED_ON',
];
const isScored = (type: string): boolean => (scoredRelationTypes as readonly string[]).includes(type);
export const languages: readonly Language[] = ['en', 'az', 'ru'];

/** An entity the release names, as labelled (`<slug>.labels.json`). */
export interface LabelledEntity {
  name: string;
  type: EntityTypeName;
  /** Its id in the seeded graph, or null when the release is the first to name it. */
  existingId: string | null;
  /** Other forms the release names it by ("the State Agency", "ASAN xidmət"). */
  aliases?: string[];
}

/** A relation the release states, in one sentence: `quote`, verbatim. `from`/`to` are labelled entities' names. */
export interface LabelledRelation {
  type: RelationTypeName;
  from: string;
  to: string;
  quote: string;
}

export interface Labels {
  url: string;
  published: string;
  language: Language;
  entities: LabelledEntity[];
  relations: LabelledRelation[];
}

/** The part of a draft (the GraphQL DraftBundle shape) the scoring reads. */
export interface DraftLike {
  bundle: {
    entities?: { id: string; type: string; name: string; aliases?: string[]; quotes?: string[] }[];
    relations?: { type: string; from: string; to: string; quotes?: string[] }[];
  };
  candidates: { kind: 'ENTITY' | 'RELATION'; ref: string; label: string; matchedId?: string | null; quote?: string | null }[];
  language?: string;
  warnings?: string[];
}

export interface DraftedEntity {
  /** What the draft's relations call it: the matched id, or its id in bundle.entities. */
  key: string;
  names: string[];
  type: string | null;
  matchedId: string | null;
  quotes: string[];
}

export interface DraftedRelation {
  type: string;
  from: string;
  to: string;
  quotes: string[];
}

/** predicted: what the draft holds; gold: what the labels hold; correct: those that agree. */
export interface Counts {
  predicted: number;
  gold: number;
  correct: number;
}

export interface Score {
  entities: Counts;
  /** predicted: drafted entities matched to an existing id; gold: labelled entities with one; correct: right id. */
  matches: Counts;
  relations: Counts;
}

export interface ScoredDocument {
  score: Score;
  /** Drafted relations of types the labels do not hold (not in scoredRelationTypes). */
  unscored: number;
  /** Labelled entities and relations the draft misses, and what it holds that the labels do not (for --details). */
  missed: string[];
  extra: string[];
}

/** The drafted entities and relations, read from the DraftBundle shape. */
export function draftedOf(draft: DraftLike): { entities: DraftedEntity[]; relations: DraftedRelation[] } {
  const byKey = new Map<string, DraftedEntity>();
  const bundleEntities = draft.bundle.entities ?? [];
  for (const entity of bundleEntities)
    byKey.set(entity.id, {
      key: entity.id,
      names: [entity.name, ...(entity.aliases ?? [])],
      type: entity.type,
      matchedId: null,
      quotes: [...(entity.quotes ?? [])],
    });
  for (const candidate of draft.candidates.filter((c) => c.kind === 'ENTITY')) {
    const key = candidate.matchedId ?? candidate.ref;
    const known = byKey.get(key) ?? byKey.get(candidate.ref);
    const entity = known ?? { key, names: [], type: typeOfId(key), matchedId: null, quotes: [] };
    entity.names.push(candidate.label);
    if (candidate.quote) entity.quotes.push(candidate.quote);
    if (candidate.matchedId) entity.matchedId = candidate.matchedId;
    byKey.set(entity.key, entity);
  }
  const relations = (draft.bundle.relations ?? []).map((relation, index) => {
    const candidate = draft.candidates.find((c) => c.kind === 'RELATION' && c.ref === String(index));
    return { ...relation, quotes: [...(relation.quotes ?? []), ...(candidate?.quote ? [candidate.quote] : [])] };
  });
  for (const relation of relations)
    for (const end of [relation.from, relation.to]) {
      const entity = byKey.get(end);
      if (entity) entity.quotes.push(...relation.quotes);
    }
  return { entities: [...byKey.values()], relations };
}

/** The keys a name is matched on: folded, and its transliteration key (both as search builds them). */
export function nameKeys(name: string): string[] {
  const keys = [fold(name), transliterationKey(name)];
  return keys.filter((key) => key.length > 0);
}

/**
 * Two words of a name are one word in another case ending (Nazirliyi, Nazirliyinin; Аманулла,
 * Амануллы): the same, or sharing a stem of at least 4 letters that leaves at most 2 letters of
 * the shorter word over.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return common >= 4 && common >= Math.min(a.length, b.length) - 2;
}

/** Names that differ only in case endings, word by word (compared as transliteration keys). */
export function sameInflectedName(a: string, b: string): boolean {
  const [x, y] = [transliterationKey(a).split(' '), transliterationKey(b).split(' ')];
  return x.length === y.length && x.every((word, i) => sameWord(word, y[i]!));
}

const sameName = (names: string[], label: LabelledEntity): boolean => {
  const labelledNames = [label.name, ...(label.aliases ?? [])];
  const labelled = new Set(labelledNames.flatMap(nameKeys));
  return names.some((name) => nameKeys(name).some((key) => labelled.has(key)) || labelledNames.some((l) => sameInflectedName(name, l)));
};

/** Quotes compared with runs of white space as one space and typographic quotes as plain ones. */
const normalQuote = (quote: string): string => fold(quote).replace(/["']/g, '');

const quotesOverlap = (drafted: string[], labelled: string[]): boolean => {
  const ours = labelled.map(normalQuote).filter((quote) => quote.length > 0);
  return drafted
    .map(normalQuote)
    .filter((quote) => quote.length > 0)
    .some((quote) => ours.some((label) => label.includes(quote) || quote.includes(label)));
};

/** Facts the labels find by their quotes: the registry's dated types (their names are made up per source). */
const isFactType = (type: string): boolean => isEntityTypeName(type) && entitySpec(type).dated !== undefined;

/** Aligns drafted entities with labelled ones (see the file's comment): drafted index -> labelled index. */
export function alignEntities(drafted: DraftedEntity[], labels: Labels): Map<number, number> {
  const aligned = new Map<number, number>();
  const taken = new Set<number>();
  const labelQuotes = labels.entities.map((entity) =>
    labels.relations.filter((r) => r.from === entity.name || r.to === entity.name).map((r) => r.quote),
  );
  const passes: ((d: DraftedEntity, l: LabelledEntity, li: number) => boolean)[] = [
    (d, l) => d.matchedId !== null && d.matchedId === l.existingId,
    (d, l) => d.type === l.type && sameName(d.names, l),
    (d, l, li) => d.type === l.type && isFactType(l.type) && quotesOverlap(d.quotes, labelQuotes[li]!),
  ];
  for (const pass of passes)
    drafted.forEach((entity, di) => {
      if (aligned.has(di)) return;
      const li = labels.entities.findIndex((label, index) => !taken.has(index) && pass(entity, label, index));
      if (li < 0) return;
      aligned.set(di, li);
      taken.add(li);
    });
  return aligned;
}

/** Scores one draft against its labels. */
export function scoreDraft(draft: DraftLike, labels: Labels): ScoredDocument {
  const { entities, relations: allRelations } = draftedOf(draft);
  const relations = allRelations.filter((relation) => isScored(relation.type));
  const aligned = alignEntities(entities, labels);
  const missed: string[] = [];
  const extra: string[] = [];
  const labelOf = (di: number) => labels.entities[aligned.get(di)!]!;

  const matchedEntities = entities.filter((entity) => entity.matchedId !== null);
  const rightMatches = entities.filter(
    (entity, di) => entity.matchedId !== null && aligned.has(di) && labelOf(di).existingId === entity.matchedId,
  );
  entities.forEach((entity, di) => {
    if (!aligned.has(di)) extra.push(`entity ${entity.type} "${entity.names[0] ?? entity.key}" (${entity.key})`);
    else if (entity.matchedId !== null && labelOf(di).existingId !== entity.matchedId)
      extra.push(`match "${labelOf(di).name}" -> ${entity.matchedId} (labelled ${labelOf(di).existingId ?? 'new'})`);
  });
  const alignedLabels = new Set(aligned.values());
  labels.entities.forEach((label, li) => {
    if (!alignedLabels.has(li)) missed.push(`entity ${label.type} "${label.name}"`);
  });

  const endOf = endMatcher(entities, aligned, labels);
  const taken = new Set<number>();
  let correctRelations = 0;
  for (const relation of relations) {
    const li = labels.relations.findIndex(
      (label, index) =>
        !taken.has(index) && label.type === relation.type && endOf(relation.from) === label.from && endOf(relation.to) === label.to,
    );
    if (li < 0) extra.push(`relation ${relation.from} ${relation.type} ${relation.to}`);
    else {
      taken.add(li);
      correctRelations++;
    }
  }
  labels.relations.forEach((label, li) => {
    if (!taken.has(li)) missed.push(`relation "${label.from}" ${label.type} "${label.to}"`);
  });

  return {
    score: {
      entities: { predicted: entities.length, gold: labels.entities.length, correct: aligned.size },
      matches: {
        predicted: matchedEntities.length,
        gold: labels.entities.filter((label) => label.existingId !== null).length,
        correct: rightMatches.length,
      },
      relations: { predicted: relations.length, gold: labels.relations.length, correct: correctRelations },
    },
    unscored: allRelations.length - relations.length,
    missed,
    extra,
  };
}

/** The labelled entity's name a drafted relation end stands for, or null (see the file's comment). */
function endMatcher(entities: DraftedEntity[], aligned: Map<number, number>, labels: Labels): (end: string) => string | null {
  return (end) => {
    const byId = labels.entities.find((label) => label.existingId === end);
    if (byId) return byId.name;
    const di = entities.findIndex((entity) => entity.key === end);
    if (di < 0 || entities[di]!.matchedId !== null || !aligned.has(di)) return null;
    return labels.entities[aligned.get(di)!]!.name;
  };
}

export const emptyScore = (): Score => ({
  entities: { predicted: 0, gold: 0, correct: 0 },
  matches: { predicted: 0, gold: 0, correct: 0 },
  relations: { predicted: 0, gold: 0, correct: 0 },
});

export function addScores(a: Score, b: Score): Score {
  const add = (x: Counts, y: Counts): Counts => ({
    predicted: x.predicted + y.predicted,
    gold: x.gold + y.gold,
    correct: x.correct + y.correct,
  });
  return { entities: add(a.entities, b.entities), matches: add(a.matches, b.matches), relations: add(a.relations, b.relations) };
}

/** correct / predicted, or null when nothing was predicted (no figure rather than a made-up 1 or 0). */
export const precision = (counts: Counts): number | null => (counts.predicted === 0 ? null : counts.correct / counts.predicted);
/** correct / gold, or null when nothing is labelled. */
export const recall = (counts: Counts): number | null => (counts.gold === 0 ? null : counts.correct / counts.gold);

/** What is wrong with a labels file, against its text and the registry; empty when nothing is. */
export function labelProblems(labels: Labels, text: string): string[] {
  const problems: string[] = [];
  if (!languages.includes(labels.language)) problems.push(`language "${labels.language}" is not one of ${languages.join(', ')}`);
  if (!/^https?:\/\/\S+$/.test(labels.url)) problems.push(`url "${labels.url}" is not an http(s) address`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(labels.published)) problems.push(`published "${labels.published}" is not YYYY-MM-DD`);
  const byName = new Map<string, LabelledEntity>();
  for (const entity of labels.entities) {
    if (byName.has(entity.name)) problems.push(`entity "${entity.name}" is labelled twice`);
    byName.set(entity.name, entity);
    if (!isEntityTypeName(entity.type)) problems.push(`entity "${entity.name}": "${entity.type}" is not a registry entity type`);
    else if (entity.existingId !== null && typeOfId(entity.existingId) !== entity.type)
      problems.push(`entity "${entity.name}": id ${entity.existingId} is not of type ${entity.type}`);
  }
  for (const relation of labels.relations) {
    const at = `relation "${relation.from}" ${relation.type} "${relation.to}"`;
    const [from, to] = [byName.get(relation.from), byName.get(relation.to)];
    if (!from || !to) problems.push(`${at}: an end is not a labelled entity`);
    if (!isRelationTypeName(relation.type)) problems.push(`${at}: not a registry relation type`);
    else if (!isScored(relation.type)) problems.push(`${at}: not one of the scored relation types`);
    else if (from && to && !relationAllowed(relation.type, from.type, to.type))
      problems.push(`${at}: the registry does not allow ${from.type} -> ${to.type}`);
    if (!text.includes(relation.quote)) problems.push(`${at}: the quote is not verbatim in the text`);
  }
  return problems;
}
