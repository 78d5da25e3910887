/**
 * extractDraft: a draft source bundle from a document's text, for an editor to review. Nothing
 * is written; the only reads are the matcher's look-ups. The steps, one module each: the
 * language (language.ts), title and date (document.ts), sentences and words (segments.ts), named
 * spans (mentions.ts), their matches in the graph (matching.ts), dates (dates.ts) and numbers
 * (quantities.ts) in each sentence, posts (positions.ts), the statements a sentence makes
 * (triggers.ts, relations.ts), and the draft (draft.ts).
 *
 * What no draft can be made from is refused (BAD_USER_INPUT: a binary, a text over
 * maxTextLength, a bad date or URL); what a draft can be made from but holds nothing to extract
 * (an empty text, HTML, another language, a text too short) gives an empty draft and a warning.
 */
import type { Bundle, BundleStatedQuantity } from '../bundle';
import type { Draft, DraftCandidate, NameMatcher } from '../../core/model/drafts';
import { datesIn } from './dates';
import { checkPublished, checkText, checkUrl, headingOf, looksLikeHtml, maxTextLength, publishedOf, titleOf } from './document';
import { DraftBuilder, slugOf } from './draft';
import { detectLanguage, isSupported, type SupportedLanguage } from './language';
import { MentionMatcher, maxLookups, mentionsOf } from './matching';
import { nameSpansOf } from './mentions';
import { positionsOf } from './positions';
import { quantitiesIn } from './quantities';
import { builders } from './relations';
import { sentencesOf, type Span } from './segments';
import { statementsIn } from './triggers';

export type { Draft, DraftCandidate, NameMatcher };
export { maxTextLength };

export interface ExtractOptions {
  url?: string;
  /** The publication date, YYYY, YYYY-MM or YYYY-MM-DD; else read from the text. */
  published?: string;
  /** The title, when the caller knows it better than the text's first lines (an HTML page's <title>). */
  title?: string;
}

/** Fewer letters than this is no press release: a heading, a caption, a stray line. */
const minLetters = 40;

function sourceOf(text: string, options: ExtractOptions, language: string, published: string | null): Bundle['source'] {
  const title = options.title ?? (titleOf(text) || 'Untitled document');
  const host = options.url ? new URL(options.url).hostname.replace(/^www\./, '') : null;
  return {
    id: `source:${slugOf(title).slice(0, 50)}${published ? `-${published}` : ''}`,
    title,
    publisher: host ?? 'Unknown publisher',
    ...(published ? { published } : {}),
    language,
    url: options.url ?? null,
    text,
  };
}

const emptyDraft = (text: string, options: ExtractOptions, language: string, warning: string): Draft => ({
  bundle: {
    format: 'coopgraph-bundle/1',
    source: sourceOf(text, options, language, options.published ?? null),
    entities: [],
    relations: [],
  },
  candidates: [],
  language,
  warnings: [warning],
});

const shifted = <T extends { start: number; end: number }>(items: T[], by: number): T[] =>
  items.map((item) => ({ ...item, start: item.start + by, end: item.end + by }));

/** What every sentence of one document is read with. */
interface DocumentReading {
  language: SupportedLanguage;
  published: string | null;
  /** The title line: its names are mentions, but what it states is stated again in the text, so it states nothing here. */
  title: string | null;
  matcher: MentionMatcher;
  builder: DraftBuilder;
}

