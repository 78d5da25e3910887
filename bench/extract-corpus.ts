/** The labelled press releases of tests/fixtures/press-releases (docs/reference/extraction-quality.md). */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/core/project';
import type { Labels } from './extract-scoring';

export const corpusDir = path.join(projectRoot, 'tests/fixtures/press-releases');

export interface Fixture {
  slug: string;
  text: string;
  labels: Labels;
}

/** Every `<slug>.txt` of the corpus with its labels, in name order; a text without labels is an error. */
export function readCorpus(dir: string = corpusDir): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const slug = file.slice(0, -'.txt'.length);
      const labelsFile = path.join(dir, `${slug}.labels.json`);
      if (!fs.existsSync(labelsFile)) throw new Error(`${file} has no ${slug}.labels.json beside it`);
      return {
        slug,
        text: fs.readFileSync(path.join(dir, file), 'utf8'),
        labels: JSON.parse(fs.readFileSync(labelsFile, 'utf8')) as Labels,
      };
    });
}
