/**
 * People's names in free text, from every naming tradition the sources use: Arabic particles
 * (bin, ibn, bint, al-, abu, ould), honorifics that open or sit inside a name (Sheikh,
 * Sheikha, Hajji, Dr), Slavic and Turkic patronymics (-ovich, -ovna, -oglu, qizi), Somali
 * three-part names, Persian compound names, hyphens, four or more parts, and East Asian names
 * written family name first (Xi Jinping, Moon Jae-in).
 *
 * compromise tokenises the text and tags it (Person, FirstName, Honorific, Actor for posts,
 * Organization...); the words it cannot know come from the graph's own people (a gazetteer of
 * their names' words, `PersonWords`). What is ours is only how a name's words hang together and
 * when a run of capitalised words is a person rather than an organisation.
 */
import nlp from 'compromise';

/** A word of a text as compromise reads it, with its place in the text. */
export interface Word {
  text: string;
  lower: string;
  /** Punctuation and spaces before and after it, as written. */
  pre: string;
  post: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
}

interface TermJson {
  text: string;
  pre: string;
  post: string;
  normal: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** Lower-case words that join a name's parts: Arabic, Berber, Hassaniya, Malay and European particles. */
const particles = new Set([
  'bin',
  'ibn',
  'bint',
  'binti',
  'binte',
  'ould',
  'wuld',
  'ben',
  'bou',
  'abu',
  'abou',
  'umm',
  'al',
  'el',
  'ag',
  'wad',
]);
const europeanParticles = ['van', 'von', 'de', 'da', 'di', 'du', 'del', 'della', 'der', 'dos', 'das', 'la', 'le'];
for (const word of europeanParticles) particles.add(word);
/** Honorifics that may open a name or sit inside it (a Somali "Sheikh" is often one of the name's parts). */
const honorifics = new Set([
  'sheikh',
  'sheikha',
  'shaikh',
  'shaykh',
  'sheik',
  'hajji',
  'haji',
  'hajj',
  'hajjah',
  'alhaji',
  'sayyid',
  'sayed',
  'syed',
  'mullah',
  'mawlawi',
  'ustadh',
  'datuk',
  'dato',
  'dr',
  'prof',
  'eng',
  'mr',
  'mrs',
  'ms',
]);
/** Honorifics a stored name leaves out (a Dr is the same person without it); Sheikh and Hajji are kept. */
const courtesyTitles = new Set(['dr', 'prof', 'eng', 'mr', 'mrs', 'ms']);
/** Patronymics and family names made from them: Slavic -ovich/-ovna, Turkic -oglu/-qizi/-kyzy/-uulu, Persian -zadeh. */
const patronymicEnding = /(?:ovich|evich|ovych|ovna|evna|ivna|o[gğ]lu|ogly|q[iı]z[iı]|kyzy|uulu|zadeh?)$/iu;
/** Family names of the Slavic and Turkic traditions: Pribilović, Karimova, Kowalski, Shevchenko. */
const familyNameEnding = /\p{Ll}(?:ov|ova|ev|eva|yev|yeva|ić|vic|ski|ska|sky|skaya|enko|chuk)$/u;
/** Patronymic words written apart: "Leyla Mammadova qizi", "Rashid oglu". */
const patronymicWords = new Set(['oglu', 'oğlu', 'ogly', 'qizi', 'qızı', 'kyzy', 'kizi', 'uulu']);

/** Words that make a name an organisation's, not a person's. */
export const organisationWords =
  /\b(ministry|ministries|agency|agencies|government|service|services|association|council|department|office|commission|centre|center|authority|delegation|experts|team|participants|institution|institutions|embassy|union|organi[sz]ation|nations|countries|states|bank|secretariat|group|heads|specialists|forum|programme|program|board|fund|institute|university|bureau|company|corporation|foundation|academy|parliament|committee|directorate|administration)\b/i;

/** Posts written before a name ("CEO", "Deputy Minister"): compromise tags most as Actor; these it may not. */
const postWords =
  /^(?:deputy|first|vice|chairman|chairwoman|chair|president|prime|minister|pm|ambassador|secretary|general|director|director-general|head|chief|executive|ceo|coo|cto|commissioner|governor|mayor|envoy|undersecretary|under-secretary|permanent|state|senior|adviser|advisor|counsellor|consul|attache|attaché|officer|manager|coordinator|rector|speaker|usg|asg|h\.?e\.?)$/i;

/** The lower-case words of the graph's people's names: a word the library does not know is a name's word when the graph holds it in one. */
export type PersonWords = ReadonlySet<string>;

/** The words of a text, tokenised and tagged by compromise. */
export function wordsOf(text: string): Word[] {
  const sentences = nlp(text).json({ offset: true }) as { terms: TermJson[] }[];
  return sentences.flatMap((sentence) =>
    sentence.terms.map((term) => ({
      text: term.text,
      lower: term.text.toLowerCase(),
      pre: term.pre,
      post: term.post,
      start: term.offset.start,
      end: term.offset.start + term.offset.length,
      tags: new Set(term.tags),
    })),
  );
}

/** The words of known people's names, the gazetteer a name's unknown words are checked against. */
export function personWordsOf(names: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const name of names) for (const word of name.toLowerCase().split(/[\s-]+/)) if (word.length > 1) words.add(word);
  return words;
}