/** One sentence: its mentions matched, its posts, the statements it makes, its numbers attached to what it describes. */
async function readSentence(sentence: Span, { language, published, title, matcher, builder }: DocumentReading): Promise<void> {
  const { words, spans } = nameSpansOf(sentence, language);
  const mentions = await mentionsOf(spans, words, sentence, matcher, language);
  const reference = published ? new Date(`${published.padEnd(10, '-01').slice(0, 10)}T12:00:00Z`) : undefined;
  const localDates = datesIn(sentence.text, language, reference);
  const dates = shifted(localDates, sentence.start);
  const quantities = shifted(quantitiesIn(sentence.text, language, localDates), sentence.start);
  for (const position of positionsOf(mentions, words, sentence, language)) builder.position(position, sentence);
  for (const statement of sentence.text === title ? [] : statementsIn(sentence.text, language))
    builders[statement.kind]({ sentence, language, mentions, dates, quantities, published, statement }, builder);
  // Every graph entity the sentence names is a candidate; of the unmatched, only names (an organisation, a person, a quoted centre).
  for (const mention of mentions)
    if (mention.matched || mention.type === 'Agency' || mention.type === 'Person' || mention.type === 'ServiceCenter')
      builder.idOf(mention, sentence);
  const ids = builder.idsOf(sentence);
  if (ids.some((id) => builder.typeOf(id) === 'Training')) return;
  const described = ids.find(
    (id) => ['Event', 'ServiceCenter', 'Memorandum', 'Award'].includes(builder.typeOf(id) ?? '') && builder.isNew(id),
  );
  if (described) for (const quantity of quantities) builder.quantity(described, quantity, sentence);
}

/** The language, or the empty draft that says why none is read. */
async function readableLanguage(text: string, options: ExtractOptions): Promise<SupportedLanguage | Draft> {
  if (text.trim() === '') return emptyDraft(text, options, 'und', 'the text is empty: give the document’s text');
  if (looksLikeHtml(text))
    return emptyDraft(
      text,
      options,
      'und',
      'the text is HTML: give the text without its markup (npm run extract reads .html files and strips scripts, styles and tags)',
    );
  const { language, supported } = await detectLanguage(text);
  if ((text.match(/\p{L}/gu)?.length ?? 0) < minLetters)
    return emptyDraft(text, options, language, `the text is too short to extract from (fewer than ${minLetters} letters)`);
  if (!supported)
    return emptyDraft(
      text,
      options,
      language,
      `the text is in "${language}"; drafts are extracted from English (en), Azerbaijani (az) and Russian (ru) only`,
    );
  return language as SupportedLanguage;
}

/**
 * A draft bundle from `text`: its source (language, title, date, the text itself), the entities
 * it names (matched through `matcher`, or proposed as new) and the relations its sentences state,
 * each with a candidate saying how sure and why. Throws InvalidArgumentError for input no draft
 * can be made from.
 */
export async function extractDraft(
  text: string,
  options: { url?: string; published?: string; title?: string },
  matcher: NameMatcher,
): Promise<Draft> {
  checkText(text);
  checkPublished(options.published);
  checkUrl(options.url);
  const readable = await readableLanguage(text, options);
  if (!isSupportedLanguage(readable)) return readable;
  const language = readable;
  const warnings: string[] = [];
  const { published, how } = publishedOf(text, language, options.published);
  if (!published) warnings.push('no publication date found in the text: give it (published, or --published YYYY-MM-DD)');
  if (!options.url) warnings.push('no URL given: the publisher is "Unknown publisher" until you set source.publisher (or give the URL)');
  const mentionMatcher = new MentionMatcher(matcher, language);
  const builder = new DraftBuilder();
  const reading = { language, published, title: headingOf(text), matcher: mentionMatcher, builder };
  for (const sentence of sentencesOf(text, language)) await readSentence(sentence, reading);
  if (mentionMatcher.exhausted)
    warnings.push(`names were looked up ${maxLookups} times, the most one draft makes: later names were not matched`);
  const { entities, relations, quantities, candidates } = builder.finish();
  if (relations.length === 0)
    warnings.push('no sentence states a meeting, signing, visit, training, opening, award or model in a form the extractor reads');
  const source = sourceOf(text, options, language, published);
  const bundle: Bundle = {
    format: 'coopgraph-bundle/1',
    source,
    entities,
    relations,
    ...(quantities.length > 0 ? { quantities: quantities as BundleStatedQuantity[] } : {}),
  };
  if (published && how !== 'given') warnings.push(`publication date ${published} read from ${how}`);
  return { bundle: bundle as unknown as Record<string, unknown>, candidates, language, warnings };
}

const isSupportedLanguage = (value: SupportedLanguage | Draft): value is SupportedLanguage =>
  typeof value === 'string' && isSupported(value);
