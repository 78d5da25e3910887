/**
 * How a reconciliation candidate is scored (0-100) and when it is a match, from the same keys
 * search matches on (core/model/folding.ts): the folded name, and the transliteration key that
 * Latin, Azerbaijani and Cyrillic spellings of one name share.
 *
 * - 100: a name or alias of the candidate IS the query, folded (ASAN XIDMET = ASAN xidmət) or
 *   transliterated (Мехдиев Ульви is not, Ульви Мехдиев = Ülvi Mehdiyev is).
 * - otherwise at most 90: the share of words the query and the candidate's closest name have in
 *   common (Dice's coefficient over transliterated words), a word counting whole when equal,
 *   0.75 when one edit apart (5 letters or more: Azerbaydzhan, Azerbaijan), 0.5 when one is the
 *   start of the other (3 letters or more: Mehdi, Mehdiyev).
 * - a country constraint the candidate does not meet halves its score: a candidate that belongs
 *   to countries, none of them asked. One that belongs to none (an international organisation,
 *   a person without a post) is not held against.
 *
 * `match: true` only for a clear winner: the best candidate scores 100, it is the only candidate
 * scoring 100 among all of the query's types, and it meets the country constraint if one was
 * given. OpenRefine matches such cells without asking; every other cell is left for review.
 */
import { fold, transliterationKey } from '../../core/model/folding';

/** The best score a name that is not the query itself can reach: it is never taken for a match. */
export const bestInexactScore = 90;

/** What a candidate is scored on: every name it goes by, and the countries it belongs to. */
export interface ScoredNames {
  name: string;
  aliases: readonly string[];
  /** Its names by language (Entity.names). */
  localNames: readonly string[];
  /** ISO alpha-2 codes of the countries it belongs to (the registry's country routes). */
  countries: readonly string[];
}

export interface CandidateScore {
  score: number;
  /** A name or alias equals the query, folded or transliterated. */
  exact: boolean;
  /** The name score before a country constraint (the `name` feature). */
  nameScore: number;
  /** Whether the candidate meets the query's country constraint; null when the query has none. */
  inCountry: boolean | null;
}

/** A query's two readings, computed once for all its candidates. */
export interface QueryKeys {
  folded: string;
  translit: string;
  words: string[];
}

export function queryKeys(text: string): QueryKeys {
  const translit = transliterationKey(text);
  return { folded: fold(text), translit, words: wordsOf(translit) };
}

const wordsOf = (key: string): string[] => key.split(' ').filter((word) => word.length > 0);

/** Scores one candidate against a query and the countries asked (null: no constraint). */
export function scoreCandidate(query: QueryKeys, candidate: ScoredNames, countries: readonly string[] | null): CandidateScore {
  const names = [candidate.name, ...candidate.aliases, ...candidate.localNames];
  const exact = names.some((name) => fold(name) === query.folded || (query.translit !== '' && transliterationKey(name) === query.translit));
  const nameScore = exact ? 100 : Math.max(0, ...names.map((name) => wordScore(query.words, wordsOf(transliterationKey(name)))));
  const inCountry = countries === null ? null : candidate.countries.some((code) => countries.includes(code));
  const mismatched = inCountry === false && candidate.countries.length > 0;
  return { score: mismatched ? Math.round(nameScore / 2) : nameScore, exact, nameScore, inCountry };
}

/** Dice's coefficient over words, each query word paired with its closest unused name word; scaled to bestInexactScore. */
function wordScore(queryWords: readonly string[], nameWords: readonly string[]): number {
  if (queryWords.length === 0 || nameWords.length === 0) return 0;
  const unused = [...nameWords];
  let shared = 0;
  for (const word of queryWords) {
    let best = 0;
    let bestAt = -1;
    unused.forEach((candidate, index) => {
      const likeness = wordLikeness(word, candidate);
      if (likeness > best) [best, bestAt] = [likeness, index];
    });
    if (bestAt >= 0) unused.splice(bestAt, 1);
    shared += best;
  }
  return Math.round((bestInexactScore * 2 * shared) / (queryWords.length + nameWords.length));
}

/** 1 for the same word, 0.75 one edit apart (both 5 letters or more), 0.5 when one starts the other (3 or more), else 0. */
export function wordLikeness(a: string, b: string): number {
  if (a === b) return 1;
  if (Math.min(a.length, b.length) >= 5 && withinOneEdit(a, b)) return 0.75;
  if (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) return 0.5;
  return 0;
}

/** One substitution, insertion or deletion turns `a` into `b` (the fuzzy reach of search's Lucene query). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  // Past the first difference, the rest must agree after skipping one letter of the longer (or of both).
  return shorter.length === longer.length ? shorter.slice(i + 1) === longer.slice(i + 1) : shorter.slice(i) === longer.slice(i + 1);
}

/** The candidates in answer order: score, then the one more facts cite (what a short name most likely means), then id. */
export function byScore<T extends { score: CandidateScore; facts: number; id: string }>(a: T, b: T): number {
  return b.score.score - a.score.score || b.facts - a.facts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The match rule above: the best of `ranked` (in answer order) is a clear winner. */
export function isClearWinner(ranked: readonly { score: CandidateScore }[]): boolean {
  const [best] = ranked;
  if (!best || !best.score.exact || best.score.score !== 100 || best.score.inCountry === false) return false;
  return ranked.filter((candidate) => candidate.score.exact).length === 1;
}
