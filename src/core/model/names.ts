/**
 * Names by language: an entity's canonical name is the one its source gives (the State Agency's
 * full Azerbaijani title); sources may add its name in other languages, keyed by ISO 639-1 code.
 * Readers ask for a language and fall back in one documented order, so an English sentence never
 * has to show a title its reader cannot read when an English one is known.
 */

/** A name in one language. */
export interface LocalizedNameValue {
  /** ISO 639-1 code: two lower-case letters. */
  language: string;
  name: string;
}

/**
 * Every ISO 639-1 code (the 183 two-letter codes of the standard): a bundle key or a `lang`
 * argument outside it is refused, so a typo ("eng", "EN", "xx") cannot store an unreachable name.
 */
const iso6391 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ' +
    'ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os ' +
    'pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ' +
    'ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export function isLanguageCode(code: string): boolean {
  return iso6391.has(code);
}

/** The language names fall back to before the canonical one: explanations and titles are English sentences. */
export const fallbackLanguage = 'en';

/**
 * The name to show in `language`: the name in that language, else the English name, else the
 * canonical name (the source's). Without a language: the canonical name.
 */
export function localizedName(entity: { name: string; names: readonly LocalizedNameValue[] }, language: string | null | undefined): string {
  if (!language) return entity.name;
  const named = (code: string) => entity.names.find((name) => name.language === code)?.name;
  return named(language) ?? named(fallbackLanguage) ?? entity.name;
}

/** A bundle's `names` object as stored: one entry per language, in code order so a node's arrays do not depend on key order. */
export function namesOf(names: Readonly<Record<string, string>> | undefined): LocalizedNameValue[] {
  return Object.entries(names ?? {})
    .map(([language, name]) => ({ language, name }))
    .sort((a, b) => a.language.localeCompare(b.language));
}
