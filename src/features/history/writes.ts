/**
 * Retraction (merge and unmerge are in merges.ts): each one write transaction that changes the
 * graph, keeps the derived data right (partner ranks, disputes: the upkeep the app composes from
 * ingest, since a feature does not import it) and records its Change, all or nothing. The steps
 * every history write shares are exported from here.
 */
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../core/errors';
import { isRelationId, parseRelationId, relationId, type RelationIdentity } from '../../core/model/relation-ids';
import type { CitationRecord, RelationRecord } from '../../core/model/records';
import { relationFromRow, versionOf, type NodeProperties } from '../../core/model/storage';
import { recordChange, type ChangeAction, type ChangeRecord } from '../audit/audit.repository';
import {
  archiveCitations,
  archiveRelation,
  entityProperties,
  lockEntities,
  missingEntity,
  findRelation,
  mentionType,
  setEntityCitations,
  setRelationCitations,
  type RetractionInput,
  type StoredRelationship,
} from './history.repository';
import { citationArrays, citationProperties, singleCitations, splitBySource, type CitationArrays } from './statements';

/** What the graph derives from relations and claims, recomputed in the write's transaction (composed in app/curation.ts from ingest). */
export interface GraphUpkeep {
  /** The countries and agencies whose partner ranks relations between these ends can change. */
  affectedSelves(tx: WriteTransaction, ends: readonly { from: string; to: string }[]): Promise<string[]>;
  rankPartners(tx: WriteTransaction, selves: readonly string[]): Promise<void>;
  /** Recomputes which claims (and the edges carrying them) are disputed. */
  markDisputes(tx: WriteTransaction, keys: readonly { subject: string; property: string }[]): Promise<void>;
}

/** Who writes, why, and the request it came in. */
export interface Author {
  by: string;
  reason: string;
  requestId: string | null;
}

const maxReasonLength = 2000;

/** A reason is required and must say something. */
export function reasonArgument(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > maxReasonLength)
    throw new InvalidArgumentError(
      'reason',
      `a non-empty explanation of at most ${maxReasonLength} characters`,
      reason.length > 80 ? `${reason.slice(0, 80)}...` : reason,
    );
  return trimmed;
}

/** The ends of the entity-to-entity relationships among these (mentions link sources, which have no partners). */
export const endsOf = (relationships: readonly StoredRelationship[]) =>
  relationships.filter((r) => r.type !== mentionType).map((r) => ({ from: r.fromId, to: r.toId }));

/**
 * Runs `work`, which changes relations between `ends` (and returns further ends it touched), then
 * recounts the partner ranks of every country and agency it may have changed: those found
 * before (a deleted relation can no longer lead to them) and after.
 */
export async function rankingAround<T>(
  tx: WriteTransaction,
  upkeep: GraphUpkeep,
  ends: readonly { from: string; to: string }[],
  work: () => Promise<{ result: T; endsAfter: { from: string; to: string }[]; removed?: string[] }>,
): Promise<T> {
  const before = await upkeep.affectedSelves(tx, ends);
  const { result, endsAfter, removed = [] } = await work();
  const after = await upkeep.affectedSelves(tx, endsAfter);
  await upkeep.rankPartners(tx, [...new Set([...before, ...after, ...removed])]);
  return result;
}

export async function record(
  tx: WriteTransaction,
  author: Author,
  action: ChangeAction,
  entityIds: string[],
  before: unknown,
  after: unknown,
): Promise<ChangeRecord> {
  return recordChange(tx, { by: author.by, action, entityIds, reason: author.reason, before, after, requestId: author.requestId });
}

export const retractionBy = (change: ChangeRecord, author: Author): RetractionInput => ({
  by: author.by,
  at: change.at,
  reason: author.reason,
  changeId: change.id,
});

const relationJson = (identity: RelationIdentity, relation: StoredRelationship) => ({ id: relationId(identity), ...relation });

export async function retractRelation(
  db: QueryRunner,
  upkeep: GraphUpkeep,
  id: string,
  author: Author,
): Promise<{ relation: RelationRecord; change: ChangeRecord }> {
  const identity = parseRelationId('id', id);
  return db.writeTransaction(async (tx) => {
    await lockEntities(tx, [identity.fromId, identity.toId]);
    const relation = await findRelation(tx, identity);
    if (!relation) throw new NotFoundError('id', id, 'live relation');
    const change = await record(
      tx,
      author,
      'RETRACT_RELATION',
      [identity.fromId, identity.toId],
      { relation: relationJson(identity, relation) },
      null,
    );
    const retracted = await rankingAround(tx, upkeep, endsOf([relation]), async () => ({
      result: await archiveRelation(tx, identity, relation, retractionBy(change, author)),
      endsAfter: endsOf([relation]),
    }));
    return { relation: retracted, change };
  });
}

