/**
 * From named spans to mentions: each span (or each part of a capitalised run) is looked up in
 * the graph through a NameMatcher (the search index: folded and transliterated keys), cut to
 * word stems so inflected forms are found ("Agentliyinin" finds "Agentliyi", "Джейхуном"
 * "Jeyhun"). A hit counts only when one of its names has the span's words, each equal, a prefix
 * of the stem, or equal once transliterated; how it matched is the confidence. A run is cut
 * greedily, longest name first, from the left. What matches nothing is proposed as new when
 * its words say what it is (an organisation word, a post before a name), and dropped otherwise.
 */
import type { KnownEntity, NameMatcher } from '../../core/model/drafts';
import { fold, transliterationKey } from '../../core/model/folding';
import { entityTypeNames, type EntityTypeName } from '../../core/model/registry';
import type { SupportedLanguage } from './language';
import { endsName, isPostWord, typeOfWord, type NameSpan } from './mentions';
import type { Span, Word } from './segments';
import { stemOf } from './stems';

/** A thing a sentence names: an entity of the graph, or one proposed as new. */
export interface Mention extends Span {
  type: EntityTypeName;
  /** The graph entity's name, or the name as written for a new one. */
  name: string;
  matched: KnownEntity | null;
  confidence: number;
  reason: string;
}

/** What a mention without a type word may be. */
const namedTypes: EntityTypeName[] = ['Country', 'Agency', 'Person', 'ServiceCenter'];
/** The longest name tried inside a run, in words. */
const maxNameWords = 12;
/** Look-ups one draft may make: a text of names only must not turn into thousands of queries. */
export const maxLookups = 400;

const wordsIn = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** How well `words` (as written) match one name: 3 every word equal, 2 stems are prefixes, 1 only transliterated; 0 not at all. */
function matchLevel(words: readonly string[], stems: readonly string[], name: string): number {
  const target = wordsIn(fold(name));
  const spoken = wordsIn(transliterationKey(name));
  if (target.length !== words.length) return 0;
  let level = 3;
  for (const [i, known] of target.entries()) {
    const stem = fold(stems[i]!);
    if (wordsIn(fold(words[i]!)).join('') === known) continue;
    if (stem.length >= 3 && known.startsWith(stem)) level = Math.min(level, 2);
    else if (
      spoken.length === target.length &&
      transliterationKey(stems[i]!).length >= 3 &&
      spoken[i]!.startsWith(transliterationKey(stems[i]!))
    )
      level = 1;
    else return 0;
  }
  return level;
}

const confidenceOfLevel = [0, 0.75, 0.85, 0.95];
const levelWords = ['', 'the same once transliterated', 'the same word stems', 'the same words'].map((how) => (how ? `, ${how}` : ''));

/** Looks names up once each, within the draft's budget; `exhausted` tells the draft to warn. */
export class MentionMatcher {
  private readonly cache = new Map<string, Promise<KnownEntity[]>>();
  lookups = 0;
  exhausted = false;

  constructor(
    private readonly matcher: NameMatcher,
    readonly language: SupportedLanguage,
  ) {}

  private lookup(query: string, types: readonly EntityTypeName[]): Promise<KnownEntity[]> {
    const key = `${types.join(',')}|${fold(query)}`;
    let answer = this.cache.get(key);
    if (!answer) {
      if (this.lookups >= maxLookups) {
        this.exhausted = true;
        return Promise.resolve([]);
      }
      this.lookups += 1;
      answer = this.matcher.lookup(query, types);
      this.cache.set(key, answer);
    }
    return answer;
  }

  /** True when some entity (of any type) has a name with this word, or a word starting with its stem. */
  async anyNamed(word: string): Promise<boolean> {
    return (await this.lookup(stemOf(word, this.language), entityTypeNames)).length > 0;
  }

  /** The best graph entity for these words, or null; several equally good make the confidence low. */
  async match(span: Span, words: readonly string[], types: readonly EntityTypeName[]): Promise<Mention | null> {
    const stems = words.map((word) => stemOf(word, this.language));
    const hits = await this.lookup(stems.join(' '), types);
    const scored = hits
      .map((hit) => ({ hit, level: Math.max(0, ...hit.names.map((name) => matchLevel(words, stems, name))) }))
      .filter(({ level }) => level > 0);
    if (scored.length === 0) return null;
    const best = Math.max(...scored.map(({ level }) => level));
    const tied = scored.filter(({ level }) => level === best);
    const chosen = tied[0]!.hit;
    const others = tied.slice(1).filter(({ hit }) => hit.id !== chosen.id);
    const ambiguity = others.length > 0 ? `; also matches ${others.map(({ hit }) => hit.id).join(', ')}` : '';
    return {
      ...span,
      type: chosen.type,
      name: chosen.name,
      matched: chosen,
      confidence: Math.max(0.1, confidenceOfLevel[best]! - (others.length > 0 ? 0.35 : 0)),
      reason: `"${span.text}" is the graph's ${chosen.type} "${chosen.name}" (${chosen.id})${levelWords[best]}${ambiguity}`,
    };
  }
}

/** A quoted name: looked up as written (a centre with its centre word); new when its words give a type. */
async function quotedMention(span: NameSpan, matcher: MentionMatcher): Promise<Mention | null> {
  const words = span.words.map((word) => word.text);
  const asCentre = span.hint === 'ServiceCenter' && span.hintWord !== null && !words.includes(span.hintWord);
  const matched = await matcher.match(span, asCentre ? [...words, span.hintWord!] : words, span.hint ? [span.hint] : namedTypes);
  if (matched || !span.hint) return matched;
  return proposed(
    span,
    span.hint,
    asCentre ? `${span.text} ${span.hintWord}` : span.text,
    `the quoted name "${span.text}" with "${span.hintWord}"`,
  );
}

