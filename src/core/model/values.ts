/**
 * Value types as the API shows them, built from how they are stored: partial dates keep their
 * precision (a year is never 1 January) and quantities keep their qualifier.
 */
export type Precision = 'YEAR' | 'MONTH' | 'DAY';
export type Qualifier = 'EXACT' | 'ABOUT' | 'MORE_THAN' | 'LESS_THAN' | 'AT_LEAST' | 'AT_MOST';
export const qualifiers: readonly Qualifier[] = ['EXACT', 'ABOUT', 'MORE_THAN', 'LESS_THAN', 'AT_LEAST', 'AT_MOST'];

export interface PartialDateValue {
  iso: string;
  precision: Precision;
  year: number;
  month: number | null;
  day: number | null;
}

const partialDatePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; null when the text is not such a date or names no real day. */
export function parsePartialDate(iso: string): PartialDateValue | null {
  const match = partialDatePattern.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  // ISO 8601's year 0000 is 1 BC: no source of this graph means it; "0000" is a typo or a probe.
  if (year < 1) return null;
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null) {
    const lastDay = new Date(Date.UTC(year, month!, 0)).getUTCDate();
    if (day < 1 || day > lastDay) return null;
  }
  return { iso, precision: day !== null ? 'DAY' : month !== null ? 'MONTH' : 'YEAR', year, month, day };
}

/** English month names, January first: how a month of a partial date reads in labels and sentences. */
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function partialDateOrNull(iso: unknown): PartialDateValue | null {
  return typeof iso === 'string' ? parsePartialDate(iso) : null;
}

/** The statement a date answers: which entity's which property (claims about it may compete). */
export interface ClaimOf {
  subject: string;
  property: string;
}

/** A date with the subject and property of the claims it answers (PartialDateRecord.claimOf). */
export function withClaims<T extends PartialDateValue>(date: T, claimOf: ClaimOf): T & { claimOf: ClaimOf };
export function withClaims<T extends PartialDateValue>(date: T | null, claimOf: ClaimOf): (T & { claimOf: ClaimOf }) | null;
export function withClaims<T extends PartialDateValue>(date: T | null, claimOf: ClaimOf): (T & { claimOf: ClaimOf }) | null {
  return date ? { ...date, claimOf } : null;
}

export interface QuantityValue {
  value: number;
  qualifier: Qualifier;
  unit: string | null;
  text: string;
}

const qualifierWords: Record<Qualifier, string> = {
  EXACT: '',
  ABOUT: 'about ',
  MORE_THAN: 'more than ',
  LESS_THAN: 'less than ',
  AT_LEAST: 'at least ',
  AT_MOST: 'at most ',
};

export function quantityText(value: number, qualifier: Qualifier, unit: string | null): string {
  return `${qualifierWords[qualifier]}${value.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;
}

/**
 * The values a stated quantity allows, as an interval: "more than 40" is (40, ∞), "exactly 64"
 * is [64, 64]. Two sources disagree on a quantity only when their intervals do not meet, so
 * "more than 40 services" and "64 services" are two true statements, not a conflict (the
 * writer stores the bounds on each claim and markDisputes compares them).
 */
export interface QuantityBounds {
  /** Null: no lower bound. */
  low: number | null;
  high: number | null;
  /** The bound itself is excluded (MORE_THAN, LESS_THAN). */
  lowOpen: boolean;
  highOpen: boolean;
}

/** How far "about N" may stray from N and still be the same figure: a tenth either way. */
export const aboutTolerance = 0.1;

export function quantityBounds(value: number, qualifier: Qualifier): QuantityBounds {
  switch (qualifier) {
    case 'EXACT':
      return { low: value, high: value, lowOpen: false, highOpen: false };
    case 'ABOUT':
      return { low: value * (1 - aboutTolerance), high: value * (1 + aboutTolerance), lowOpen: false, highOpen: false };
    case 'MORE_THAN':
      return { low: value, high: null, lowOpen: true, highOpen: false };
    case 'AT_LEAST':
      return { low: value, high: null, lowOpen: false, highOpen: false };
    case 'LESS_THAN':
      return { low: null, high: value, lowOpen: false, highOpen: true };
    case 'AT_MOST':
      return { low: null, high: value, lowOpen: false, highOpen: false };
  }
}