/** A person's name found in a text, and the post written before it ("CEO", "deputy head of the Ministry of Labour"). */
export interface PersonName {
  name: string;
  post: string | null;
  start: number;
  end: number;
}

const isCapitalised = (word: Word) => /^\p{Lu}/u.test(word.text);
const isParticle = (word: Word) => particles.has(word.lower) || patronymicWords.has(word.lower);
/** Nothing but spaces or a hyphen between two words: they may be one name. */
const joined = (before: Word) => /^[\s-]*$/.test(before.post) && !/\p{P}/u.test(before.post.replace(/-/g, ''));

/** A word that says "person": compromise's tags, an honorific, a patronymic, or a word of a person the graph knows. */
function personWord(word: Word, gazetteer: PersonWords): boolean {
  return (
    ['Person', 'FirstName', 'LastName', 'Honorific', 'MaleName', 'FemaleName'].some((tag) => word.tags.has(tag)) ||
    honorifics.has(word.lower) ||
    patronymicEnding.test(word.text) ||
    familyNameEnding.test(word.text) ||
    patronymicWords.has(word.lower) ||
    gazetteer.has(word.lower)
  );
}

/** Runs of words that could be one name: capitalised words and particles, joined by spaces or hyphens. */
function nameRuns(words: readonly Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  words.forEach((word, i) => {
    const previous = words[i - 1];
    const hyphenated = previous !== undefined && previous.post === '-' && run.length > 0;
    const fits = (isCapitalised(word) || isParticle(word) || hyphenated) && !/[(["'\u2018\u201c]/u.test(word.pre);
    if (fits && (run.length === 0 || (previous && joined(previous)))) run.push(word);
    else {
      if (run.length > 0) runs.push(run);
      run = fits ? [word] : [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A run cut to the person's name: organisation words and the posts before the name dropped, particles at the ends dropped. */
function trimRun(run: Word[], words: readonly Word[], gazetteer: PersonWords): Word[] {
  let start = 0;
  run.forEach((word, i) => {
    if (organisationWords.test(word.text)) start = i + 1;
  });
  // A run continuing an organisation's name ("of Labour Abdirahman ...", "Ministry of Labour and
  // Social Affairs ...") starts at its first person word; "X and Y" joining two people does not.
  const at = words.indexOf(run[0]!);
  const before = words[at - 1];
  const continues =
    before && (['of', 'for'].includes(before.lower) || (['and', 'the', '&'].includes(before.lower) && organisationBefore(words, at - 1)));
  if (start === 0 && continues) {
    const first = run.findIndex((word) => personWord(word, gazetteer));
    start = first < 0 ? run.length : first;
  }
  // A sentence's first word is capitalised too ("Met Moon Jae-in"): a verb or a determiner opens no name.
  const opensNoName = (word: Word) =>
    !personWord(word, gazetteer) &&
    ['Verb', 'Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb'].some((tag) => word.tags.has(tag));
  // Posts and whose they are ("Ethiopia's Prime Minister Abiy Ahmed") come before the name.
  const isPost = (word: Word) => word.tags.has('Actor') || postWords.test(word.text) || /['\u2019]s$/.test(word.text);
  while (start < run.length && (isPost(run[start]!) || opensNoName(run[start]!))) start++;
  let end = run.length;
  // A lower-case particle at either end joins nothing ("the Board of al"); a capitalised one opens a name (Abu Bakr).
  const loose = (word: Word) => particles.has(word.text);
  while (start < end && loose(run[start]!)) start++;
  while (end > start && loose(run[end - 1]!)) end--;
  return run.slice(start, end);
}

/** Is the word at `index` inside an organisation's name: capitalised words and joining words back to one that says organisation? */
function organisationBefore(words: readonly Word[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const word = words[i]!;
    if (organisationWords.test(word.text)) return true;
    if (!isCapitalised(word) && !['of', 'for', 'and', 'the', '&'].includes(word.lower)) return false;
    if (/[,;:()]/.test(word.post)) return false;
  }
  return false;
}

/** Is this run of words a person's name? `expected`: the text says a person stands here ("signed by ..."). */
function isPersonRun(run: readonly Word[], gazetteer: PersonWords, expected: boolean): boolean {
  const parts = run.filter((word) => !courtesyTitles.has(word.lower));
  if (parts.length < 2 || parts.length > 8) return false;
  if (run.some((word) => organisationWords.test(word.text))) return false;
  // A run of places and demonyms ("Kenyan", "Addis Ababa") is no one, unless a word says person;
  // the library's guess of an organisation ("Marie Dupont") gives way to a word that does.
  const signals = run.filter((word) => personWord(word, gazetteer) || isParticle(word)).length;
  if (run.some((word) => word.tags.has('Organization'))) return signals > 0;
  return signals > 0 || expected;
}

/** The people named in a text, in order, each with the post written just before it. */
export function personNames(text: string, gazetteer: PersonWords = new Set(), expected = false): PersonName[] {
  return personNamesAmong(wordsOf(text), text, gazetteer, expected);
}

/**
 * The people named among words already read from `text` (a clause of it: extract.ts reads the
 * text once), in order, each with the post written between the words' start or the previous
 * name and it. Offsets are the text's.
 */
export function personNamesAmong(words: readonly Word[], text: string, gazetteer: PersonWords, expected: boolean): PersonName[] {
  const found: PersonName[] = [];
  let from = words[0]?.start ?? 0;
  for (const run of nameRuns(words)) {
    const name = trimRun(run, words, gazetteer);
    if (!isPersonRun(name, gazetteer, expected)) continue;
    const first = name.find((word) => !courtesyTitles.has(word.lower)) ?? name[0]!;
    const start = first.start;
    const end = name[name.length - 1]!.end;
    const post = text
      .slice(from, start)
      .replace(/^[\s,;]*(?:and\s+)?/i, '')
      .replace(/\b(?:dr|prof|mr|mrs|ms)\.?\s*$/i, '')
      .trim();
    found.push({ name: text.slice(start, end), post: post || null, start, end });
    from = end;
  }
  return found;
}

/** The name of the one person a text names as a whole (posts before it allowed), or null: "Deputy Minister Rustam Shavkatovich Kholmatov". */
export function personNamed(text: string, gazetteer: PersonWords = new Set(), expected = false): PersonName | null {
  const names = personNames(text, gazetteer, expected);
  const last = names[names.length - 1];
  if (names.length !== 1 || !last) return null;
  return text.slice(last.end).trim() === '' ? last : null;
}

/** Is the whole text one person's name (no post, no other words)? */
export function isPersonName(text: string, gazetteer: PersonWords = new Set()): boolean {
  const named = personNamed(text.trim(), gazetteer);
  return named !== null && named.post === null;
}
