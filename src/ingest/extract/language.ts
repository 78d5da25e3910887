/**
 * The text's language, by franc's trigram model. franc answers ISO 639-3 codes; a draft speaks
 * ISO 639-1. Only English, Azerbaijani and Russian are extracted from (the field's sources are
 * written in them); any other language is named so the warning can say which it is.
 */
type Franc = typeof import('franc');

/**
 * franc is published as ES modules only, and TypeScript's CommonJS output turns `import()` into
 * `require()`, which Node 20 refuses for an ES module: the import is written where tsc leaves it
 * alone. Jest's module sandbox has no ES module loader unless Node runs with
 * --experimental-vm-modules, so there the transpiled `import()` (a require, which jest transforms:
 * jest.config.js) is the way in.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Franc>;

let loaded: Promise<Franc> | undefined;
function loadFranc(): Promise<Franc> {
  loaded ??= importModule('franc').catch((nativeError: unknown) =>
    import('franc').catch(() => {
      throw nativeError;
    }),
  );
  return loaded;
}

/** The languages a draft is extracted from. */
export const supportedLanguages = ['en', 'az', 'ru'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

/** franc's codes for the supported languages and for the languages most often met beside them (for the warning). */
const iso1ByIso3: Record<string, string> = {
  eng: 'en',
  azj: 'az',
  azb: 'az',
  rus: 'ru',
  tur: 'tr',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  uzn: 'uz',
  tuk: 'tk',
  kir: 'ky',
  tgk: 'tg',
  pes: 'fa',
  prs: 'fa',
  arb: 'ar',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  dan: 'da',
  pol: 'pl',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  hin: 'hi',
  urd: 'ur',
  som: 'so',
  kat: 'ka',
  hye: 'hy',
  ell: 'el',
  ind: 'id',
  swh: 'sw',
};

/**
 * Languages franc confuses with a supported one on short texts (Azerbaijani with Turkish and
 * Turkmen, Russian with its Cyrillic neighbours, English with Scots): when one of them comes
 * first, a supported language almost as likely wins.
 */
const neighbours: Record<string, string> = {
  tur: 'azj',
  tuk: 'azj',
  crh: 'azj',
  gag: 'azj',
  ukr: 'rus',
  bel: 'rus',
  bul: 'rus',
  sco: 'eng',
};
const closeEnough = 0.97;

export interface DetectedLanguage {
  /** ISO 639-1 when known, else franc's ISO 639-3 code; "und" when the text is too short to tell. */
  language: string;
  supported: boolean;
}

/** Azerbaijani's ə is in no other language franc weighs against it. */
const schwa = /[əƏ]/;

export async function detectLanguage(text: string): Promise<DetectedLanguage> {
  const { francAll } = await loadFranc();
  const ranked = francAll(text, { minLength: 10 });
  const [best, score] = ranked[0] ?? ['und', 1];
  if (best === 'und') return { language: 'und', supported: false };
  let code = best;
  const neighbour = neighbours[best];
  if (neighbour) {
    const rival = ranked.find(([candidate]) => candidate === neighbour);
    if ((rival && rival[1] >= score * closeEnough) || (neighbour === 'azj' && schwa.test(text))) code = neighbour;
  }
  const language = iso1ByIso3[code] ?? code;
  return { language, supported: (supportedLanguages as readonly string[]).includes(language) };
}

export function isSupported(language: string): language is SupportedLanguage {
  return (supportedLanguages as readonly string[]).includes(language);
}
