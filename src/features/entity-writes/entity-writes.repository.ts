/**
 * The Cypher of createEntity, updateEntity and addRelation. Each runs in ONE write transaction:
 * the idempotency key, the checks only the graph can answer, the write, the new version and the
 * audit record commit together or not at all. What is stated is written by the same statements
 * an import uses (`StatementWriter`, composed by the app from ingest/writer.ts), so a curated
 * entity, relation or citation is stored exactly like an imported one.
 *
 * Concurrency: an update first takes the write lock on its entity (a property set and removed),
 * then reads it in a statement of its own; a concurrent update of the same entity waits for that
 * commit and then reads what it wrote, so no update is lost and each one's version is one more
 * than the last. addRelation locks both ends the same way. A merge that took an entity away
 * while a write waited for its lock leaves nothing to read: NOT_FOUND, with the kept entity's id.
 */
import { createHash } from 'node:crypto';
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { InvalidArgumentError, NotFoundError, VersionConflictError } from '../../core/errors';
import { quoteProblems } from '../../core/model/citations';
import type { EntityRecord, RelationRecord, StatedRelation } from '../../core/model/records';
import { entityProperties, lockEntities, missingEntity } from '../history/history.repository';
import {
  attributeProperties,
  entityFromNode,
  relationFromRow,
  relationRowProjection,
  searchProperties,
  type NodeProperties,
  type RelationRow,
} from '../../core/model/storage';
import {
  entitySpec,
  relationAllowed,
  relationSpec,
  writableTypes,
  type EntityTypeName,
  type RelationTypeName,
} from '../../core/model/registry';
import { recordChange, type ChangeAction, type ChangeRecord } from '../audit/audit.repository';
import { inputFieldOf, type CitationStatement, type EntityStatement, type RelationStatement } from './inputs';

/** An entity as the writer takes it (ingest's BundleEntity): its statement and the citation's quotes. */
export interface StatedEntity {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases?: string[];
  description?: string;
  attributes?: Record<string, unknown>;
  quotes: string[];
  note?: string;
}

/** Writes statements citing a stored source inside `tx`, as an import does; `renamed`: entities whose name changed. */
export type StatementWriter = (
  tx: WriteTransaction,
  sourceId: string,
  statements: { entities: StatedEntity[]; relations: StatedRelation[] },
  renamed: string[],
) => Promise<void>;

/** Who writes, and why: what the audit trail and the idempotency key are kept under. */
export interface Writer {
  subject: string;
  reason: string | null;
  requestId: string | null;
  /** Null: the request may run again as a new write. */
  idempotencyKey: string | null;
}

export interface EntityWriteResult {
  entity: EntityRecord;
  version: number;
  change: ChangeRecord | null;
  replayed: boolean;
}

export interface RelationWriteResult {
  relation: RelationRecord;
  change: ChangeRecord | null;
  replayed: boolean;
}

/** A citation's writer shape: one quote (none for a source without a text) and its note. */
const citing = (citation: CitationStatement) => ({
  quotes: citation.quote === null ? [] : [citation.quote],
  ...(citation.note === null ? {} : { note: citation.note }),
});

/** Attribute kinds a curator's update sets outright; dates and quantities are claims instead (the writer fills, refines, or keeps a competing value). */
const setKinds = new Set(['text', 'texts', 'kind']);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Equal when nothing a client can read of the entity changed; the version is what is being decided. */
const sameEntity = (a: EntityRecord, b: EntityRecord) => sameJson({ ...a, version: 0 }, { ...b, version: 0 });

async function readEntity(tx: WriteTransaction, id: string): Promise<EntityRecord | null> {
  const rows = await tx.run('MATCH (n:Entity {id: $id}) RETURN properties(n) AS props', { id });
  return rows[0] ? entityFromNode(rows[0].props as NodeProperties) : null;
}

/**
 * Takes `id`'s write lock, held until the transaction ends, and only then reads it: a write set
 * and removed in one statement changes nothing but makes concurrent writers of the entity queue.
 * The read is a statement of its own: when the lock came free because a merge deleted the node,
 * the locking statement still holds the node it matched, with no properties left (no type).
 */
async function lockEntity(tx: WriteTransaction, id: string): Promise<EntityRecord | null> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n._lock = true REMOVE n._lock', { id });
  return readEntity(tx, id);
}

/** Both ends of a relation, locked (in id order, as merges lock theirs) and then read; NOT_FOUND names the missing end. */
async function lockEnds(tx: WriteTransaction, relation: RelationStatement): Promise<{ from: EntityRecord; to: EntityRecord }> {
  await lockEntities(tx, [relation.from, relation.to]);
  const found = await entityProperties(tx, [relation.from, relation.to]);
  const [from, to] = [found.get(relation.from), found.get(relation.to)];
  if (!from) throw await missingEntity(tx, 'from', relation.from);
  if (!to) throw await missingEntity(tx, 'to', relation.to);
  return { from: entityFromNode(from), to: entityFromNode(to) };
}

