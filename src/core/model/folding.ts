/**
 * Folding turns a name into the key we match on: the same for "ASAN xidmət", "ASAN XIDMET"
 * and "asan xidmet". Used for search keys, sort keys and entity resolution alike.
 */

/** Letters NFD does not decompose into a base letter plus a mark, mapped to what people type instead. */
const lookAlikes: Record<string, string> = {
  'ə': 'e', 'ә': 'e', 'Ə': 'e', 'Ә': 'e',
  'ı': 'i', 'İ': 'i',
  'ß': 'ss', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'æ': 'ae', 'œ': 'oe',
  '’': "'", '‘': "'", '“': '"', '”': '"', '«': '"', '»': '"',
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
