/**
 * Merge and unmerge: one entity takes over another's citations, relations and claims, and a
 * merge is undone exactly, each in one write transaction with its Change (see writes.ts).
 */
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../core/errors';
import { canonicalJson } from '../../core/model/canonical-json';
import type { EntityRecord } from '../../core/model/records';
import { entityFromNode, versionOf, type NodeProperties } from '../../core/model/storage';
import { changeById, type ChangeRecord } from '../audit/audit.repository';
import {
  createEntity,
  createRedirect,
  deleteClaimsOf,
  deleteEntity,
  deleteRedirect,
  deleteRelationshipsOf,
  entityProperties,
  entitySnapshot,
  lockEntities,
  missingEntity,
  redirectOfChange,
  restoreRedirects,
  retargetRedirects,
  setEntityProperties,
  writeClaims,
  writeRelationships,
  type EntitySnapshot,
  type StoredRelationship,
} from './history.repository';
import { mergedEntityProperties, mergedRelationProperties } from './statements';
import { endsOf, rankingAround, record, type Author, type GraphUpkeep } from './writes';

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
  // Read after the locks: an entity a concurrent merge took away is gone, and its redirect says where.
  if (!kept) throw await missingEntity(tx, 'keep', keep);
  if (!dropped) throw await missingEntity(tx, 'drop', drop);
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
 * What a snapshot states, without the entities' versions: undoing a later merge first gives the
 * kept entity back the content this merge left, at a higher version than it had then.
 */
const contentOf = (snapshot: EntitySnapshot): EntitySnapshot => ({
  ...snapshot,
  entities: snapshot.entities.map((props) => Object.fromEntries(Object.entries(props).filter(([key]) => key !== 'version'))),
});

/**
 * Undoes a merge from its Change: the kept entity, its relationships and claims are set back to
 * what the change's before holds, the dropped entity is created again with its own, and the
 * redirects are put back. Exact, so refused (CONFLICT) when the kept entity is no longer what the
 * merge left (its after): a later change would otherwise be lost silently. Versions only grow:
 * the kept entity is one past its merged version, the restored one one past its version then.
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
    if (canonicalJson(contentOf(current)) !== canonicalJson(contentOf(merge.after as EntitySnapshot))) {
      throw new ConflictError(
        'change',
        `the kept entity "${keep}" changed after the merge (its properties, relations or claims): unmerge restores exactly and would lose that change`,
      );
    }
    await rankingAround(tx, upkeep, endsOf(current.relationships), async () => {
      const byId = new Map(before.entities.map((props) => [props.id as string, props]));
      await deleteRelationshipsOf(tx, keep);
      await deleteClaimsOf(tx, keep);
      // Each back as it was, at a version it never had: a version names one state, so no client's
      // expectedVersion read before the unmerge can match what it restored.
      await setEntityProperties(tx, keep, { ...byId.get(keep)!, version: versionOf(current.entities[0]!) + 1 });
      if (!(await createEntity(tx, { ...byId.get(drop)!, version: versionOf(byId.get(drop)!) + 1 })))
        throw new ConflictError(
          'change',
          `an entity "${drop}" was created while the unmerge ran: restoring the dropped entity would replace it`,
        );
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
