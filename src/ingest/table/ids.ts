/** Ids the table import makes up: slugs, source ids and the table's own name. */
import { createHash } from 'node:crypto';
import { fold } from '../../core/model/folding';
import { matchKey } from './resolve';

export function slug(text: string, max = 60): string {
  return matchKey(text).replace(/ /g, '-').slice(0, max).replace(/-+$/, '') || 'x';
}

/** One source per URL: its host for reading, a hash of the whole URL for uniqueness. */
export function sourceIdFor(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return `source:${slug(host, 40)}-${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

/** The table's name as used in the ids of its own facts: asan-network-facts.tsv -> asan-network-facts. */
export function tableSlugOf(file: string): string {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(tsv|csv)$/i, '');
  return slug(fold(base), 40);
}
