/**
 * Partner ranks: for every country and agency, each partner and how many facts link the two,
 * stored as (:PartnerRank {self, partner, facts, rank, position}) nodes and kept current by
 * every write. Why at write time: the biggest hub country of the 1M-entity benchmark has
 * 142,000 partners over 360,000 (partner, fact) pairs; counting them takes about 15 s and
 * most of Neo4j's default transaction memory, per request. Stored, a page of partners is one
 * index seek on (self, position), and its total is an index count.
 *
 * What a partnership is: core/cypher/partners.ts. Ranks count all time; `partners(asOf:)`
 * is still counted at read time (features/partners/partners.repository.ts).
 *
 * Writes only add (bundles merge entities and relations; names are set once), so the selves a
 * write can change are found from the relations it wrote (`affectedSelves`) and recomputed in
 * the same transaction: an import and its ranks commit together or not at all.
 */
import type { Database, QueryRunner, WriteTransaction } from '../core/db/database';
import { directPartnerLinks, isFact, isPartner, isStaff, partnerLinks, partnerOf, partnerRank } from '../core/cypher/partners';
import { storedPosition, storedPositionRevision } from '../core/cypher/keyset';
import { datedTypes } from '../core/model/registry';
import type { Logger } from '../core/logger';

/** Bumped when the rules of core/cypher/partners.ts change. */
const partnerRulesRevision = 1;
/**
 * A graph ranked under another version is ranked again at start. The sum changes whenever either
 * revision is bumped: new rules, or a new form of the stored position (core/cypher/keyset.ts).
 */
export const partnerRanksVersion = partnerRulesRevision + storedPositionRevision;

/** One stored rank; `position` (storedPosition of [rank, partner id], what a partners cursor holds) is unique per self. */
interface RankRow {
  self: string;
  partner: string;
  facts: number;
  rank: string;
  position: string;
}

/**
 * The ranks `$selves` should have, counted now. Each fact is expanded once (WITH DISTINCT f)
 * however many actors share it: an association with 17,000 members is walked once, not once
 * per member.
 */
const countStatement = `
  UNWIND $selves AS selfId
  MATCH (self:Entity {id: selfId}) WHERE self:Agency OR self:Country
  CALL (self) {
    WITH self, CASE WHEN self:Country THEN [self] + COLLECT { MATCH (ag:Agency)-[:BASED_IN]->(self) RETURN ag } ELSE [self] END AS orgs
    WITH self, orgs + COLLECT { UNWIND orgs AS org MATCH (p:Person)-[:HOLDS_POSITION]->(org) RETURN DISTINCT p } AS actors
    CALL (self, actors) {
      UNWIND actors AS a
      MATCH (a)-[${partnerLinks}]-(f:Entity)
      WITH DISTINCT self, f WHERE ${isFact('f', 'self')}
      MATCH (f)-[${partnerLinks}]-(o:Entity)
      WHERE NOT ${isStaff('o', 'self')}
      ${partnerOf('o')}
      RETURN partner, f AS fact
      UNION ALL
      UNWIND actors AS a
      MATCH (a)-[r${directPartnerLinks}]-(partner:Entity) WHERE partner:Agency OR partner:Country
      RETURN partner, r AS fact
    }
    WITH DISTINCT self, partner, fact
    WHERE ${isPartner('partner', 'self')}
    WITH self, partner, count(*) AS facts
    RETURN partner.id AS partner, facts, ${partnerRank('facts', 'partner.sortKey')} AS rank
  }
  RETURN self.id AS self, partner, facts, rank`;

/** The position predicate lets the (self, position) index find a self's ranks. */
const storedStatement = `
  MATCH (p:PartnerRank) WHERE p.self IN $selves AND p.position IS NOT NULL
  RETURN p.self AS self, p.position AS position`;

