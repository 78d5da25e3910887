/**
 * An answer that holds nothing proves nothing: three runners agreeing on an empty list would pass
 * the agreement check whatever they do. The bench fails loudly on one (run.ts).
 */

/** True when `value` holds no information: null, '', 0, false, an empty list, or an object of such values. */
function holdsNothing(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(holdsNothing);
  return false;
}

/**
 * Why an operation's answer is empty, or null when it is not: the whole answer holds nothing, or
 * one of its top-level lists is empty (the page of a list with a total, the links of partners...).
 */
export function emptyAnswer(answer: unknown): string | null {
  if (holdsNothing(answer)) return `the answer is empty: ${JSON.stringify(answer)}`;
  if (answer !== null && typeof answer === 'object' && !Array.isArray(answer)) {
    const emptyLists = Object.entries(answer)
      .filter(([, v]) => Array.isArray(v) && v.length === 0)
      .map(([k]) => k);
    if (emptyLists.length > 0) return `the answer's ${emptyLists.join(', ')} ${emptyLists.length > 1 ? 'are' : 'is'} empty`;
  }
  return null;
}
