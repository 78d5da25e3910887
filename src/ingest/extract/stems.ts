/**
 * Word stems for matching inflected mentions to the names the graph stores: Azerbaijani stacks
 * case, possessive and plural endings on a name ("Respublikasındakı", "Agentliyinin"), Russian
 * declines it ("Министерства", "Джейхуном"). A stem is compared as a prefix of a stored name's
 * word, so taking too little off costs a match and taking too much only widens the prefix; a
 * stem keeps at least four letters.
 */
import type { SupportedLanguage } from './language';

/** A suffix after a hyphen or an apostrophe: "BMT-nin", "2016-cı", "Afghanistan's", "ASAN-ın". */
const joinedSuffix = /[-'’][\p{Ll}]{1,5}$/u;

/** Azerbaijani endings, longest first: locative-adjectival, plural, cases (both vowel harmonies), possessive. */
const azEndings = [
  'larının',
  'lərinin',
  'larına',
  'lərinə',
  'larında',
  'lərində',
  'lardan',
  'lərdən',
  'ndakı',
  'ndəki',
  'dakı',
  'dəki',
  'ların',
  'lərin',
  'ları',
  'ləri',
  'lar',
  'lər',
  'ndan',
  'ndən',
  'dan',
  'dən',
  'nın',
  'nin',
  'nun',
  'nün',
  'nda',
  'ndə',
  'na',
  'nə',
  'da',
  'də',
  'ya',
  'yə',
  'çı',
  'çi',
  'sı',
  'si',
  'su',
  'sü',
  'ın',
  'in',
  'un',
  'ün',
  'a',
  'ə',
  'ı',
  'i',
  'u',
  'ü',
];
/** The case endings alone (what a counted noun carries: "nümayəndəyə" to "nümayəndə"). */
const azCaseEndings = ['nın', 'nin', 'nun', 'nün', 'dan', 'dən', 'ya', 'yə', 'na', 'nə', 'da', 'də'];

/** Russian noun and adjective endings, longest first. */
const ruEndings = [
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'ием',
  'ях',
  'ах',
  'ых',
  'их',
  'ой',
  'ей',
  'ом',
  'ем',
  'ам',
  'ям',
  'ую',
  'юю',
  'ая',
  'яя',
  'ое',
  'ее',
  'ый',
  'ий',
  'ым',
  'им',
  'ия',
  'ии',
  'ью',
  'ы',
  'и',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'о',
  'ь',
];

const minStem = 4;

function stripOnce(word: string, endings: readonly string[]): string | null {
  const lower = word.toLocaleLowerCase();
  const ending = endings.find((candidate) => lower.endsWith(candidate) && lower.length - candidate.length >= minStem);
  return ending ? word.slice(0, word.length - ending.length) : null;
}

/**
 * The stem of one word. `full` takes every ending off that leaves a stem (for matching names);
 * `case` only a case ending (for a counted noun shown to a reviewer). Acronyms keep their form.
 */
export function stemOf(word: string, language: SupportedLanguage, mode: 'full' | 'case' = 'full'): string {
  let stem = word.replace(joinedSuffix, '');
  if (stem.length <= 3 || stem === stem.toLocaleUpperCase()) return stem;
  if (language === 'en') return stem;
  if (mode === 'case') return (language === 'az' ? stripOnce(stem, azCaseEndings) : null) ?? stem;
  if (language === 'ru') return stripOnce(stem, ruEndings) ?? stem;
  for (let next = stripOnce(stem, azEndings); next !== null; next = stripOnce(stem, azEndings)) stem = next;
  return stem;
}
