/**
 * What a row's free text states about who took part, read from the phrases researchers write:
 * "MoU with the Rwanda Development Board (signed by CEO Clare Akamanzi)", "delegation led by
 * deputy minister X", "hosted by the State Agency", "under the Feb 2025 MoU". Each phrase gives
 * a name and what the text says it is (a party, a signatory and his post, a head of delegation,
 * a host, a provider, the memorandum something was under). Which relation that becomes for the
 * row's fact is rules.ts's (`extracted`); resolving the names and writing the links is
 * extracted.ts's. The text is tokenised by compromise (names.ts); dates by chrono-node.
 */
import * as chrono from 'chrono-node';
import type { Precision } from '../../core/model/values';
import { personNamesAmong, wordsOf, type PersonWords, type Word } from './names';
import type { Cue } from './rules';

/** One phrase of the text and what it names. */
export interface Extraction {
  cue: Cue;
  /** The row's own words it came from: the cue and what it names ("signed by CEO Clare Akamanzi"). */
  phrase: string;
  /** The name as written; for `under`, the memorandum as written ("Feb 2025 MoU"). */
  name: string;
  /** What the phrase says the name is. */
  expects: 'Person' | 'Organisation' | 'Actor' | 'Memorandum';
  /** A person's post written before the name ("CEO", "deputy head of the Ministry of Labour"). */
  post?: string;
  /** A signatory in brackets after a party ("the Board (signed by CEO X)"): the party he signed for. */
  signedFor?: string;
  /** `under`: the memorandum's date at the text's precision, and the party it was with. */
  date?: { iso: string; precision: Precision };
  with?: string;
}

/** The cue words before what they name; `with` names a party only after a memorandum word, `under` only before one. */
const cuePhrases: { words: string[]; cue: Cue }[] = [
  { words: ['signed', 'by'], cue: 'signatory' },
  { words: ['led', 'by'], cue: 'head' },
  { words: ['headed', 'by'], cue: 'head' },
  { words: ['hosted', 'by'], cue: 'host' },
  { words: ['organised', 'by'], cue: 'host' },
  { words: ['organized', 'by'], cue: 'host' },
  { words: ['provided', 'by'], cue: 'provider' },
  { words: ['delivered', 'by'], cue: 'provider' },
  { words: ['given', 'by'], cue: 'provider' },
  { words: ['conducted', 'by'], cue: 'provider' },
  { words: ['with'], cue: 'party' },
  { words: ['under'], cue: 'under' },
];

const memorandumWords = /^(?:mou|moū|memorandum|memoranda|agreement|accord|protocol|declaration|intent|deal|convention|treaty|roadmap)$/i;
/** Words that join an organisation's name: "Ministry of Labour and Social Affairs", "Agency for ...". */
const nameConnectors = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'des', 'la', 'le', '&']);
const courtesy = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'st', 'h.e']);

/** Punctuation after a word that ends its clause: a comma, semicolon, colon, bracket or full stop (not an abbreviation's). */
function endsClause(word: Word): boolean {
  if (/[,;:()[\]]/.test(word.post)) return true;
  return /\./.test(word.post) && !courtesy.has(word.lower);
}