/** What to delete and create so the stored ranks become the counted ones: usually a handful of rows. */
function rankChanges(
  counted: RankRow[],
  stored: { self: string; position: string }[],
): { deletes: { self: string; position: string }[]; creates: RankRow[] } {
  const keyOf = (row: { self: string; position: string }) => `${row.self}\n${row.position}`;
  const countedKeys = new Set(counted.map(keyOf));
  const storedKeys = new Set(stored.map(keyOf));
  return { deletes: stored.filter((row) => !countedKeys.has(keyOf(row))), creates: counted.filter((row) => !storedKeys.has(keyOf(row))) };
}

async function countAndCompare(tx: Pick<WriteTransaction, 'run'>, selves: readonly string[]) {
  const params = { selves: [...new Set(selves)], factTypes: datedTypes };
  const counted = (await tx.run(countStatement, params)) as unknown as Omit<RankRow, 'position'>[];
  return rankChanges(
    counted.map((row) => ({ ...row, position: storedPosition([row.rank, row.partner]) })),
    (await tx.run(storedStatement, params)) as { self: string; position: string }[],
  );
}

async function deleteRanks(tx: WriteTransaction, rows: { self: string; position: string }[]): Promise<void> {
  if (rows.length > 0)
    await tx.run('UNWIND $rows AS row MATCH (p:PartnerRank) WHERE p.self = row.self AND p.position = row.position DELETE p', { rows });
}

async function createRanks(tx: WriteTransaction, rows: RankRow[]): Promise<void> {
  if (rows.length > 0) await tx.run('UNWIND $rows AS row CREATE (p:PartnerRank) SET p = row', { rows });
}

/**
 * Brings the ranks of these countries and agencies up to date in `tx` (other ids are ignored;
 * ranks of missing ones are deleted), writing only what changed: an import that adds one
 * memorandum to a hub country's agency rewrites two ranks, not the hub's 142,000.
 */
export async function rankPartners(tx: WriteTransaction, selves: readonly string[]): Promise<void> {
  if (selves.length === 0) return;
  const { deletes, creates } = await countAndCompare(tx, selves);
  await deleteRanks(tx, deletes);
  await createRanks(tx, creates);
}

/**
 * The countries and agencies whose partners may change when these relations are written:
 * their ends, the other ends of any fact among them (or of any fact a new staff member takes
 * part in), each mapped to the agencies and countries it acts for.
 */
export async function affectedSelves(tx: WriteTransaction, relations: readonly { from: string; to: string }[]): Promise<string[]> {
  if (relations.length === 0) return [];
  const rows = await tx.run(
    `UNWIND $ends AS id
     MATCH (x:Entity {id: id})
     CALL (x) {
       RETURN x AS z
       UNION
       MATCH (x)-[${partnerLinks}]-(z:Entity) WHERE x.type IN $factTypes OR x.kind = 'ASSOCIATION'
       RETURN z
       UNION
       MATCH (x:Person)-[${partnerLinks}]-(f:Entity)-[${partnerLinks}]-(z:Entity) WHERE f.type IN $factTypes OR f.kind = 'ASSOCIATION'
       RETURN z
     }
     WITH DISTINCT z
     CALL (z) {
       WITH z WHERE z:Agency OR z:Country RETURN z AS org
       UNION
       MATCH (z:Person)-[:HOLDS_POSITION]->(org:Agency) RETURN org
       UNION
       MATCH (z:ServiceCenter)-[:OPERATED_BY]->(org:Agency) RETURN org
     }
     CALL (org) {
       RETURN org AS self
       UNION
       MATCH (org:Agency)-[:BASED_IN]->(self:Country) RETURN self
     }
     RETURN collect(DISTINCT self.id) AS selves`,
    { ends: [...new Set(relations.flatMap((relation) => [relation.from, relation.to]))], factTypes: datedTypes },
  );
  return (rows[0]?.selves as string[] | undefined) ?? [];
}

/** After writing these relations in `tx`: the ranks they change, recomputed in the same transaction. */
export async function rankAfterWrite(tx: WriteTransaction, relations: readonly { from: string; to: string }[]): Promise<void> {
  await rankPartners(tx, await affectedSelves(tx, relations));
}

/**
 * After renaming these entities in `tx`: the ranks that list them as a partner, recomputed,
 * since a rank orders partners with the same count by name (partnerRank).
 */
