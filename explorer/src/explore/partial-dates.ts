/**
 * Dates as the API gives them: 2016, 2016-05 or 2016-05-03. A year is a span of a year, never
 * 1 January, so filtering compares spans: a fact dated 2016 is within "from 2016-06" (it may fall
 * then), as the API's own from/to filters read it. Pure: the unit tests import it.
 */
const partialDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether `text` is a date at one of the three precisions (a real month and day). */
export function isPartialDate(text: string): boolean {
  const match = partialDate.exec(text);
  if (!match) return false;
  const [, , month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined) {
    const days = new Date(Date.UTC(Number(match[1]), Number(month), 0)).getUTCDate();
    if (Number(day) < 1 || Number(day) > days) return false;
  }
  return true;
}

/** The first and last day a partial date may mean, as YYYY-MM-DD (these compare as text). */
export function spanOf(iso: string): { first: string; last: string } {
  const [year, month, day] = iso.split('-');
  if (day !== undefined) return { first: iso, last: iso };
  if (month !== undefined) {
    const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { first: `${year}-${month}-01`, last: `${year}-${month}-${String(days).padStart(2, '0')}` };
  }
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** A filter's range; null ends are open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/**
 * Whether something valid from `start` to `end` (either unknown: open) may overlap `range`. A
 * single date is start = end.
 */
export function mayOverlap(start: string | null, end: string | null, range: DateRange): boolean {
  if (range.from && end && spanOf(end).last < spanOf(range.from).first) return false;
  if (range.to && start && spanOf(start).first > spanOf(range.to).last) return false;
  return true;
}
