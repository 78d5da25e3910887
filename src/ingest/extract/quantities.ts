/**
 * Numbers a sentence states, with the qualifier it states them with: "more than 40 employees"
 * is MORE_THAN 40 employees, "100-dən çox nümayəndəyə" MORE_THAN 100 nümayəndə, "около 20
 * семинаров" ABOUT 20 семинаров. A number is never rounded into another claim: the qualifier
 * is what makes "more than 40" and "64" agree.
 */
import type { Qualifier } from '../../core/model/values';
import type { SupportedLanguage } from './language';
import { stemOf } from './stems';

export interface FoundQuantity {
  value: number;
  qualifier: Qualifier;
  /** The counted noun as the sentence gives it (Azerbaijani case endings taken off). */
  unit: string | null;
  /** Offsets in the text searched. */
  start: number;
  end: number;
}

/** Words before a number that qualify it, the longer phrase first so "no more than" is not read as "more than". */
const beforeWords: Record<SupportedLanguage, [string, Qualifier][]> = {
  en: [
    ['at least|no fewer than|no less than', 'AT_LEAST'],
    ['up to|at most|no more than', 'AT_MOST'],
    ['more than|over|in excess of|upwards of', 'MORE_THAN'],
    ['less than|fewer than|under', 'LESS_THAN'],
    ['about|around|approximately|nearly|almost|some|roughly|close to', 'ABOUT'],
  ],
  az: [
    ['təxminən|təqribən|haradasa', 'ABOUT'],
    ['ən azı|azı', 'AT_LEAST'],
  ],
  ru: [
    ['не менее|как минимум|не меньше', 'AT_LEAST'],
    ['не более|не больше|до', 'AT_MOST'],
    ['более чем|более|свыше|больше', 'MORE_THAN'],
    ['около|примерно|порядка|почти|приблизительно', 'ABOUT'],
    ['менее|меньше', 'LESS_THAN'],
  ],
};
const before = Object.fromEntries(
  Object.entries(beforeWords).map(([language, list]) => [
    language,
    list.map(([words, qualifier]) => [new RegExp(`(?<!\\p{L})(?:${words})$`, 'iu'), qualifier] as [RegExp, Qualifier]),
  ]),
) as Record<SupportedLanguage, [RegExp, Qualifier][]>;

/** Azerbaijani qualifies after the number, through its case ending: "100-dən çox", "20-yə yaxın", "50-dək". */
const azAfter: [RegExp, Qualifier][] = [
  [/^-?(?:n?d[əa]n)\s+(?:çox|artıq|yuxarı)/iu, 'MORE_THAN'],
  [/^-?(?:n?d[əa]n)\s+az/iu, 'LESS_THAN'],
  [/^-?(?:y?[əa]|y[eə])\s+yaxın/iu, 'ABOUT'],
  [/^-?(?:[əa]\s+qədər|d[əa]k)/iu, 'AT_MOST'],
];

const multipliers: [RegExp, number][] = [
  [/^(?:billion|milyard|млрд|миллиард)/iu, 1e9],
  [/^(?:million|milyon|млн|миллион)/iu, 1e6],
  [/^(?:thousand|min\b|тыс|тысяч)/iu, 1e3],
];

/** A number: digits with thousands separators or a decimal part ("1,200", "2.5", "1 200"). */
const numberPattern = /(?<![\p{L}\d.,-])(\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])/gu;
const unitWord = /^[\s-]*([\p{L}]+(?:-[\p{L}]+)?)/u;
const yearLike = /^(?:19|20)\d{2}$/;

function parseNumber(digits: string): number {
  if (/^\d{1,3}(?:[ ,.\u00a0]\d{3})+$/.test(digits)) return Number(digits.replace(/[ ,.\u00a0]/g, ''));
  return Number(digits.replace(',', '.'));
}

/** What follows the number: a multiplier word, Azerbaijani's qualifying ending, and the noun counted. */
function readAfter(
  rest: string,
  language: SupportedLanguage,
): { multiplier: number; qualifier: Qualifier | null; unit: string | null; length: number } {
  let consumed = 0;
  let multiplier = 1;
  const spaced = rest.match(/^\s*/)![0].length;
  for (const [pattern, factor] of multipliers) {
    const found = rest.slice(spaced).match(pattern);
    if (!found) continue;
    multiplier = factor;
    const word = rest.slice(spaced).match(/^\p{L}+\.?/u)![0];
    consumed = spaced + (language === 'az' ? word.replace(/(?:d[əa]n|[əa]|y[əa])$/u, '').length : word.length);
    break;
  }
  let qualifier: Qualifier | null = null;
  if (language === 'az') {
    for (const [pattern, named] of azAfter) {
      const found = rest.slice(consumed).match(pattern);
      if (!found) continue;
      qualifier = named;
      consumed += found[0].length;
      break;
    }
  }
  const noun = rest.slice(consumed).match(unitWord);
  const unit = noun ? (language === 'az' ? stemOf(noun[1]!, 'az', 'case') : noun[1]!) : null;
  return { multiplier, qualifier, unit, length: consumed + (noun ? noun[0].length : 0) };
}

/** Every number in `text` outside `skip` (the dates found there), with its qualifier and unit. */
export function quantitiesIn(
  text: string,
  language: SupportedLanguage,
  skip: readonly { start: number; end: number }[] = [],
): FoundQuantity[] {
  const found: FoundQuantity[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (skip.some((span) => start < span.end && span.start < end)) continue;
    const headStart = Math.max(0, start - 30);
    const head = text.slice(headStart, start).trimEnd();
    const qualifiedBefore = before[language].map(([pattern, named]) => ({ found: pattern.exec(head), named })).find(({ found }) => found);
    const after = readAfter(text.slice(end), language);
    const qualifier = qualifiedBefore?.named ?? after.qualifier ?? 'EXACT';
    // A bare year ("2016 il", "in 2016") is a date, not a count.
    if (qualifier === 'EXACT' && after.multiplier === 1 && yearLike.test(match[0])) continue;
    const value = parseNumber(match[1]!) * after.multiplier;
    if (!Number.isFinite(value)) continue;
    const from = qualifiedBefore?.found ? headStart + qualifiedBefore.found.index : start;
    found.push({ value, qualifier, unit: after.unit, start: from, end: end + after.length });
  }
  return found;
}
