/**
 * Sentences and words with their offsets in the text, by ICU's segmentation rules
 * (Intl.Segmenter, UAX #29), which know every script the sources use: no tokenizer of our own.
 * A sentence is what a relation quotes, so it is kept verbatim (trimmed only).
 */

/** A passage of the text and where it is: text.slice(start, end) === text. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** The text's sentences, trimmed, empty ones left out; a line break ends a sentence (a heading, a date line). */
export function sentencesOf(text: string, language: string): Span[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const sentences: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    for (const line of linesOf(segment, index)) {
      const trimmed = line.text.trim();
      if (trimmed.length < 3) continue;
      const start = line.start + line.text.indexOf(trimmed);
      sentences.push({ text: trimmed, start, end: start + trimmed.length });
    }
  }
  return sentences;
}

/** ICU keeps a sentence that ends without punctuation on with the next line; a press release's heading is such a line. */
function linesOf(segment: string, index: number): Span[] {
  const lines: Span[] = [];
  let offset = 0;
  for (const line of segment.split('\n')) {
    lines.push({ text: line, start: index + offset, end: index + offset + line.length });
    offset += line.length + 1;
  }
  return lines;
}

/**
 * A word of a sentence. Words joined by a hyphen or an apostrophe are one word, as a reader
 * takes them: "BMT-nin" (a suffix after an acronym), "100-dən", "Санкт-Петербург", "Afghanistan's".
 */
export interface Word extends Span {
  /** The word begins with a capital letter. */
  capitalised: boolean;
  /** Russian: a lower-case word that continues an organisation's name ("агентства", "государственных"). */
  continues?: boolean;
}

const joiners = new Set(['-', "'", '’', '‑']);

export function wordsOf(sentence: Span, language: string): Word[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  const words: Word[] = [];
  let joinNext = false;
  for (const { segment, index, isWordLike } of segmenter.segment(sentence.text)) {
    const start = sentence.start + index;
    const last = words[words.length - 1];
    if (isWordLike) {
      if (joinNext && last && last.end === start - 1) {
        last.text += sentence.text.slice(last.end - sentence.start, index) + segment;
        last.end = start + segment.length;
      } else words.push({ text: segment, start, end: start + segment.length, capitalised: /^\p{Lu}/u.test(segment) });
      joinNext = false;
    } else joinNext = joiners.has(segment) && last !== undefined && last.end === start;
  }
  return words;
}

/** The non-word text between two words: only spaces keeps a run of names together. */
export function gapBetween(text: string, textStart: number, left: Span, right: Span): string {
  return text.slice(left.end - textStart, right.start - textStart);
}
