/**
 * Where a sentence names something: a name in quotation marks (“ASAN xidmət”, «АСАН хидмат»),
 * or a run of capitalised words, lower-case joining words allowed between them ("Ministry of
 * Digital Development", "Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi").
 * Each span carries a hint of its type from the words in or before it: an organisation word
 * (Agency, Nazirliyi, министерство), a centre, a memorandum, an award, or a post before a
 * person's name ("səfiri Amanullah Ceyhun"). For English, compromise's people finder adds its
 * word. Matching (matching.ts) decides what each span is.
 */
import nlp from 'compromise';
import type { EntityTypeName } from '../../core/model/registry';
import type { SupportedLanguage } from './language';
import { gapBetween, wordsOf, type Span, type Word } from './segments';

export interface NameSpan extends Span {
  words: Word[];
  /** In quotation marks: the name as the text gives it, lower-case words and all. */
  quoted: boolean;
  /** The type its words point to, or null when only a match can tell. */
  hint: EntityTypeName | null;
  /** The word that gave the hint, for the reason shown to a reviewer. */
  hintWord: string | null;
}

/** Lower-case words that may join capitalised ones inside one name. */
const joining: Record<SupportedLanguage, Set<string>> = {
  en: new Set(['of', 'for', 'and', 'the', 'on', 'in', 'de', 'al', 'bin', 'ibn', 'van', 'von']),
  az: new Set(['və', 'üzrə', 'yanında', 'nəzdində']),
  ru: new Set(['и', 'по', 'при', 'для']),
};

/** Word stems that name what a span is, by language (lower case, matched at a word's start). */
const typeWords: Record<SupportedLanguage, [RegExp, EntityTypeName][]> = {
  en: [
    [/^(memorandum|mou|agreement|accord|protocol)/, 'Memorandum'],
    [/^(award|prize)/, 'Award'],
    [/^(centre|center|hub)s?$/, 'ServiceCenter'],
    [
      /^(agency|ministry|embassy|association|organi[sz]ation|office|council|committee|authority|department|service|bank|university|institute|fund|programme|program|commission|board|foundation|union|administration|academy|company|corporation|government|secretariat|network)/,
      'Agency',
    ],
  ],
  az: [
    [/^(memorandum|saziş|müqavilə|protokol|bəyannamə)/u, 'Memorandum'],
    [/^(mükafat)/u, 'Award'],
    [/^(mərkəz)/u, 'ServiceCenter'],
    [
      /^(agentli|nazirli|səfirli|assosiasiya|təşkilat|idarə|komitə|xidmət|şura|universitet|institut|fond|bank|akademiya|administrasiya|departament|palata|birli|hökumət|aparat|katiblik|qurum)/u,
      'Agency',
    ],
  ],
  ru: [
    [/^(меморандум|соглашени|договор|протокол|декларац)/u, 'Memorandum'],
    [/^(преми|наград)/u, 'Award'],
    [/^(центр)/u, 'ServiceCenter'],
    [
      /^(министерств|агентств|посольств|ассоциаци|организаци|комитет|служб|совет|управлени|департамент|университет|институт|фонд|банк|академи|администраци|палат|союз|корпораци|правительств|аппарат|секретариат)/u,
      'Agency',
    ],
  ],
};

/** Posts written before a person's name: the word right before (up to four words before) names who follows. */
const postWords: Record<SupportedLanguage, RegExp> = {
  en: /^(mr|mrs|ms|dr|chairman|chairwoman|chair|head|minister|ambassador|director|ceo|president|deputy|secretary|governor|mayor|advis[eo]r|envoy|chief|rector|prime|commissioner|representative|consul|counsellor|counselor)\.?$/i,
  az: /^(sədr|səfir|nazir|rəhbər|direktor|müavin|prezident|rəis|başçı|cənab|xanım|müşavir|rektor|nümayəndə|konsul|baş)/iu,
  ru: /^(председател|посл[аоу]?м?$|посол|министр|глав|директор|руководител|заместител|президент|господин|госпож|г-н|ректор|советник|представител|консул|премьер)/iu,
};

export function typeOfWord(word: string, language: SupportedLanguage): EntityTypeName | null {
  const lower = word.toLocaleLowerCase();
  return typeWords[language].find(([pattern]) => pattern.test(lower))?.[1] ?? null;
}

export function isPostWord(word: string, language: SupportedLanguage): boolean {
  return postWords[language].test(word);
}

