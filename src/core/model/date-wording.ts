/** A partial date in words, saying how precise it is: "in 2016 (year only)", "in June 2019 (month only)", "on 2021-02-24". */
import { monthNames, type PartialDateValue } from './values';

export function whenText(date: PartialDateValue): string {
  if (date.precision === 'YEAR') return `in ${date.year} (year only)`;
  if (date.precision === 'MONTH') return `in ${monthNames[date.month! - 1]} ${date.year} (month only)`;
  return `on ${date.iso}`;
}
