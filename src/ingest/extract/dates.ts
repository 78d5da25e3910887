/**
 * Dates a sentence states, at the precision it states them: "24 fevral 2021" is a day,
 * "в феврале 2021 года" a month, "2016-cı ildə" a year (a year stays a year). English goes
 * through chrono-node; Azerbaijani and Russian month names are matched by the patterns below.
 */
import * as chrono from 'chrono-node';
import { parsePartialDate } from '../../core/model/values';
import type { SupportedLanguage } from './language';

/** A date found in a text: YYYY, YYYY-MM or YYYY-MM-DD, and where it is (offsets in the text searched). */
export interface FoundDate {
  iso: string;
  start: number;
  end: number;
}

const azMonths = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr'];
/** Russian month stems: the genitive of a day ("24 февраля"), the prepositional of a month ("в феврале"). */
const ruMonths = ['январ', 'феврал', 'март', 'апрел', 'ма[йяе]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];

const alternatives = (stems: readonly string[]) => stems.map((stem, i) => `(?<m${i + 1}>${stem})`).join('|');
const monthOf = (groups: Record<string, string | undefined>): number =>
  Number(
    Object.keys(groups)
      .find((key) => /^m\d+$/.test(key) && groups[key] !== undefined)!
      .slice(1),
  );

interface DatePattern {
  pattern: RegExp;
  read: (groups: Record<string, string | undefined>) => string;
}

const day = (year: string | undefined, month: number, dayOfMonth: string | undefined) =>
  [year, String(month).padStart(2, '0'), dayOfMonth?.padStart(2, '0')].filter(Boolean).join('-');

/** Day and month with a year, then month and year, then a year alone; numeric day.month.year in every language. */
const patterns: Record<SupportedLanguage, DatePattern[]> = {
  az: [
    {
      pattern: new RegExp(`(?<d>\\d{1,2})\\s+(?:${alternatives(azMonths)})\\s+(?<y>\\d{4})`, 'giu'),
      read: (g) => day(g.y, monthOf(g), g.d),
    },
    {
      pattern: new RegExp(`(?<y>\\d{4})-?(?:ci|cı|cu|cü)?\\s+il(?:in)?\\s+(?<d>\\d{1,2})\\s+(?:${alternatives(azMonths)})`, 'giu'),
      read: (g) => day(g.y, monthOf(g), g.d),
    },
    {
      pattern: new RegExp(`(?<y>\\d{4})-?(?:ci|cı|cu|cü)?\\s+il(?:in)?\\s+(?:${alternatives(azMonths)})\\s+ay`, 'giu'),
      read: (g) => day(g.y, monthOf(g), undefined),
    },
    { pattern: /(?<y>(?:19|20)\d{2})-?(?:ci|cı|cu|cü)\s+il/giu, read: (g) => g.y! },
  ],
  ru: [
    {
      pattern: new RegExp(`(?<d>\\d{1,2})\\s+(?:${alternatives(ruMonths)})\\p{L}*\\s+(?<y>\\d{4})`, 'giu'),
      read: (g) => day(g.y, monthOf(g), g.d),
    },
    {
      pattern: new RegExp(`(?:${alternatives(ruMonths)})\\p{L}*\\s+(?<y>\\d{4})`, 'giu'),
      read: (g) => day(g.y, monthOf(g), undefined),
    },
    { pattern: /(?<y>(?:19|20)\d{2})\s*(?:г\.|год)/giu, read: (g) => g.y! },
  ],
  en: [{ pattern: /\b(?:in|since|from|of|during|by|until)\s+(?<y>(?:19|20)\d{2})\b(?![-/.]\d)/giu, read: (g) => g.y! }],
};

const numeric: DatePattern = {
  pattern: /\b(?<d>\d{1,2})[-./](?<mo>\d{1,2})[-./](?<y>(?:19|20)\d{2})\b/gu,
  read: (g) => day(g.y, Number(g.mo), g.d),
};

/** English dates chrono reads, at the precision the text gives: a month and a year is a month. */
function chronoDates(text: string, reference: Date | undefined): FoundDate[] {
  return chrono.parse(text, reference ?? new Date(), { forwardDate: false }).flatMap((result) => {
    // "today", "last week": relative to the publication date, so only when there is one.
    if (!reference && !/\d{4}/.test(result.text)) return [];
    const start = result.start;
    const certain = (component: 'year' | 'month' | 'day') => (start.isCertain(component) ? (start.get(component) ?? undefined) : undefined);
    const month = certain('month');
    // A date without its year is the reference's year only when a publication date anchors it; a relative one ("today") is certain of none.
    const year = certain('year') ?? (reference && month !== undefined ? (start.get('year') ?? undefined) : undefined);
    if (year === undefined || month === undefined) return [];
    const dayOfMonth = certain('day');
    return [
      {
        iso: day(String(year), month, dayOfMonth === undefined ? undefined : String(dayOfMonth)),
        start: result.index,
        end: result.index + result.text.length,
      },
    ];
  });
}

function patternDates(text: string, list: readonly DatePattern[]): FoundDate[] {
  return list.flatMap(({ pattern, read }) =>
    [...text.matchAll(pattern)].map((match) => ({ iso: read(match.groups ?? {}), start: match.index, end: match.index + match[0].length })),
  );
}

/**
 * Every date `text` states, in order of place; where patterns overlap the first (most precise)
 * wins. `reference` anchors English dates given without a year ("on 3 March").
 */
export function datesIn(text: string, language: SupportedLanguage, reference?: Date): FoundDate[] {
  const found = [...(language === 'en' ? chronoDates(text, reference) : []), ...patternDates(text, [...patterns[language], numeric])];
  const kept: FoundDate[] = [];
  for (const date of found) {
    if (parsePartialDate(date.iso) === null) continue;
    if (kept.some((other) => date.start < other.end && other.start < date.end)) continue;
    kept.push(date);
  }
  return kept.sort((a, b) => a.start - b.start);
}