export async function rankAfterRename(tx: WriteTransaction, renamed: readonly string[]): Promise<void> {
  const rows = await tx.run('MATCH (p:PartnerRank) WHERE p.partner IN $renamed RETURN collect(DISTINCT p.self) AS selves', {
    renamed: [...renamed],
  });
  await rankPartners(tx, (rows[0]?.selves as string[] | undefined) ?? []);
}

/** Agencies are counted this many per statement; countries one at a time (a hub country is the whole batch). */
const agencyBatch = 2000;
/** Ranks written per transaction by a rebuild. */
const writeBatch = 10_000;

/**
 * Ranks every country and agency whose id starts with `prefix` (default: all, and the version
 * is recorded), in batches, calling `onProgress` after each: what a graph written before ranks
 * existed, or written by the bench generator, needs once.
 */
export async function rankAllPartners(
  db: Database,
  options: { prefix?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const prefix = options.prefix ?? '';
  const ids = await db.read(
    `MATCH (e:Entity) WHERE (e:Agency OR e:Country) AND e.id STARTS WITH $prefix
     RETURN e.id AS id, e:Country AS country ORDER BY country DESC, id`,
    { prefix },
  );
  await rankSorted(db, ids as { id: string; country: boolean }[], options.onProgress);
  if (prefix === '') await markPartnersRanked(db);
}

/**
 * Ranks these countries and agencies as rankAllPartners does, in batches of their own
 * transactions: what an import in several transactions (and its rollback) does after its
 * relations are written. Ids of entities that are gone lose their ranks.
 */
export async function rankInBatches(db: Pick<QueryRunner, 'read' | 'writeTransaction'>, selves: readonly string[]): Promise<void> {
  const ids = await db.read(
    `UNWIND $selves AS id
     OPTIONAL MATCH (e:Entity {id: id})
     RETURN id, coalesce(e:Country, false) AS country ORDER BY country DESC, id`,
    { selves: [...new Set(selves)] },
  );
  await rankSorted(db, ids as { id: string; country: boolean }[]);
}

/** Countries one at a time (a hub is the whole batch), then agencies agencyBatch at a time. */
async function rankSorted(
  db: Pick<QueryRunner, 'read' | 'writeTransaction'>,
  ids: { id: string; country: boolean }[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const countries = ids.filter((row) => row.country).map((row) => row.id);
  const agencies = ids.filter((row) => !row.country).map((row) => row.id);
  let done = 0;
  for (const batch of [...countries.map((id) => [id]), ...chunks(agencies, agencyBatch)]) {
    const { deletes, creates } = await countAndCompare({ run: (cypher, params) => db.read(cypher, params) }, batch);
    // A hub's 142,000 new ranks in one transaction would not fit Neo4j's default transaction
    // memory; a rebuild is not an import, and an interrupted one resumes from what it wrote.
    for (const rows of chunks(deletes, writeBatch)) await db.writeTransaction((tx) => deleteRanks(tx, rows));
    for (const rows of chunks(creates, writeBatch)) await db.writeTransaction((tx) => createRanks(tx, rows));
    done += batch.length;
    onProgress?.(done, ids.length);
  }
}

/** Records that every country and agency was ranked under the current rules. */
export async function markPartnersRanked(db: Database): Promise<void> {
  await db.write('MERGE (s:PartnerRanks) SET s.version = $version', { version: partnerRanksVersion });
}

/** Ranks the whole graph unless it was ranked under the current rules. */
export async function ensurePartnerRanks(db: Database, log: Logger): Promise<void> {
  const rows = await db.read('OPTIONAL MATCH (s:PartnerRanks) RETURN s.version AS version');
  if (rows[0]?.version === partnerRanksVersion) return;
  log.info('Partner ranks: counting the facts between every country or agency and its partners (once)');
  const started = Date.now();
  let reported = started;
  await rankAllPartners(db, {
    onProgress: (done, total) => {
      if (Date.now() - reported < 5000 && done < total) return;
      reported = Date.now();
      log.info(
        `Partner ranks: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} countries and agencies, ${((reported - started) / 1000).toFixed(1)} s`,
      );
    },
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}