/** The citation's source exists (NOT_FOUND) and its quote follows the citation rule against the source's text (BAD_USER_INPUT). */
async function checkCitation(tx: WriteTransaction, citation: CitationStatement): Promise<void> {
  const rows = await tx.run('OPTIONAL MATCH (s:Source {id: $id}) RETURN s IS NOT NULL AS found, s.text AS text', { id: citation.sourceId });
  if (!rows[0]?.found) throw new NotFoundError('citation.source', citation.sourceId, 'source document');
  const [problem] = quoteProblems((rows[0].text as string | null) ?? null, citation.quote === null ? [] : [citation.quote]);
  if (problem)
    throw new InvalidArgumentError(
      'citation.quote',
      `a verbatim passage of ${citation.sourceId}'s text (${problem.message})`,
      citation.quote,
    );
}

/** The (from, type, to, role) relation, or null: one edge per such key, as the writer keeps them. */
async function readRelation(tx: WriteTransaction, type: RelationTypeName, relation: RelationStatement): Promise<RelationRecord | null> {
  const rows = await tx.run(
    `OPTIONAL MATCH (:Entity {id: $from})-[r {key: $key}]->(:Entity {id: $to})
     WHERE type(r) = $type
     RETURN CASE WHEN r IS NULL THEN null ELSE ${relationRowProjection('r')} END AS row`,
    { type, from: relation.from, to: relation.to, key: relation.role ?? '' },
  );
  const row = rows[0]?.row as RelationRow | null | undefined;
  return row ? relationFromRow(row) : null;
}

/** Sets the values an update sets outright: name (and the sort key it gives), description, texts and kinds. */
async function setStated(tx: WriteTransaction, id: string, statement: EntityStatement): Promise<void> {
  const attributes = Object.fromEntries(
    Object.entries(statement.attributes).filter(([name]) => setKinds.has(entitySpec(statement.type).attributes[name]!.kind)),
  );
  const props: NodeProperties = attributeProperties(statement.type, attributes);
  if (statement.name !== null) Object.assign(props, { name: statement.name, sortKey: searchProperties(statement.name, []).sortKey });
  if (statement.description !== null) props.description = statement.description;
  if (Object.keys(props).length === 0) return;
  // A name that was an alias is no longer one.
  await tx.run('MATCH (n:Entity {id: $id}) SET n += $props, n.aliases = [a IN n.aliases WHERE a <> n.name]', { id, props });
}

async function setVersion(tx: WriteTransaction, id: string, version: number): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n.version = $version', { id, version });
}

/** What an idempotency key is stored with: the mutation and its arguments, hashed, so a key reused for another request is refused. */
export const requestHash = (mutation: string, args: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([mutation, args]))
    .digest('hex');

export class EntityWriteRepository {
  constructor(
    private readonly db: QueryRunner,
    private readonly write: StatementWriter,
    /** How long a key answers repeats (CurationOptions.idempotencyKeyTtlMs). */
    private readonly keyTtlMs: number,
  ) {}

