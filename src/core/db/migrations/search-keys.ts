/**
 * Migration 7: every entity gets transliteration keys (translitKeys, and translitText for the
 * full-text index), so Кабул finds Kabul in a database written before they existed. The keys are
 * built in TypeScript (folding.ts), so this migration reads entities and writes their keys back
 * in batches, by id: each batch is one short transaction, and running it again rewrites the same
 * values (Neo4j skips a property set to the value it holds, so the index is left alone).
 */
import type { Database } from '../database';
import type { Logger } from '../../logger';
import { transliterationKey } from '../../model/folding';
import { searchProperties, searchText } from '../../model/storage';

/** Entities per read and write: small transactions on a big graph, few round trips on the seeds. */
export const searchKeysBatchSize = 500;

/** How often a long rewrite says how far it is. */
const progressEveryMs = 10_000;

/** Rewrites the search and transliteration keys and texts of every entity (upgradedKeys); returns how many. */
export async function rewriteSearchKeys(db: Database, log?: Logger, batchSize = searchKeysBatchSize): Promise<number> {
  let after = '';
  let rewritten = 0;
  let reported = Date.now();
  for (;;) {
    const batch = await readBatch(db, after, batchSize);
    if (batch.length === 0) return rewritten;
    await writeBatch(db, batch);
    rewritten += batch.length;
    after = batch[batch.length - 1]!.id;
    if (Date.now() - reported > progressEveryMs) {
      log?.info(`  search keys: ${rewritten.toLocaleString('en-US')} entities rewritten`);
      reported = Date.now();
    }
  }
}

export interface StoredNames {
  id: string;
  name: string;
  aliases: string[] | null;
  searchKeys: string[] | null;
}

/** The next entities after `after` in id order (the id constraint's index walks them without a sort). */
async function readBatch(db: Database, after: string, batchSize: number): Promise<StoredNames[]> {
  const rows = await db.read(
    `MATCH (e:Entity) WHERE e.id > $after
     RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.searchKeys AS searchKeys
     ORDER BY e.id LIMIT toInteger($batchSize)`,
    { after, batchSize },
  );
  return rows as unknown as StoredNames[];
}

/**
 * An entity's keys as the writer writes them from its name and aliases, keeping every folded key
 * it already has: a later source's other name for an entity is kept as a search key only (not
 * as an alias), so its transliteration key is made from that folded key, the only trace left.
 */
export function upgradedKeys(entity: StoredNames): {
  searchKeys: string[];
  searchText: string;
  translitKeys: string[];
  translitText: string;
} {
  const own = searchProperties(entity.name, entity.aliases ?? []);
  const stored = entity.searchKeys ?? [];
  const searchKeys = [...new Set([...stored, ...own.searchKeys])];
  const others = stored.filter((key) => !own.searchKeys.includes(key)).map(transliterationKey);
  const translitKeys = [...new Set([...own.translitKeys, ...others])].filter((key) => key.length > 0);
  return { searchKeys, searchText: searchText(searchKeys), translitKeys, translitText: searchText(translitKeys) };
}

async function writeBatch(db: Database, batch: StoredNames[]): Promise<void> {
  await db.write(
    `UNWIND $keys AS k
     MATCH (e:Entity {id: k.id})
     SET e.searchKeys = k.searchKeys, e.searchText = k.searchText, e.translitKeys = k.translitKeys, e.translitText = k.translitText`,
    { keys: batch.map((entity) => ({ id: entity.id, ...upgradedKeys(entity) })) },
  );
}
