/**
 * Retraction, merge and unmerge: each one write transaction that changes the graph, keeps the
 * derived data right (partner ranks, disputes: the upkeep the app composes from ingest, since a
 * feature does not import it) and records its Change, all or nothing.
 */
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../core/errors';
import { canonicalJson } from '../../core/model/canonical-json';
import { isRelationId, parseRelationId, relationId, type RelationIdentity } from '../../core/model/relation-ids';
import type { CitationRecord, EntityRecord, RelationRecord } from '../../core/model/records';
import { entityFromNode, relationFromRow, versionOf, type NodeProperties } from '../../core/model/storage';
import { changeById, recordChange, type ChangeAction, type ChangeRecord } from '../audit/repository';
import {
  archiveCitations,
  archiveRelation,
  createEntity,
  createRedirect,
  deleteClaimsOf,
  deleteEntity,
  deleteRedirect,
  deleteRelationshipsOf,
  entityProperties,
  lockEntities,
  entitySnapshot,
  findRelation,
  mentionType,
  redirectOfChange,
  restoreRedirects,
  retargetRedirects,
  setEntityCitations,
  setEntityProperties,
  setRelationCitations,
  writeClaims,
  writeRelationships,
  type EntitySnapshot,
  type RetractionInput,
  type StoredRelationship,
} from './repository';
import {
  citationArrays,
  citationProperties,
  mergedEntityProperties,
  mergedRelationProperties,
  singleCitations,
  splitBySource,
} from './statements';

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
const endsOf = (relationships: readonly StoredRelationship[]) =>
  relationships.filter((r) => r.type !== mentionType).map((r) => ({ from: r.fromId, to: r.toId }));

/**
 * Runs `work`, which changes relations between `ends` (and returns further ends it touched), then
 * recounts the partner ranks of every country and agency it may have changed: those found
 * before (a deleted relation can no longer lead to them) and after.
 */
async function rankingAround<T>(
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

async function record(
  tx: WriteTransaction,
  author: Author,
  action: ChangeAction,
  entityIds: string[],
  before: unknown,
  after: unknown,
): Promise<ChangeRecord> {
  return recordChange(tx, { by: author.by, action, entityIds, reason: author.reason, before, after, requestId: author.requestId });
}

const retractionBy = (change: ChangeRecord, author: Author): RetractionInput => ({
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
    if (!stored) throw new NotFoundError('of', of, identity ? 'live relation' : 'entity');
    const { removed, kept } = splitBySource(citationArrays(stored), sourceId);
    if (removed.sourceIds.length === 0) throw new NotFoundError('source', sourceId, `citation on "${of}" by a source`);
    const entityIds = identity ? [identity.fromId, identity.toId] : [of];
    const before = { of, citations: singleCitations(removed) };
    if (!identity) {
      if (kept.sourceIds.length === 0)
        throw new ConflictError(
          'source',
          `"${sourceId}" is the only source citing entity "${of}": an entity cannot lose its last citation (merge it into another entity instead)`,
        );
      const change = await record(tx, author, 'RETRACT_CITATION', entityIds, before, { of, remaining: kept.sourceIds.length });
      // Losing a citation is a write that changes the entity (Entity.version, optimistic concurrency).
      await setEntityCitations(tx, of, { ...citationProperties(kept), version: versionOf(stored) + 1 });
      return {
        citations: await archiveCitations(tx, of, singleCitations(removed), retractionBy(change, author)),
        relation: null,
        entityId: of,
        change,
      };
    }
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
  });
}

/** What a merge records as `before`: both entities as they were, and the redirects it retargeted. */
interface MergeBefore extends EntitySnapshot {
  keep: string;
  drop: string;
  redirected: string[];
}

export interface MergeOutcome {
  entity: EntityRecord;
  movedRelations: number;
  change: ChangeRecord;
}

/** The two entities of a merge, refused with the argument named: the same id, an unknown one, two types. */
async function mergedPair(tx: WriteTransaction, keep: string, drop: string): Promise<{ kept: NodeProperties; dropped: NodeProperties }> {
  if (keep === drop) throw new InvalidArgumentError('drop', 'an entity other than keep (an entity cannot be merged with itself)', drop);
  const found = await entityProperties(tx, [keep, drop]);
  const [kept, dropped] = [found.get(keep), found.get(drop)];
  if (!kept) throw new NotFoundError('keep', keep);
  if (!dropped) throw new NotFoundError('drop', drop);
  if (kept.type !== dropped.type)
    throw new InvalidArgumentError(
      'drop',
      `an entity of the same type as keep (${String(kept.type)})`,
      `${drop} (${String(dropped.type)})`,
    );
  return { kept, dropped };
}

/**
 * `dropped`'s relationships as they become `keep`'s: an end that was `drop` is `keep`; one that
 * then coincides with a relationship `keep` already has is merged onto it; one between the two
 * would become a loop and is dropped (the change's before keeps it, unmerge restores it).
 */
function movedRelationships(snapshot: EntitySnapshot, keep: string, drop: string): StoredRelationship[] {
  const rename = (id: string) => (id === drop ? keep : id);
  const identityOf = (r: StoredRelationship) => JSON.stringify([r.type, r.fromId, r.toId, r.props.key ?? null]);
  return snapshot.relationships
    .filter((r) => r.fromId === drop || r.toId === drop)
    .filter((r) => ![r.fromId, r.toId].includes(keep) && !(r.fromId === drop && r.toId === drop))
    .map((r) => {
      const moved = { ...r, fromId: rename(r.fromId), toId: rename(r.toId), props: claimedBy(r.props, drop, keep) };
      const twin = snapshot.relationships.find((other) => identityOf(other) === identityOf(moved));
      return twin ? { ...moved, props: mergedRelationProperties(twin.props, moved.props) } : moved;
    });
}

