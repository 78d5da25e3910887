/**
 * Versioned schema migrations, applied at start in order. Each version runs once: the
 * applied versions are recorded as (:Migration {version}) nodes, and every statement is also
 * written to be idempotent (IF NOT EXISTS) so a half-applied version can simply run again.
 * Neo4j forbids schema and data changes in one transaction, so each statement gets its own,
 * without the dataset counter's bump (core/db/dataset-counter.ts); recording the version bumps it.
 */
import type { Database } from '../database';
import type { Logger } from '../../logger';
import { datasetVersionId } from '../dataset-counter';
import { rewriteSearchKeys } from './search-keys';

export interface Migration {
  version: number;
  description: string;
  statements: string[];
  /** Data work the statements cannot express (keys built in TypeScript), after them; idempotent too. `log` for its progress. */
  run?: (db: Database, log: Logger) => Promise<unknown>;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'unique ids for entities, sources and migrations',
    statements: [
      'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
      'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE',
    ],
  },
  {
    version: 2,
    description: 'lookup indexes for entity type, country code and claims',
    statements: [
      'CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)',
      'CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)',
      'CREATE INDEX country_code IF NOT EXISTS FOR (c:Country) ON (c.code)',
      'CREATE INDEX country_alpha3 IF NOT EXISTS FOR (c:Country) ON (c.alpha3)',
      'CREATE INDEX claim_subject IF NOT EXISTS FOR (c:Claim) ON (c.subjectId)',
    ],
  },
  {
    version: 3,
    description: 'full-text index on folded entity names and aliases (search)',
    statements: [
      // searchText holds the folded name and aliases; the analyzer only splits words and keeps stop words.
      "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}}",
      'CREATE INDEX entity_sort_key IF NOT EXISTS FOR (e:Entity) ON (e.sortKey)',
    ],
  },
  {
    version: 4,
    description: 'partner ranks: one index seek per page of partners',
    statements: ['CREATE INDEX partner_rank_position IF NOT EXISTS FOR (p:PartnerRank) ON (p.self, p.position)'],
  },
  {
    version: 5,
    description:
      'stated quantities: one claim per metric and figure, with its qualifier and bounds (sources are written again at their next import)',
    statements: [
      // The table import used to claim a row's whole quantity column as one text under "quantity".
      "MATCH (c:Claim {property: 'quantity'}) WHERE c.kind = 'text' DETACH DELETE c",
      // Every source is written again at its next import (the seeds: at the next start), which
      // states its figures as quantities and gives the claims of quantity attributes their bounds.
      'MATCH (s:Source) SET s.contentHash = null',
      // A value a bundle stated twice (an attribute and an explicit claim) was cited twice.
      `MATCH (c:Claim)
       WITH c, [i IN range(0, size(c.sourceIds) - 1) WHERE NONE(j IN range(0, i - 1) WHERE c.sourceIds[j] = c.sourceIds[i] AND c.quotes[j] = c.quotes[i])] AS keep
       WHERE size(keep) < size(c.sourceIds)
       SET c.sourceIds = [i IN keep | c.sourceIds[i]], c.quotes = [i IN keep | c.quotes[i]]`,
    ],
  },
  {
    version: 6,
    description:
      "awards' dates at their precision: Award.year (an integer) becomes Award.date (sources are written again at their next import, and refine it)",
    statements: [
      'MATCH (a:Award) WHERE a.year IS NOT NULL SET a.date = coalesce(a.date, toString(toInteger(a.year))) REMOVE a.year',
      // A year-only award date is refined by the finer date a source gives when it is written again.
      'MATCH (s:Source) SET s.contentHash = null',
    ],
  },
  {
    version: 7,
    description:
      'transliteration keys: every entity gets translitKeys and translitText, a second field of the full-text index (search across scripts)',
    statements: [
      // An index's fields cannot be changed: it is made again with translitText, then awaited, so
      // no search meets it while it is populated.
      'DROP INDEX entity_search IF EXISTS',
      "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.searchText, e.translitText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}}",
      "CALL db.awaitIndex('entity_search', 600)",
    ],
    run: rewriteSearchKeys,
  },
  {
    version: 8,
    description: 'audit trail: changes by time and by writer',
    statements: [
      'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE',
      'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)',
      'CREATE INDEX change_by IF NOT EXISTS FOR (c:Change) ON (c.by)',
    ],
  },
  {
    version: 9,
    description: 'API keys: one key per id (the id is how a presented key is found)',
    statements: ['CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE'],
  },
  {
    version: 10,
    description:
      'curation writes: one idempotency key per (subject, key), so a repeated request waits for the first; partner ranks by partner (a rename re-ranks them)',
    statements: [
      'CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE (k.subject, k.key) IS UNIQUE',
      'CREATE INDEX partner_rank_partner IF NOT EXISTS FOR (p:PartnerRank) ON (p.partner)',
    ],
  },
  {
    version: 11,
    description: 'history: one redirect per merged-away id; retracted statements by the entities and statements they belonged to',
    statements: [
      'CREATE CONSTRAINT redirect_from IF NOT EXISTS FOR (r:Redirect) REQUIRE r.from IS UNIQUE',
      'CREATE INDEX redirect_change IF NOT EXISTS FOR (r:Redirect) ON (r.changeId)',
      'CREATE INDEX redirect_to IF NOT EXISTS FOR (r:Redirect) ON (r.to)',
      'CREATE INDEX retracted_from IF NOT EXISTS FOR (x:Retracted) ON (x.fromId)',
      'CREATE INDEX retracted_to IF NOT EXISTS FOR (x:Retracted) ON (x.toId)',
      'CREATE INDEX retracted_owner IF NOT EXISTS FOR (x:Retracted) ON (x.ownerId)',
    ],
  },
  {
    version: 12,
    description: 'idempotency keys by age: expired ones are found without a scan',
    statements: ['CREATE INDEX idempotency_key_at IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.at)'],
  },
  {
    version: 13,
    description: 'import runs (a large bundle in several transactions): one per source, and their undo log found by run and key',
    statements: [
      'CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE',
      'CREATE CONSTRAINT import_run_source IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.sourceId IS UNIQUE',
      'CREATE INDEX import_undo_key IF NOT EXISTS FOR (u:ImportUndo) ON (u.undoRun, u.undoKind, u.undoKey)',
    ],
  },
  {
    version: 14,
    description: "sources by the time their content was imported: the dataset version's last change without a scan",
    statements: ['CREATE INDEX source_imported_at IF NOT EXISTS FOR (s:Source) ON (s.importedAt)'],
  },
  {
    version: 15,
    description: 'dataset version: one counter node, raised by every write transaction (the response cache keys on it)',
    statements: [
      'CREATE CONSTRAINT dataset_version_id IF NOT EXISTS FOR (v:DatasetVersion) REQUIRE v.id IS UNIQUE',
      `MERGE (v:DatasetVersion {id: '${datasetVersionId}'}) ON CREATE SET v.n = 0`,
    ],
  },
];

/**
 * Applies every migration not yet recorded; returns the versions it applied. A migration may
 * touch every node of a big graph (rebuild an index, rewrite keys): callers pass the database
 * with the import timeout (IMPORT_TIMEOUT_MS), not the API's.
 */
export async function migrate(db: Database, log: Logger, all: Migration[] = migrations): Promise<number[]> {
  const rows = await db.read('OPTIONAL MATCH (m:Migration) RETURN collect(m.version) AS versions');
  const applied = new Set((rows[0]?.versions as number[] | undefined) ?? []);
  const done: number[] = [];
  for (const migration of [...all].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    log.info(`Applying migration ${migration.version}: ${migration.description}`);
    // Without the counter's bump (schema and data cannot share a transaction); the record below raises it.
    for (const statement of migration.statements) await db.schemaWrite(statement);
    await migration.run?.(db, log);
    await db.write('MERGE (m:Migration {version: $version}) ON CREATE SET m.description = $description, m.appliedAt = datetime()', {
      version: migration.version,
      description: migration.description,
    });
    done.push(migration.version);
  }
  return done;
}