  /**
   * Runs `work` in one write transaction, at most once per idempotency key: the key is taken
   * first (its uniqueness constraint makes a concurrent repeat wait for this commit), and a key
   * already answered returns that answer with nothing written. A key older than its lifetime is
   * free again: it is deleted first, with a bounded batch of other expired keys, so the store
   * never grows past a lifetime's keys and no write pays for a long clean-up.
   */
  private async once<T extends { replayed: boolean }>(
    writer: Writer,
    request: string,
    work: (tx: WriteTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.writeTransaction(async (tx) => {
      const key = writer.idempotencyKey;
      if (key !== null) {
        const now = Date.now();
        await tx.run(
          `CALL () { MATCH (k:IdempotencyKey {subject: $subject, key: $key}) WHERE k.at < $expired DELETE k }
           CALL () { MATCH (k:IdempotencyKey) WHERE k.at < $expired WITH k LIMIT 100 DELETE k }`,
          { subject: writer.subject, key, expired: new Date(now - this.keyTtlMs).toISOString() },
        );
        const rows = await tx.run(
          `MERGE (k:IdempotencyKey {subject: $subject, key: $key})
           ON CREATE SET k.at = $at, k.request = $request
           RETURN k.request AS request, k.result AS result`,
          { subject: writer.subject, key, request, at: new Date(now).toISOString() },
        );
        const stored = rows[0]!;
        if (stored.request !== request)
          throw new InvalidArgumentError('idempotencyKey', 'a key not yet used by this token for another request', key);
        if (typeof stored.result === 'string') return { ...(JSON.parse(stored.result) as T), replayed: true };
      }
      const result = await work(tx);
      if (key !== null)
        await tx.run('MATCH (k:IdempotencyKey {subject: $subject, key: $key}) SET k.result = $result', {
          subject: writer.subject,
          key,
          result: JSON.stringify(result),
        });
      return result;
    });
  }

  private record(
    tx: WriteTransaction,
    writer: Writer,
    action: ChangeAction,
    entityIds: string[],
    before: unknown,
    after: unknown,
  ): Promise<ChangeRecord> {
    return recordChange(tx, { by: writer.subject, action, entityIds, reason: writer.reason, before, after, requestId: writer.requestId });
  }

  async createEntity(
    id: string,
    statement: EntityStatement,
    citation: CitationStatement,
    writer: Writer,
    request: string,
  ): Promise<EntityWriteResult> {
    return this.once(writer, request, async (tx) => {
      await checkCitation(tx, citation);
      if (await lockEntity(tx, id)) throw new InvalidArgumentError('id', 'an id no entity has yet', id);
      const entity: StatedEntity = {
        id,
        type: statement.type,
        name: statement.name!,
        aliases: statement.aliases,
        attributes: statement.attributes,
        ...citing(citation),
      };
      if (statement.description !== null) entity.description = statement.description;
      await this.write(tx, citation.sourceId, { entities: [entity], relations: [] }, []);
      const after = (await readEntity(tx, id))!;
      // Had a concurrent create of the id committed between the check above and the writer's
      // MERGE, the writer would have added to that entity instead: the id was taken after all.
      if (after.version !== 1) throw new InvalidArgumentError('id', 'an id no entity has yet', id);
      const change = await this.record(tx, writer, 'CREATE_ENTITY', [id], null, after);
      return { entity: after, version: after.version, change, replayed: false };
    });
  }

  async updateEntity(
    id: string,
    statement: EntityStatement,
    citation: CitationStatement,
    expectedVersion: number | null,
    writer: Writer,
    request: string,
  ): Promise<EntityWriteResult> {
    return this.once(writer, request, async (tx) => {
      const before = await lockEntity(tx, id);
      if (!before) throw await missingEntity(tx, 'id', id);
      if (!writableTypes.includes(before.type))
        throw new InvalidArgumentError(
          'id',
          `an entity of a type curators write (${writableTypes.join(', ')}): ${before.type} is a fixed list`,
          id,
        );
      if (before.type !== statement.type)
        throw new InvalidArgumentError('input', `the field of ${id}'s type: input.${inputFieldOf(before.type)}`, statement.type);
      if (expectedVersion !== null && expectedVersion !== before.version)
        throw new VersionConflictError('expectedVersion', id, expectedVersion, before.version);
      await checkCitation(tx, citation);
      const renamed = statement.name !== null && statement.name !== before.name;
      await setStated(tx, id, statement);
      // A corrected name stays findable: the old one becomes an alias.
      const aliases = renamed ? [before.name, ...statement.aliases] : statement.aliases;
      const entity: StatedEntity = {
        id,
        type: before.type,
        name: statement.name ?? before.name,
        aliases,
        attributes: statement.attributes,
        ...citing(citation),
      };
      await this.write(tx, citation.sourceId, { entities: [entity], relations: [] }, renamed ? [id] : []);
      const written = (await readEntity(tx, id))!;
      if (sameEntity(before, written)) {
        // The writer counts a change of any stored property; none a client reads changed, so none is counted.
        if (written.version !== before.version) await setVersion(tx, id, before.version);
        return { entity: before, version: before.version, change: null, replayed: false };
      }
      const after = { ...written, version: before.version + 1 } as EntityRecord;
      await setVersion(tx, id, after.version);
      const change = await this.record(tx, writer, 'UPDATE_ENTITY', [id], before, after);
      return { entity: after, version: after.version, change, replayed: false };
    });
  }

  async addRelation(
    type: RelationTypeName,
    relation: RelationStatement,
    citation: CitationStatement,
    writer: Writer,
    request: string,
  ): Promise<RelationWriteResult> {
    return this.once(writer, request, async (tx) => {
      const { from, to } = await lockEnds(tx, relation);
      if (!relationAllowed(type, from.type, to.type)) {
        const spec = relationSpec(type);
        const side = spec.from.includes(from.type) ? 'to' : 'from';
        const end = side === 'from' ? from : to;
        throw new InvalidArgumentError(
          side,
          `an entity ${type} may ${side === 'from' ? 'start at' : 'end at'}: ${spec[side].join(' or ')} (${end.id} is a ${end.type})`,
          end.id,
        );
      }
      await checkCitation(tx, citation);
      const before = await readRelation(tx, type, relation);
      const stated: StatedRelation = { type, from: relation.from, to: relation.to, ...citing(citation) };
      if (relation.role !== null) stated.role = relation.role;
      if (relation.start !== null) stated.start = relation.start;
      if (relation.end !== null) stated.end = relation.end;
      await this.write(tx, citation.sourceId, { entities: [], relations: [stated] }, []);
      const after = (await readRelation(tx, type, relation))!;
      if (before && sameJson(before, after)) return { relation: after, change: null, replayed: false };
      const change = await this.record(tx, writer, 'ADD_RELATION', [relation.from, relation.to], before, after);
      return { relation: after, change, replayed: false };
    });
  }
}
