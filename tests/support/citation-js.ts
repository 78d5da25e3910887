/**
 * citation-js in a node process of its own (its fetch dependency is an ES module, which jest's
 * CommonJS runtime cannot load): `bibtex` parses a BibTeX file into CSL items, `render` formats
 * CSL-JSON items as an APA bibliography with citeproc-js. Input on stdin, JSON on stdout.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export function citationJs(mode: 'bibtex' | 'render', input: string): unknown {
  const script = `
const { Cite, plugins } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-csl');
const input = require('fs').readFileSync(0, 'utf8');
const out = process.argv[1] === 'bibtex' ? plugins.input.chain(input, { generateGraph: false }) : new Cite(JSON.parse(input)).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' });
process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync('node', ['-e', script, mode], { input, encoding: 'utf8', cwd: path.resolve(__dirname, '../..') }));
}