/** The words from `start` to the end of their clause. */
function clause(words: readonly Word[], start: number): Word[] {
  const out: Word[] = [];
  for (let i = start; i < words.length; i++) {
    const word = words[i]!;
    if (i > start && /[(]/.test(word.pre)) break;
    out.push(word);
    if (endsClause(word)) break;
  }
  return out;
}

const textOf = (text: string, words: readonly Word[]) =>
  words.length > 0 ? text.slice(words[0]!.start, words[words.length - 1]!.end) : '';

/** An organisation's name at the start of the words: capitalised words and the words that join them ("the" first skipped). */
function organisationAt(words: readonly Word[]): Word[] {
  let i = words[0]?.lower === 'the' ? 1 : 0;
  const name: Word[] = [];
  for (; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const capitalised = /^[\p{Lu}\p{N}]/u.test(word.text);
    const joins = name.length > 0 && nameConnectors.has(word.lower) && next !== undefined && /^\p{Lu}/u.test(next.text);
    if (!capitalised && !joins) break;
    name.push(word);
    if (endsClause(word)) break;
  }
  return name;
}

/** "under the Feb 2025 MoU with the Board": the memorandum's date and party, or null when no memorandum word follows. */
function memorandumAt(text: string, words: readonly Word[]): Pick<Extraction, 'name' | 'date' | 'with'> | null {
  const at = words.slice(0, 7).findIndex((word) => memorandumWords.test(word.lower.replace(/['\u2019]s$/, '')));
  if (at < 0) return null;
  const dateWords = words.slice(0, at).filter((word) => word.lower !== 'the');
  const date = dateOf(textOf(text, dateWords));
  const rest = words.slice(at + 1);
  const party = rest[0]?.lower === 'with' ? organisationAt(rest.slice(1)) : [];
  return {
    name: textOf(text, words.slice(words[0]?.lower === 'the' ? 1 : 0, at + 1)),
    ...(date ? { date } : {}),
    ...(party.length > 0 ? { with: textOf(text, party) } : {}),
  };
}

/** A date as written ("Feb 2025", "2016", "14 February 2025") at its precision, or null. */
export function dateOf(written: string): { iso: string; precision: Precision } | null {
  const [parsed] = chrono.parse(written);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (parsed && parsed.start.isCertain('year')) {
    const { start } = parsed;
    const year = String(start.get('year'));
    if (start.isCertain('day')) return { iso: `${year}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`, precision: 'DAY' };
    if (start.isCertain('month')) return { iso: `${year}-${pad(start.get('month')!)}`, precision: 'MONTH' };
    return { iso: year, precision: 'YEAR' };
  }
  // A year alone is no date to chrono; it is one to a table ("the 2016 MoU").
  const year = /\b(1[89]\d\d|20\d\d)\b/.exec(written);
  return year ? { iso: year[1]!, precision: 'YEAR' } : null;
}

/** Where each cue phrase starts and the index of the first word after it. */
function cuesIn(words: readonly Word[]): { cue: Cue; at: number; after: number }[] {
  const found: { cue: Cue; at: number; after: number }[] = [];
  words.forEach((_, at) => {
    const phrase = cuePhrases.find(({ words: cueWords }) =>
      cueWords.every((cueWord, k) => words[at + k]?.lower === cueWord && (k === cueWords.length - 1 || !endsClause(words[at + k]!))),
    );
    if (phrase) found.push({ cue: phrase.cue, at, after: at + phrase.words.length });
  });
  return found;
}

/** Reads one cue's phrase; several for a list of people ("signed by X and Y"). */
function readCue(text: string, words: readonly Word[], cue: Cue, at: number, after: number, gazetteer: PersonWords): Extraction[] {
  const rest = clause(words, after);
  const phraseOf = (last: number) => text.slice(words[at]!.start, last).trim();
  if (cue === 'party') {
    // "MoU with", "signed an agreement with": a memorandum word shortly before.
    if (!words.slice(Math.max(0, at - 4), at).some((word) => memorandumWords.test(word.lower))) return [];
    const name = organisationAt(rest);
    return name.length === 0
      ? []
      : [{ cue, expects: 'Organisation', name: textOf(text, name), phrase: phraseOf(name[name.length - 1]!.end) }];
  }
  if (cue === 'under') {
    const memorandum = memorandumAt(text, rest);
    return memorandum ? [{ cue, expects: 'Memorandum', ...memorandum, phrase: phraseOf(rest[rest.length - 1]!.end) }] : [];
  }
  if (cue === 'signatory' || cue === 'head') {
    return personNamesAmong(rest, text, gazetteer, true).map((person) => ({
      cue,
      expects: 'Person' as const,
      name: person.name,
      ...(person.post ? { post: person.post } : {}),
      phrase: phraseOf(person.end),
    }));
  }
  const name = organisationAt(rest);
  return name.length === 0 ? [] : [{ cue, expects: 'Actor', name: textOf(text, name), phrase: phraseOf(name[name.length - 1]!.end) }];
}

/** Everything the text's phrases name, in the order written. */
export function extractFromText(text: string, gazetteer: PersonWords = new Set()): Extraction[] {
  const words = wordsOf(text);
  const extractions: Extraction[] = [];
  let lastParty: { name: string; end: number } | null = null;
  for (const { cue, at, after } of cuesIn(words)) {
    const read = readCue(text, words, cue, at, after, gazetteer);
    // "the Board (signed by CEO X)": the bracket right after a party says whom X signed for.
    const bracketed = cue === 'signatory' && /\(/.test(words[at]!.pre) && lastParty !== null && words[at - 1]?.end === lastParty.end;
    for (const extraction of read) extractions.push(bracketed && lastParty ? { ...extraction, signedFor: lastParty.name } : extraction);
    const party = read.find((extraction) => extraction.cue === 'party');
    if (party) lastParty = { name: party.name, end: text.indexOf(party.name, words[at]!.start) + party.name.length };
  }
  return extractions;
}
