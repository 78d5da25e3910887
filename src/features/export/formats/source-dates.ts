/** A source's publication date as the bibliographic formats need it, at the precision it was given. */
import { parsePartialDate, type PartialDateValue } from '../../../core/model/values';

/** `published` is a partial date (2019, 2019-06, 2019-06-24) or a date-time with an offset: its date part then. */
export function sourceDate(published: string | null): PartialDateValue | null {
  if (!published) return null;
  return parsePartialDate(published) ?? parsePartialDate(published.slice(0, 10));
}

/** CSL's date-parts: [[year]], [[year, month]] or [[year, month, day]]. */
export function dateParts(date: PartialDateValue): number[][] {
  return [[date.year, ...(date.month !== null ? [date.month] : []), ...(date.day !== null && date.month !== null ? [date.day] : [])]];
}
