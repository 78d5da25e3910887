/**
 * Folding turns a name into the key we match on: the same for "ASAN xidmət", "ASAN XIDMET"
 * and "asan xidmet". Used for search keys, sort keys and entity resolution alike.
 */

/** Letters NFD does not decompose into a base letter plus a mark, mapped to what people type instead. */
const lookAlikes: Record<string, string> = {
  ə: 'e',
  ә: 'e',
  Ə: 'e',
  Ә: 'e',
  ı: 'i',
  İ: 'i',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
};

export function fold(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC')) out += lookAlikes[char] ?? char;
  return out
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The transliteration key: a phonetic spelling that Azerbaijani Latin, Russian (and Azerbaijani)
 * Cyrillic and English renderings of one name fold to, so Мехдиев, Mehdiyev and Mekhdiev, Кабул
 * and Kabul, АСАН хидмат and ASAN xidmət meet. Lower-case letters and digits, words joined by one
 * space. Deterministic: the writer stores it and search folds the query with it, so both sides
 * always agree. Sounds keep their own letters where a merge would join different words
 * (ş -> sh, so Şimali "north" stays apart from Somali).
 */
export function transliterationKey(text: string): string {
  const lower = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(softenedVowel, (vowel) => softenedVowels[vowel] ?? vowel);
  const latin = [...lower].map((char) => cyrillicToLatin[char] ?? azerbaijaniDigraphs[char] ?? char).join('');
  const bare = latin.normalize('NFD').replace(/\p{M}+/gu, '');
  return bare
    .replace(latinSounds, (match) => latinSoundKeys[match] ?? match)
    .replace(/iy/g, 'i')
    .replace(/ye/g, 'e')
    .replace(/(?<![aeiou])y(?![aeiou])/g, 'i')
    .replace(/(\p{L})\1+/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
}

/**
 * Russian and Azerbaijani Cyrillic to the key's Latin, before marks are stripped (NFD would turn
 * й into и): х -> h as in Мехдиев = Mehdiyev, ж and дж -> j, soft and hard signs silent, ы -> i
 * (it renders Azerbaijani ı), е and ё -> e (the key drops the y of ye on both sides).
 */
const cyrillicToLatin: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  ҝ: 'g',
  ө: 'o',
  ү: 'u',
  һ: 'h',
  ј: 'y',
  ҹ: 'j',
  ҳ: 'h',
  қ: 'k',
  ң: 'n',
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g',
  ў: 'u',
};

/**
 * ю, я, ё after a consonant soften it rather than add a y: Russian writes Gülnarə Гюльнара, Gəncə
 * Гянджа, Göyçay Гёйчай. Read as the vowel alone (ü, ä, ö lose their marks below).
 */
const softenedVowels: Record<string, string> = { ю: 'ü', я: 'ä', ё: 'ö' };
const softenedVowel = /(?<=[бвгджзклмнпрстфхцчшщ])[юяё]/g;

/** Azerbaijani letters that NFD would reduce to a different sound (ş to s, ç to c). */
const azerbaijaniDigraphs: Record<string, string> = { ş: 'sh', ç: 'ch' };

/**
 * Latin spellings of one sound, longest first so a digraph is read before its letters: x, kh and
 * h (Russian х writes both) -> h; c, j, dj, dzh, zh -> j; q, gh -> g; ə -> a (Russian writes Əliyev
 * Алиев); ı -> i; w -> v; oo, ou -> u.
 */
const latinSoundKeys: Record<string, string> = {
  dzh: 'j',
  dj: 'j',
  zh: 'j',
  kh: 'h',
  gh: 'g',
  sh: 'sh',
  ch: 'ch',
  oo: 'u',
  ou: 'u',
  x: 'h',
  c: 'j',
  q: 'g',
  w: 'v',
  ə: 'a',
  ı: 'i',
};
const latinSounds = /dzh|dj|zh|kh|gh|sh|ch|oo|ou|[xcqwəı]/g;
