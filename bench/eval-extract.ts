/**
 * `npm run eval:extract -- [--details]`: how well `extractDraft` (src/ingest/extract) reads the
 * hand-labelled press releases in tests/fixtures/press-releases/ (docs/reference/extraction-quality.md).
 * For each `<slug>.txt` with its `<slug>.labels.json` it drafts a bundle against the seeded graph
 * and compares it with the labels (bench/extract-scoring.ts says exactly how: entities by existing
 * id, folded or transliterated name, or, for facts, quote; relations by type and both ends). Prints
 * per language and overall: entity precision and recall, entity-match precision (matched to the
 * right existing id) and recall, relation precision and recall, each with its counts. `--details`
 * also lists, per release, what the draft missed and what it holds that the labels do not.
 *
 * Not a timed test and not part of `npm test`: the figures are printed, never asserted.
 *
 * Env: NEO4J_BOLT_PORT (default 7725) and NEO4J_DATA_DIR (default .data/eval-extract) for the
 * embedded Neo4j, or NEO4J_URI for a running one; the seeds are loaded first (skipped when they
 * already are). Nothing else is written: a draft is never imported.
 */
import path from 'node:path';
import { loadConfig } from '../src/app/config';
import { openDatabase } from '../src/core/db/connection';
import type { Database } from '../src/core/db/database';
import { migrate } from '../src/core/db/migrations';
import { createLogger } from '../src/core/logger';
import { projectRoot } from '../src/core/project';
import { loadSeeds } from '../src/ingest/seeds';
import { corpusDir, readCorpus, type Fixture } from './extract-corpus';
import {
  addScores,
  emptyScore,
  labelProblems,
  languages,
  precision,
  recall,
  scoreDraft,
  type Counts,
  type DraftLike,
  type Language,
  type Score,
} from './extract-scoring';

const defaultBoltPort = 7725;

/** A refusal said in one line, without a stack. */
class UsageError extends Error {}

/**
 * The extractor's entry point, typed here because the module is loaded by path at run time (so
 * this script compiles on a branch without it). `extractDraft` is the contract of issue 24; the
 * matcher it takes looks names up in the graph: SearchNameMatcher, over the search index, as
 * `npm run extract` and Query.draftBundle use it.
 */
interface ExtractorModule {
  extractDraft: (text: string, options: { url?: string; published?: string }, matcher: unknown) => Promise<DraftLike>;
}
type MatcherClass = new (db: Database) => unknown;

/** Where they live, relative to this file (compiled or not). */
const extractorModule = '../src/ingest/extract/index';
const matcherModule = '../src/features/extract/search-matcher';
const matcherClass = 'SearchNameMatcher';

/** Loads a module by path, or null when it is not there (the extractor not yet on this branch). */
async function loadOptional(relative: string): Promise<Record<string, unknown> | null> {
  const file = path.join(__dirname, relative);
  try {
    require.resolve(file);
  } catch {
    return null;
  }
  return (await import(file)) as Record<string, unknown>;
}

async function loadExtractor(db: Database): Promise<{ extractor: ExtractorModule; matcher: unknown }> {
  const extractor = await loadOptional(extractorModule);
  if (!extractor || typeof extractor.extractDraft !== 'function')
    throw new UsageError('src/ingest/extract/index.ts exports no extractDraft: nothing to evaluate');
  const Matcher = (await loadOptional(matcherModule))?.[matcherClass];
  if (typeof Matcher !== 'function')
    throw new UsageError(`src/features/extract/search-matcher.ts exports no ${matcherClass}: the matcher extractDraft needs`);
  return { extractor: extractor as unknown as ExtractorModule, matcher: new (Matcher as MatcherClass)(db) };
}

const figure = (value: number | null) => (value === null ? '   -' : value.toFixed(2));
const counted = (counts: Counts, value: (c: Counts) => number | null, of: 'predicted' | 'gold') =>
  `${figure(value(counts))} (${counts.correct}/${counts[of]})`.padEnd(16);