/** The span's type hint: the last type word in it wins ("Embassy ... Centre" is a centre), else a post before it makes a person. */
function hintOf(
  words: readonly Word[],
  before: readonly Word[],
  language: SupportedLanguage,
  people: readonly Span[],
): Pick<NameSpan, 'hint' | 'hintWord'> {
  for (const word of [...words].reverse()) {
    const type = typeOfWord(word.text, language);
    if (type) return { hint: type, hintWord: word.text };
  }
  const post = before.slice(-4).find((word) => isPostWord(word.text, language));
  if (post && words.length >= 2 && words.every((word) => word.capitalised)) return { hint: 'Person', hintWord: post.text };
  const person = people.find((found) => found.start <= words[0]!.start && words[words.length - 1]!.end <= found.end);
  if (person) return { hint: 'Person', hintWord: `a person's name (compromise: "${person.text}")` };
  return { hint: null, hintWord: null };
}

const quotation = /[“«„"]([^”»“"\n]{2,80})[”»“"]/gu;

/** Names in quotation marks; a centre word right after ("“ASAN khedmat” mərkəzindən") or before («центр «АСАН»») makes a centre. */
function quotedSpans(sentence: Span, words: readonly Word[], language: SupportedLanguage): NameSpan[] {
  return [...sentence.text.matchAll(quotation)].map((match) => {
    const start = sentence.start + match.index + 1;
    const end = start + match[1]!.length;
    const inside = words.filter((word) => word.start >= start && word.end <= end);
    // The closing mark is at `end`; a suffix glued to it ("”in", at end + 1) is not the next word.
    const following = words.find((word) => word.start > end + 1);
    const previous = words.filter((word) => word.end < start).pop();
    const centre = [following, previous].find((word) => word && typeOfWord(word.text, language) === 'ServiceCenter');
    const hint = centre ? { hint: 'ServiceCenter' as const, hintWord: centre.text } : hintOf(inside, [], language, []);
    return { text: match[1]!, start, end, words: inside, quoted: true, ...hint };
  });
}

/**
 * Russian writes an organisation's name in lower case after its first word ("Государственное
 * агентство", "Агентство государственных услуг"): a lower-case organisation word after a
 * capitalised one, and up to three genitive or adjectival words after an organisation word, continue it.
 */
const russianContinuation = /(ого|его|ых|их|ой|ей|ов|ев|ства|ния|ции|ий|ый|ая|ое|ые|ие)$/u;

function continuesName(word: Word, run: readonly Word[], language: SupportedLanguage): boolean {
  if (language !== 'ru' || run.length === 0) return false;
  if (typeOfWord(word.text, language) === 'Agency') return true;
  const lastOrganisation = run.map((w) => typeOfWord(w.text, language) === 'Agency').lastIndexOf(true);
  return lastOrganisation !== -1 && run.length - lastOrganisation <= 3 && russianContinuation.test(word.text);
}

/** A word a name may end with: capitalised, or continuing a Russian organisation's name. */
export const endsName = (word: Word): boolean => word.capitalised || word.continues === true;

/** Runs of capitalised words outside quotation marks, joined only by spaces and joining words. */
function capitalisedRuns(sentence: Span, words: readonly Word[], language: SupportedLanguage, quoted: readonly Span[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const close = () => {
    while (run.length > 0 && !endsName(run[run.length - 1]!)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const word of words) {
    const inQuotes = quoted.some((span) => word.start >= span.start - 1 && word.end <= span.end + 1);
    const previous = run[run.length - 1];
    const spaced = previous !== undefined && /^\s+$/.test(gapBetween(sentence.text, sentence.start, previous, word));
    if (inQuotes || (previous && !spaced)) close();
    if (inQuotes) continue;
    if (word.capitalised) run.push(word);
    else if (continuesName(word, run, language)) run.push({ ...word, continues: true });
    else if (run.length > 0 && joining[language].has(word.text.toLocaleLowerCase())) run.push(word);
    else close();
  }
  close();
  return runs;
}

/** English: the spans compromise reads as people's names. */
function peopleIn(sentence: Span, language: SupportedLanguage): Span[] {
  if (language !== 'en') return [];
  const found = nlp(sentence.text).people().json({ offset: true }) as { text: string; offset: { start: number; length: number } }[];
  return found.map(({ text, offset }) => ({
    text,
    start: sentence.start + offset.start,
    end: sentence.start + offset.start + offset.length,
  }));
}

/** The named spans of one sentence: quoted names first, then the capitalised runs (matching cuts them into names). */
export function nameSpansOf(sentence: Span, language: SupportedLanguage): { words: Word[]; spans: NameSpan[] } {
  const words = wordsOf(sentence, language);
  const quoted = quotedSpans(sentence, words, language);
  const people = peopleIn(sentence, language);
  const runs = capitalisedRuns(sentence, words, language, quoted).map((run) => {
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const before = words.filter((word) => word.end <= start);
    return {
      text: sentence.text.slice(start - sentence.start, end - sentence.start),
      start,
      end,
      words: run,
      quoted: false,
      ...hintOf(run, before, language, people),
    };
  });
  return { words, spans: [...quoted, ...runs].sort((a, b) => a.start - b.start) };
}
