/**
 * Posts: who holds which post where, read from how press releases name officials. Azerbaijani
 * and English put the organisation before the post ("Dövlət Agentliyinin sədri Ülvi Mehdiyev",
 * "ASAN Chairman Ulvi Mehdiyev"), Russian the post before the organisation ("председатель
 * Агентства Улви Мехдиев"), English also after the name ("Ulvi Mehdiyev, Chairman of the
 * Agency"). A post named with a person is remembered, so a later sentence that says only "the
 * ambassador" ("Səfir", "Посол") can be read as that person.
 */
import type { SupportedLanguage } from './language';
import type { Mention } from './matching';
import { isPostWord } from './mentions';
import type { Span, Word } from './segments';

export interface Position {
  person: Mention;
  /** The organisation the post is at, when the sentence names it beside the post. */
  agency: Mention | null;
  /** The post as written ("sədri", "fövqəladə və səlahiyyətli səfiri", "Chairman"). */
  post: string;
  /** The post word itself, to recognise it alone later. */
  postWord: string;
}

const between = (sentence: Span, left: Span, right: Span) => sentence.text.slice(left.end - sentence.start, right.start - sentence.start);

function postIn(words: readonly Word[], language: SupportedLanguage): Word | undefined {
  return words.find((word) => isPostWord(word.text, language));
}

/** The post between the mention before a person and the person: "<Agency> sədri <Person>". */
function postBefore(
  person: Mention,
  previous: Mention | undefined,
  words: readonly Word[],
  sentence: Span,
  language: SupportedLanguage,
): Position | null {
  const from = previous?.end ?? sentence.start;
  const gap = words.filter((word) => word.start >= from && word.end <= person.start);
  const near = previous ? gap : gap.slice(-4);
  const post = near.length <= 5 ? postIn(near, language) : undefined;
  if (post) {
    const text = sentence.text.slice(near[0]!.start - sentence.start, near[near.length - 1]!.end - sentence.start);
    return { person, agency: previous?.type === 'Agency' ? previous : null, post: text, postWord: post.text };
  }
  // Russian: "председатель Агентства Улви Мехдиев", "послом Казахстана Ерланом ...": the post is before what is named before the person.
  if (previous && /^[\s,]*$/.test(between(sentence, previous, person))) {
    const lead = postIn(words.filter((word) => word.end <= previous.start).slice(-2), language);
    if (lead) return { person, agency: previous.type === 'Agency' ? previous : null, post: lead.text, postWord: lead.text };
  }
  return null;
}

/** English: "Ulvi Mehdiyev, Chairman of the State Agency". */
function postAfter(
  person: Mention,
  next: Mention | undefined,
  words: readonly Word[],
  sentence: Span,
  language: SupportedLanguage,
): Position | null {
  if (next?.type !== 'Agency' || language !== 'en') return null;
  const gap = between(sentence, person, next);
  if (!/^,\s*[\p{L}\s-]{2,60}\s(of|at)\s+(the\s+)?$/u.test(gap)) return null;
  const post = postIn(
    words.filter((word) => word.start >= person.end && word.end <= next.start),
    language,
  );
  if (!post) return null;
  const text = gap.replace(/^,\s*/, '').replace(/\s+(of|at)\s+(the\s+)?$/u, '');
  return { person, agency: next, post: text, postWord: post.text };
}

/** Every person named with a post in one sentence. */
export function positionsOf(mentions: readonly Mention[], words: readonly Word[], sentence: Span, language: SupportedLanguage): Position[] {
  return mentions.flatMap((mention, i) => {
    if (mention.type !== 'Person') return [];
    const found =
      postBefore(mention, mentions[i - 1], words, sentence, language) ?? postAfter(mention, mentions[i + 1], words, sentence, language);
    return found ? [found] : [];
  });
}

/** The key a post is remembered by: its first letters, so "səfiri" and "Səfir", "посла" and "Посол" meet. */
export const postKey = (word: string): string => word.toLocaleLowerCase().slice(0, 3);