/** The table: one row per language and one for all, each figure with its counts. */
export function formatScores(rows: { label: string; documents: number; score: Score }[]): string {
  const header = ['', 'docs', 'entity P', 'entity R', 'match P', 'match R', 'relation P', 'relation R'];
  const lines = [header.map((cell, i) => (i === 0 ? cell.padEnd(6) : i === 1 ? cell.padEnd(5) : cell.padEnd(16))).join(' ')];
  for (const { label, documents, score } of rows)
    lines.push(
      [
        label.padEnd(6),
        String(documents).padEnd(5),
        counted(score.entities, precision, 'predicted'),
        counted(score.entities, recall, 'gold'),
        counted(score.matches, precision, 'predicted'),
        counted(score.matches, recall, 'gold'),
        counted(score.relations, precision, 'predicted'),
        counted(score.relations, recall, 'gold'),
      ].join(' '),
    );
  return lines.join('\n');
}

async function evaluate(db: Database, fixtures: Fixture[], details: boolean): Promise<string> {
  const { extractor, matcher } = await loadExtractor(db);
  const byLanguage = new Map<Language, { documents: number; score: Score }>(
    languages.map((l) => [l, { documents: 0, score: emptyScore() }]),
  );
  let unscored = 0;
  const out: string[] = [];
  for (const { slug, text, labels } of fixtures) {
    const draft = await extractor.extractDraft(text, { url: labels.url, published: labels.published }, matcher);
    const scored = scoreDraft(draft, labels);
    const total = byLanguage.get(labels.language)!;
    total.documents++;
    total.score = addScores(total.score, scored.score);
    unscored += scored.unscored;
    if (details)
      out.push(
        `${slug}: language ${draft.language ?? '?'} (labelled ${labels.language})`,
        ...(draft.warnings ?? []).map((line) => `  warning ${line}`),
        ...scored.missed.map((line) => `  missed ${line}`),
        ...scored.extra.map((line) => `  extra  ${line}`),
      );
  }
  const rows = languages.map((language) => ({ label: language, ...byLanguage.get(language)! }));
  const all = rows.reduce((sum, row) => ({ documents: sum.documents + row.documents, score: addScores(sum.score, row.score) }), {
    documents: 0,
    score: emptyScore(),
  });
  out.push(
    formatScores([...rows, { label: 'all', ...all }]),
    `P = right/drafted, R = right/labelled; match P = matched to the right existing id/matched, match R = the same/labelled with an existing id. Drafted relations of types the labels do not hold (not counted): ${unscored}`,
  );
  return out.join('\n');
}

async function main(): Promise<void> {
  const details = process.argv.includes('--details');
  const fixtures = readCorpus();
  const problems = fixtures.flatMap(({ slug, text, labels }) => labelProblems(labels, text).map((p) => `${slug}: ${p}`));
  if (problems.length > 0) throw new UsageError(`the labels do not hold:\n${problems.join('\n')}`);
  // Before Neo4j starts: without the extractor there is nothing to wait for.
  if (!(await loadOptional(extractorModule)))
    throw new UsageError('src/ingest/extract/index.ts is missing (the extractor is not on this branch): nothing to evaluate');

  const base = loadConfig();
  const config = {
    ...base,
    embedded: {
      ...base.embedded,
      boltPort: process.env.NEO4J_BOLT_PORT ? base.embedded.boltPort : defaultBoltPort,
      dataDir: path.resolve(process.env.NEO4J_DATA_DIR ?? path.join(projectRoot, '.data/eval-extract')),
    },
  };
  const log = createLogger(base.logLevel);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.db, log);
    // A batch job, not a request: the import timeout, so one slow look-up on a busy machine does not end the run.
    const db = database.db.withTimeout(config.importTimeoutMs);
    await loadSeeds(db, config.seedsDir, log);
    process.stdout.write(`${fixtures.length} labelled press releases (${corpusDir})\n${await evaluate(db, fixtures, details)}\n`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(error instanceof UsageError ? `eval:extract: ${error.message}\n` : `${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