/** An edge carrying a claim about the dropped entity now carries it about the kept one. */
const claimedBy = (props: NodeProperties, drop: string, keep: string): NodeProperties =>
  props.claimSubject === drop ? { ...props, claimSubject: keep } : props;

/** The dropped entity's claims as the kept one's: a value both claim becomes one claim, its citations united. */
function movedClaims(snapshot: EntitySnapshot, keep: string, drop: string): NodeProperties[] {
  const keyOf = (claim: NodeProperties) => JSON.stringify([claim.property, claim.value]);
  const kept = new Map(snapshot.claims.filter((claim) => claim.subjectId === keep).map((claim) => [keyOf(claim), claim]));
  return snapshot.claims
    .filter((claim) => claim.subjectId === drop)
    .map((claim) => {
      const moved = { ...claim, subjectId: keep };
      const twin = kept.get(keyOf(claim));
      return twin ? mergedRelationProperties(twin, moved) : moved;
    });
}

export async function mergeEntities(
  db: QueryRunner,
  upkeep: GraphUpkeep,
  keep: string,
  drop: string,
  author: Author,
): Promise<MergeOutcome> {
  return db.writeTransaction(async (tx) => {
    await lockEntities(tx, [keep, drop]);
    const { kept, dropped } = await mergedPair(tx, keep, drop);
    const snapshot = await entitySnapshot(tx, [keep, drop]);
    const moved = movedRelationships(snapshot, keep, drop);
    const { redirected, after } = await rankingAround(
      tx,
      upkeep,
      [...endsOf(snapshot.relationships), { from: keep, to: drop }],
      async () => {
        const claims = movedClaims(snapshot, keep, drop);
        await setEntityProperties(tx, keep, mergedEntityProperties(kept, dropped));
        await writeRelationships(tx, moved);
        await writeClaims(tx, claims);
        await deleteClaimsOf(tx, drop);
        await deleteEntity(tx, drop);
        const redirected = await retargetRedirects(tx, drop, keep);
        await upkeep.markDisputes(
          tx,
          [...new Set(claims.map((claim) => claim.property as string))].map((property) => ({ subject: keep, property })),
        );
        const after = await entitySnapshot(tx, [keep]);
        return { result: { redirected, after }, endsAfter: endsOf(after.relationships), removed: [drop] };
      },
    );
    const before: MergeBefore = { keep, drop, redirected, ...snapshot };
    const change = await record(tx, author, 'MERGE_ENTITIES', [keep, drop], before, after);
    await createRedirect(tx, drop, keep, change.id);
    return { entity: entityFromNode(after.entities[0]!), movedRelations: endsOf(moved).length, change };
  });
}

export interface UnmergeOutcome {
  kept: EntityRecord;
  restored: EntityRecord;
  change: ChangeRecord;
}

/**
 * Undoes a merge from its Change: the kept entity, its relationships and claims are set back to
 * what the change's before holds, the dropped entity is created again with its own, and the
 * redirects are put back. Exact, so refused (CONFLICT) when the kept entity is no longer what the
 * merge left (its after): a later change would otherwise be lost silently.
 */
export async function unmerge(db: QueryRunner, upkeep: GraphUpkeep, changeId: string, author: Author): Promise<UnmergeOutcome> {
  return db.writeTransaction(async (tx) => {
    const merge = await changeById(tx, changeId);
    if (!merge) throw new NotFoundError('change', changeId, 'change');
    if (merge.action !== 'MERGE_ENTITIES')
      throw new InvalidArgumentError('change', 'the id of a MERGE_ENTITIES change', `${changeId} (${merge.action})`);
    const before = merge.before as MergeBefore;
    const { keep, drop } = before;
    await lockEntities(tx, [keep]);
    if (!(await redirectOfChange(tx, changeId)))
      throw new ConflictError('change', `the merge ${changeId} was already undone, or "${drop}" was merged again since`);
    if ((await entityProperties(tx, [drop])).has(drop))
      throw new ConflictError('change', `an entity "${drop}" exists again since the merge: restoring the dropped entity would replace it`);
    const current = await entitySnapshot(tx, [keep]);
    if (canonicalJson(current) !== canonicalJson(merge.after)) {
      throw new ConflictError(
        'change',
        `the kept entity "${keep}" changed after the merge (its properties, relations or claims): unmerge restores exactly and would lose that change`,
      );
    }
    await rankingAround(tx, upkeep, endsOf(current.relationships), async () => {
      const byId = new Map(before.entities.map((props) => [props.id as string, props]));
      await deleteRelationshipsOf(tx, keep);
      await deleteClaimsOf(tx, keep);
      await setEntityProperties(tx, keep, byId.get(keep)!);
      await createEntity(tx, byId.get(drop)!);
      await writeRelationships(tx, before.relationships);
      await writeClaims(tx, before.claims);
      await deleteRedirect(tx, drop);
      await restoreRedirects(tx, before.redirected, drop);
      return { result: undefined, endsAfter: endsOf(before.relationships), removed: [keep, drop] };
    });
    const change = await record(tx, author, 'UNMERGE_ENTITIES', [keep, drop], merge.after, { undid: changeId, keep, drop });
    const restored = await entityProperties(tx, [keep, drop]);
    return { kept: entityFromNode(restored.get(keep)!), restored: entityFromNode(restored.get(drop)!), change };
  });
}
