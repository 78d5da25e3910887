/**
 * The words that state a relation, by language: the verbs of a meeting, a signing, a visit, a
 * training, a centre's opening, an award and a model. A statement needs its verb and, for some,
 * its object word too (signing needs a memorandum word, opening a centre word), so "söz açılıb"
 * ("was talked about") opens no centre. Patterns for Azerbaijani and Russian verb forms, as the
 * task allows; English uses the same kind of patterns on its few verb forms.
 */
import type { SupportedLanguage } from './language';

export type StatementKind = 'MET' | 'SIGNED' | 'VISITED' | 'TRAINED' | 'OPENED' | 'AWARDED' | 'MODELLED';

interface Trigger {
  kind: StatementKind;
  verb: RegExp;
  /** A word that must also be in the sentence. */
  needs?: RegExp;
}

const memorandumWords = {
  en: /\b(memorand|MoU|agreement|accord|protocol|declaration)/i,
  az: /(memorandum|saziş|müqavilə|protokol|bəyannamə)/iu,
  ru: /(меморандум|соглашени|договор|протокол|декларац)/iu,
};
const centreWords = { en: /\b(centre|center|hub|office)s?\b/i, az: /mərkəz/iu, ru: /центр/iu };

export const triggers: Record<SupportedLanguage, Trigger[]> = {
  en: [
    { kind: 'MET', verb: /\b(met|meets|meeting (with|between)|held talks|talks with)\b/i },
    { kind: 'SIGNED', verb: /\b(signed|signs|signing|concluded)\b/i, needs: memorandumWords.en },
    { kind: 'VISITED', verb: /\b(visited|visits|visiting|toured|paid a visit|got acquainted|familiari[sz]ed)\b/i },
    { kind: 'TRAINED', verb: /\b(trained|training|trainings|workshops?|courses? for)\b/i },
    { kind: 'OPENED', verb: /\b(opened|opening|launched|inaugurated|established|set up)\b/i, needs: centreWords.en },
    { kind: 'AWARDED', verb: /\b(awarded|was granted|received the|won the|winner of)\b/i, needs: /\b(award|prize)/i },
    { kind: 'MODELLED', verb: /\b(modell?ed on|on the model of|based on the .{0,40}model|replicat\w+)\b/i },
  ],
  az: [
    { kind: 'MET', verb: /görüş(üb|üblər|dü|dülər|müş|müşdür|müşlər)(?!\p{L})|görüş(ü)? keçiril/iu },
    {
      kind: 'SIGNED',
      verb: /imzala(n|nıb|nmış|nmışdır|yıb|yıblar|dı|dılar|nması|nmasına|ndı)(?!\p{L})/iu,
      needs: memorandumWords.az,
    },
    { kind: 'VISITED', verb: /səfər(də)?|ziyarət (edib|etmiş|etmişdir|edilib)|tanış ol(ub|muş|muşdur)/iu },
    { kind: 'TRAINED', verb: /təlim(?!at)/iu },
    {
      kind: 'OPENED',
      verb: /açıl(ıb|mış|mışdır|dı|ışı)(?!\p{L})|açılış|yaradıl(ıb|mış|mışdır|dı)(?!\p{L})|istifadəyə veril/iu,
      needs: centreWords.az,
    },
    { kind: 'AWARDED', verb: /layiq görül|mükafatlandırıl|mükafat(ı|ını)? (alıb|qazanıb)/iu },
    { kind: 'MODELLED', verb: /model(i|inə)? (əsasında|üzrə)|modelinə uyğun|təcrübəsi əsasında/iu },
  ],
  ru: [
    { kind: 'MET', verb: /встрети(л|лся|лась|лись)|встреча(лся|лась|лись)|провел(и|а)? встреч|состоялась встреча|переговор/iu },
    { kind: 'SIGNED', verb: /подписа(л|ла|ли|н|на|но|ны|ние|ния|нию)(?!\p{L})/iu, needs: memorandumWords.ru },
    { kind: 'VISITED', verb: /посети(л|ла|ли)|визит|ознакоми(лся|лась|лись)/iu },
    { kind: 'TRAINED', verb: /обучени|обучил|обучен|тренинг|семинар|курс(ы|ов)/iu },
    { kind: 'OPENED', verb: /откры(т|та|то|л|ла|ли|лся|лась|тие)(?!\p{L})|созда(н|на|ли)(?!\p{L})/iu, needs: centreWords.ru },
    { kind: 'AWARDED', verb: /награжд|удостоен|получил(а|и)? (преми|наград)/iu },
    { kind: 'MODELLED', verb: /по (модели|образцу)|на основе (модели|опыта)/iu },
  ],
};

/** The kinds a sentence states, each with the words that state it (for the reason) and where they are. */
export function statementsIn(sentence: string, language: SupportedLanguage): { kind: StatementKind; words: string; index: number }[] {
  return triggers[language].flatMap(({ kind, verb, needs }) => {
    const found = verb.exec(sentence);
    if (!found || (needs && !needs.test(sentence))) return [];
    return [{ kind, words: found[0], index: found.index }];
  });
}

export function mentionsMemorandum(sentence: string, language: SupportedLanguage): boolean {
  return memorandumWords[language].test(sentence);
}

/** Words that follow a provider ("X tərəfindən", az) or precede it ("by X", en; "силами X", ru). */
export const providerMarks: Record<SupportedLanguage, { after?: RegExp; before?: RegExp }> = {
  en: { before: /\b(by|from|organi[sz]ed by|conducted by|delivered by)\s+(the\s+)?[“"«]?$/i },
  az: { after: /^[\s,”"»]*(\p{L}+\s+){0,2}tərəfindən/iu },
  ru: { before: /(силами|специалистами|экспертами|при поддержке)\s+[«"“]?$/iu, after: /^[\s,”"»]*(провел|провела|провели|организовал)/iu },
};

/** A city named with the word for city: "Kabil şəhərində", "in the city of Kabul", "в городе Кабул". */
export const cityPatterns: Record<SupportedLanguage, RegExp> = {
  en: /\bin (?:the city of )?(\p{Lu}\p{L}+)(?!\s+\p{Lu})/u,
  az: /(\p{Lu}\p{L}+)\s+şəhərində/u,
  ru: /в (?:городе|г\.)\s*(\p{Lu}\p{L}+)/u,
};

/** Words for what a training counts itself in ("20 trainings") rather than the people it trained. */
export const trainingUnits =
  /^(training|trainings|course|courses|workshop|workshops|session|sessions|seminar|seminars|təlim|kurs|seminar|тренинг|семинар|курс|занят|обучени)/iu;