function proposed(span: Span, type: EntityTypeName, name: string, evidence: string): Mention {
  const confidence = type === 'Person' ? 0.55 : 0.6;
  return { ...span, type, name, matched: null, confidence, reason: `matches nothing in the graph; proposed as a new ${type}: ${evidence}` };
}

const spanOf = (words: readonly Word[], sentence: Span): Span => {
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  return { text: sentence.text.slice(start - sentence.start, end - sentence.start), start, end };
};

/** The longest name starting at `from` that matches, or null. Joining words never start or end one. */
async function longestMatchAt(
  run: readonly Word[],
  from: number,
  sentence: Span,
  matcher: MentionMatcher,
): Promise<{ mention: Mention; to: number } | null> {
  // Every word of a look-up must be in a hit's names: when the first word alone is in none, no name starts here.
  if (!run[from]!.capitalised || !(await matcher.anyNamed(run[from]!.text))) return null;
  for (let to = Math.min(run.length, from + maxNameWords); to > from; to -= 1) {
    const words = run.slice(from, to);
    if (!endsName(words[words.length - 1]!)) continue;
    const hint =
      [...words]
        .reverse()
        .map((word) => typeOfWord(word.text, matcher.language))
        .find(Boolean) ?? null;
    const mention = await matcher.match(
      spanOf(words, sentence),
      words.map((word) => word.text),
      hint ? [hint] : namedTypes,
    );
    // A sentence's first word is capitalised anyway: alone, it must match exactly.
    if (mention && (words.length > 1 || words[0]!.start !== sentence.start || mention.confidence >= 0.95)) return { mention, to };
  }
  return null;
}

/** A run's unmatched words, trimmed of joining words, proposed as new when they say what they are. */
function leftover(
  words: Word[],
  span: NameSpan,
  sentenceWords: readonly Word[],
  sentence: Span,
  language: SupportedLanguage,
  found: readonly Mention[],
): Mention | null {
  // A post written before a name in the same run ("Ambassador Bakhrom Ashrafkhanov") is not part of it.
  const post = words.find((word, i) => i === 0 && isPostWord(word.text, language));
  while (words.length > 0 && (!words[0]!.capitalised || isPostWord(words[0]!.text, language))) words.shift();
  while (words.length > 0 && !endsName(words[words.length - 1]!)) words.pop();
  if (words.length === 0) return null;
  const typeWord = [...words].reverse().find((word) => typeOfWord(word.text, language));
  const at = spanOf(words, sentence);
  // One word is a generic noun ("Ministry", "Memorandum"), not a name.
  if (typeWord && words.length >= 2) return proposed(at, typeOfWord(typeWord.text, language)!, at.text, `the word "${typeWord.text}"`);
  const before = sentenceWords.filter((word) => word.end <= words[0]!.start).slice(-4);
  // A post names the person right after it: not one after another person ("sədri Ülvi Mehdiyev Əfqanıstan İslam ...").
  const postBefore =
    post ??
    before.find(
      (word) => isPostWord(word.text, language) && !found.some((mention) => mention.type === 'Person' && mention.start > word.end),
    );
  if (words.length >= 2 && words.length <= 5 && postBefore)
    return proposed(at, 'Person', at.text, `a name after the post "${postBefore.text}"`);
  if (span.hint === 'Person' && words.length >= 2 && span.words.length === words.length)
    return proposed(at, 'Person', at.text, span.hintWord ?? 'a name');
  // English names the post after the name: "Jasur Karimov, Director of ...".
  const after = sentence.text.slice(at.end - sentence.start);
  const appositive = /^,\s*(?:the\s+)?(\p{L}+)/u.exec(after)?.[1];
  if (words.length >= 2 && words.length <= 5 && appositive && isPostWord(appositive, language))
    return proposed(at, 'Person', at.text, `a name before the post "${appositive}"`);
  return null;
}

/** A capitalised run cut into names: matched greedily from the left, the rest proposed or dropped. */
async function runMentions(
  span: NameSpan,
  sentenceWords: readonly Word[],
  sentence: Span,
  matcher: MentionMatcher,
  language: SupportedLanguage,
): Promise<Mention[]> {
  const mentions: Mention[] = [];
  let unmatched: Word[] = [];
  const flush = () => {
    const mention = leftover(unmatched, span, sentenceWords, sentence, language, mentions);
    if (mention) mentions.push(mention);
    unmatched = [];
  };
  for (let from = 0; from < span.words.length;) {
    const found = await longestMatchAt(span.words, from, sentence, matcher);
    if (!found) {
      unmatched.push(span.words[from]!);
      from += 1;
      continue;
    }
    flush();
    mentions.push(found.mention);
    from = found.to;
  }
  flush();
  return mentions;
}

/** Every mention of one sentence, in order of place. */
export async function mentionsOf(
  spans: readonly NameSpan[],
  sentenceWords: readonly Word[],
  sentence: Span,
  matcher: MentionMatcher,
  language: SupportedLanguage,
): Promise<Mention[]> {
  // The spans of a sentence are looked up side by side; a run's names, one after another.
  const found = await Promise.all(
    spans.map(async (span) => {
      if (!span.quoted) return runMentions(span, sentenceWords, sentence, matcher, language);
      const mention = await quotedMention(span, matcher);
      return mention ? [mention] : [];
    }),
  );
  return found.flat().sort((a, b) => a.start - b.start);
}