export interface CitationRetraction {
  citations: CitationRecord[];
  relation: RelationRecord | null;
  entityId: string | null;
  change: ChangeRecord;
}

/**
 * Retracts every citation by `sourceId` on a relation or an entity (`of`). The last citations of
 * a relation take the relation with them (archived whole, those citations included: nothing
 * would state it any more); an entity's last ones are refused, as an entity is never retracted.
 */
export async function retractCitation(
  db: QueryRunner,
  upkeep: GraphUpkeep,
  of: string,
  sourceId: string,
  author: Author,
): Promise<CitationRetraction> {
  const identity = isRelationId(of) ? parseRelationId('of', of) : null;
  return db.writeTransaction(async (tx) => {
    await lockEntities(tx, identity ? [identity.fromId, identity.toId] : [of]);
    const stored = identity ? (await findRelation(tx, identity))?.props : (await entityProperties(tx, [of])).get(of);
    if (!stored) throw identity ? new NotFoundError('of', of, 'live relation') : await missingEntity(tx, 'of', of);
    const { removed, kept } = splitBySource(citationArrays(stored), sourceId);
    if (removed.sourceIds.length === 0) throw new NotFoundError('source', sourceId, `citation on "${of}" by a source`);
    const retraction: SourceCitations = { of, sourceId, stored, removed, kept, author };
    return identity ? retractRelationCitations(tx, upkeep, identity, retraction) : retractEntityCitations(tx, retraction);
  });
}

/** The citations by one source on a relation or an entity, split from those it keeps, and who retracts them. */
interface SourceCitations {
  of: string;
  sourceId: string;
  stored: NodeProperties;
  removed: CitationArrays;
  kept: CitationArrays;
  author: Author;
}

/** An entity keeps its other citations; its last ones are refused. */
async function retractEntityCitations(tx: WriteTransaction, retraction: SourceCitations): Promise<CitationRetraction> {
  const { of, sourceId, stored, removed, kept, author } = retraction;
  if (kept.sourceIds.length === 0)
    throw new ConflictError(
      'source',
      `"${sourceId}" is the only source citing entity "${of}": an entity cannot lose its last citation (merge it into another entity instead)`,
    );
  const before = { of, citations: singleCitations(removed) };
  const change = await record(tx, author, 'RETRACT_CITATION', [of], before, { of, remaining: kept.sourceIds.length });
  // Losing a citation is a write that changes the entity (Entity.version, optimistic concurrency).
  await setEntityCitations(tx, of, { ...citationProperties(kept), version: versionOf(stored) + 1 });
  return {
    citations: await archiveCitations(tx, of, singleCitations(removed), retractionBy(change, author)),
    relation: null,
    entityId: of,
    change,
  };
}

/** A relation keeps its other citations; with its last ones, it is archived whole. */
async function retractRelationCitations(
  tx: WriteTransaction,
  upkeep: GraphUpkeep,
  identity: RelationIdentity,
  retraction: SourceCitations,
): Promise<CitationRetraction> {
  const { of, stored, removed, kept, author } = retraction;
  const entityIds = [identity.fromId, identity.toId];
  const before = { of, citations: singleCitations(removed) };
  const relation = { type: identity.type, fromId: identity.fromId, toId: identity.toId, props: stored };
  if (kept.sourceIds.length > 0) {
    const change = await record(tx, author, 'RETRACT_CITATION', entityIds, before, {
      of,
      remaining: kept.sourceIds.length,
      relationRetracted: false,
    });
    await setRelationCitations(tx, identity, citationProperties(kept));
    const remaining = relationFromRow({ ...relation, props: { ...stored, ...citationProperties(kept) } });
    return {
      citations: await archiveCitations(tx, of, singleCitations(removed), retractionBy(change, author)),
      relation: remaining,
      entityId: null,
      change,
    };
  }
  const change = await record(
    tx,
    author,
    'RETRACT_CITATION',
    entityIds,
    { ...before, relation: relationJson(identity, relation) },
    { of, remaining: 0, relationRetracted: true },
  );
  const retracted = await rankingAround(tx, upkeep, endsOf([relation]), async () => ({
    result: await archiveRelation(tx, identity, relation, retractionBy(change, author)),
    endsAfter: endsOf([relation]),
  }));
  return {
    citations: retracted.citations.map((citation) => ({ ...citation, retracted: retracted.retracted })),
    relation: retracted,
    entityId: null,
    change,
  };
}
