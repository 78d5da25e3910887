/**
 * The title of a source whose headline is not known (a page read without its heading, a wire
 * copy): built from what is known, its publisher and its date, and put in square brackets. That
 * is how cataloguing marks a supplied title (ISBD and RDA: "[title supplied by the cataloguer]"),
 * and how CSL styles and BibTeX users show one (APA: "[Description of work]"), so a formatted
 * reference never passes a made-up text off as the source's own title. The stored source keeps
 * `titleSupplied: true` beside it, and the BibTeX export says so in the entry's note.
 */
import { monthNames, parsePartialDate } from './values';

/** The publication date in words at its precision: "24 June 2019", "June 2019", "2019", or "undated". */
function publishedText(published: string | null): string {
  // A date-time with an offset (2021-02-24T16:58:00+04:00) reads as its day.
  const date = published ? (parsePartialDate(published) ?? parsePartialDate(published.slice(0, 10))) : null;
  if (!date) return 'undated';
  if (date.day !== null) return `${date.day} ${monthNames[date.month! - 1]} ${date.year}`;
  if (date.month !== null) return `${monthNames[date.month - 1]} ${date.year}`;
  return String(date.year);
}

/** "[AzerNews, 19 April 2024]": the supplied title of a source of `publisher` published on `published`. */
export function suppliedTitle(publisher: string, published: string | null): string {
  return `[${publisher.trim()}, ${publishedText(published)}]`;
}

/**
 * A title that stands in for a headline nobody has ("(headline not in stored text)", "(no
 * title)"): a text wholly in round brackets. Imports refuse it, since it would be exported as
 * the source's title; leaving the title out gets a supplied one instead.
 */
export function isPlaceholderTitle(title: string): boolean {
  return /^\(.*\)$/s.test(title.trim());
}

/** What an import says of a placeholder title. */
export const placeholderTitleProblem =
  'looks like a placeholder, not the headline: leave the title out (an empty cell in a table) and one is supplied from the publisher and date';
