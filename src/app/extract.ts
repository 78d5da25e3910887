/**
 * `npm run extract -- <file.txt|file.html> [--url U] [--published YYYY-MM-DD] [--out draft.json]`:
 * a draft source bundle from a document, for review before `npm run import`. The draft (valid
 * against schema/source-bundle.schema.json) goes to stdout or to --out; the review summary (each
 * candidate's confidence and reason, then the warnings) to stderr. An HTML file is read as its
 * text: scripts, styles and tags are dropped, and source.text is that text. Mentions are matched
 * through the graph's search index (NEO4J_URI, or the embedded Neo4j); nothing is written.
 * What cannot be read (a binary file, a text too long) is refused in one line, exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { openDatabase } from '../core/db/connection';
import { createLogger } from '../core/logger';
import { commandErrorText, debugErrorsFromEnv, InvalidArgumentError } from '../core/errors';
import type { Draft } from '../core/model/drafts';
import { SearchNameMatcher } from '../features/extract/search-matcher';
import { extractDraft, maxTextLength } from '../ingest/extract';
import { htmlTitle, htmlToText, looksLikeHtml } from '../ingest/extract/document';

const usage = 'usage: npm run extract -- <file.txt|file.html> [--url U] [--published YYYY-MM-DD] [--out draft.json]\n';

export interface ExtractRequest {
  file: string;
  url?: string;
  published?: string;
  out?: string;
}

const valued = ['--url', '--published', '--out'] as const;

/** The request, or the line saying what is wrong with the command line. */
export function parseExtractArguments(argv: readonly string[]): ExtractRequest | string {
  const files: string[] = [];
  const options: Partial<Record<(typeof valued)[number], string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if ((valued as readonly string[]).includes(name)) {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value === '') return `${name} needs a value`;
      options[name as (typeof valued)[number]] = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length === 0 ? 'no file given' : `one file at a time (got ${files.length})`;
  return { file: files[0]!, url: options['--url'], published: options['--published'], out: options['--out'] };
}

/** A document file's text (and title, for HTML), or a refusal: missing, binary, not UTF-8, too long. */
export function readDocument(file: string): { text: string; title?: string } {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new InvalidArgumentError('file', 'a text or HTML file that exists', file);
  const bytes = fs.readFileSync(file);
  // HTML carries markup around its text: allow four times the text's limit before reading it.
  if (bytes.length > maxTextLength * 4)
    throw new InvalidArgumentError(
      'file',
      `a document of at most ${maxTextLength.toLocaleString('en-US')} characters of text`,
      `${bytes.length.toLocaleString('en-US')} bytes`,
    );
  if (bytes.includes(0))
    throw new InvalidArgumentError('file', 'a text or HTML file (this one holds NUL bytes: a binary file)', path.basename(file));
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidArgumentError('file', 'UTF-8 text (this one does not decode as UTF-8)', path.basename(file));
  }
  raw = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/\.html?$/i.test(file) || looksLikeHtml(raw)) return { text: htmlToText(raw), title: htmlTitle(raw) ?? undefined };
  return { text: raw };
}

const percent = (confidence: number) => confidence.toFixed(2);

/** The review summary: each candidate with its confidence and reason, then the warnings. */
export function reviewSummary(draft: Draft): string {
  const bundle = draft.bundle as { source: { id: string; title: string; published?: string }; entities: unknown[]; relations: unknown[] };
  const lines = [
    `${bundle.source.id}: "${bundle.source.title}" (${draft.language}${bundle.source.published ? `, ${bundle.source.published}` : ''})`,
    `${bundle.entities.length} new entities, ${draft.candidates.filter((c) => c.matchedId).length} matched, ${bundle.relations.length} relations`,
    ...draft.candidates.map((candidate) => {
      const what =
        candidate.kind === 'ENTITY'
          ? candidate.matchedId
            ? `= ${candidate.matchedId}`
            : `new ${candidate.ref}`
          : `relation ${candidate.ref}`;
      return `  ${percent(candidate.confidence)}  ${candidate.label} [${what}]\n        ${candidate.reason}`;
    }),
    ...draft.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const request = parseExtractArguments(argv);
  if (typeof request === 'string') {
    process.stderr.write(`${request}\n${usage}`);
    return 2;
  }
  const { text, title } = readDocument(request.file);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  let draft: Draft;
  try {
    draft = await extractDraft(text, { url: request.url, published: request.published, title }, new SearchNameMatcher(database.db));
  } finally {
    await database.close();
  }
  const json = `${JSON.stringify(draft.bundle, null, 2)}\n`;
  if (request.out) fs.writeFileSync(request.out, json);
  else process.stdout.write(json);
  process.stderr.write(reviewSummary(draft));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`extract: ${commandErrorText(error, { debug: debugErrorsFromEnv() })}\n`);
      process.exit(1);
    },
  );
}
