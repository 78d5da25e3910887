/**
 * The document around the sentences: its text out of HTML, its title, its publication date, and
 * the checks that refuse what is not a document's text (a binary file, a text too long to be one
 * press release).
 */
import { InvalidArgumentError } from '../../core/errors';
import { parsePartialDate } from '../../core/model/values';
import { datesIn } from './dates';
import type { SupportedLanguage } from './language';

/** The longest text a draft is made from: a long press release is 20,000 characters; a book is not one. */
export const maxTextLength = 200_000;

/** Control characters other than tab, line feed, form feed and carriage return: a binary file's, never a document's text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they mark a binary file.
const controlCharacters = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g;

/** Throws BAD_USER_INPUT for what no draft can be made from: too long, or not text. */
export function checkText(text: string): void {
  if (text.length > maxTextLength)
    throw new InvalidArgumentError(
      'text',
      `a document's text of at most ${maxTextLength.toLocaleString('en-US')} characters`,
      `${text.length.toLocaleString('en-US')} characters`,
    );
  const controls = text.match(controlCharacters)?.length ?? 0;
  if (controls > 0)
    throw new InvalidArgumentError(
      'text',
      'plain text: this holds control characters or undecodable bytes, as a binary file does',
      `${controls} such character(s)`,
    );
}

/** Throws BAD_USER_INPUT for a publication date that is not a real YYYY, YYYY-MM or YYYY-MM-DD. */
export function checkPublished(published: string | undefined): void {
  if (published !== undefined && (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(published) || parsePartialDate(published) === null))
    throw new InvalidArgumentError('published', 'a real date as YYYY, YYYY-MM or YYYY-MM-DD', published);
}

/** Throws BAD_USER_INPUT for a URL that is not an absolute http(s) address. */
export function checkUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
    throw new InvalidArgumentError('url', 'an absolute http or https URL', url);
}

/** Markup a plain text never has: a draft is made from the text, and `npm run extract` strips HTML first. */
export function looksLikeHtml(text: string): boolean {
  return /<(script|style|html|head|body|div|p|span|a|br|meta)\b[^>]*>/i.test(text);
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  ndash: '–',
  mdash: '—',
  hellip: '…',
};

/**
 * An HTML page's text: scripts, styles, comments and the head dropped, block elements ended with
 * a line break, tags removed, character references decoded, blank runs collapsed.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|head|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/tr|\/section|\/article|\/header|\/title)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return namedEntities[body.toLowerCase()] ?? entity;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An HTML page's <title>, for a title when the text has no heading line. */
export function htmlTitle(html: string): string | null {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  return title ? htmlToText(title) || null : null;
}

const boilerplate =
  /javascript|cookie|skip to|log ?in|sign ?in|menu|search|©|copyright|all rights|press[- ]?reli[zs]|пресс-релиз|новости|xəbərlər/i;
const words = (line: string) => line.split(/\s+/).filter(Boolean).length;
const isBody = (line: string) => words(line) >= 12 || (words(line) >= 6 && /[.!?]$/.test(line));

/** The heading: the last heading-like line before the first paragraph (not the page's boilerplate); null when the text starts with its paragraph. */
export function headingOf(text: string): string | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const body = lines.findIndex(isBody);
  return (
    lines
      .slice(0, body === -1 ? lines.length : body)
      .filter((line) => words(line) >= 2 && words(line) <= 25 && !boilerplate.test(line) && !/^\S+:/.test(line))
      .pop() ?? null
  );
}

/** The title: the heading, else the first line's start. */
export function titleOf(text: string): string {
  const title = headingOf(text) ?? text.trim().split('\n')[0]!.trim();
  return title.length > 150 ? `${title.slice(0, 147).trimEnd()}…` : title;
}

/** A line that labels the publication date: "Tarix: 24-02-2021 16:58", "Date: 3 March 2024", "Дата: 12.05.2023". */
const dateLine = /^\s*(tarix|date|published|дата|опубликовано)\s*:\s*(.+)$/imu;

/**
 * The publication date: the one given, else a labelled date line, else the first date in the
 * text's first three lines (a dateline under the title). Null when none: the draft then warns.
 */
export function publishedOf(
  text: string,
  language: SupportedLanguage,
  given: string | undefined,
): { published: string | null; how: string } {
  if (given) return { published: given, how: 'given' };
  const labelled = dateLine.exec(text);
  const fromLine = labelled ? datesIn(labelled[2]!, language)[0] : undefined;
  if (fromLine) return { published: fromLine.iso, how: `the line "${labelled![0].trim()}"` };
  const head = text
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, 3)
    .join('\n');
  const first = datesIn(head, language)[0];
  return first ? { published: first.iso, how: 'the date under the title' } : { published: null, how: 'none found' };
}
