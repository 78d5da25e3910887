/**
 * Cypher for retraction and merges. A retracted statement leaves the live graph in the
 * retraction's own transaction and is kept as a (:Retracted) archive node with who, when, why
 * and its full properties (JSON): every read of the live graph stays as it is, with no
 * `WHERE NOT retracted` on any pattern, and only reads asking for retracted statements look at
 * the archive. A merge leaves a (:Redirect {from, to, changeId}) in place of the dropped entity.
 *
 *   (:Retracted {kind: 'RELATION', relationId, type, fromId, toId, key, props, by, at, reason, changeId})
 *   (:Retracted {kind: 'CITATION', ownerId, props, by, at, reason, changeId})  ownerId: a relation or entity id
 */
import type { QueryRunner, WriteTransaction } from '../../core/db/database';
import { MergedAwayError, NotFoundError } from '../../core/errors';
import { canonicalJson } from '../../core/model/canonical-json';
import { compareText } from '../../core/model/ordering';
import { relationId, type RelationIdentity } from '../../core/model/relation-ids';
import type { CitationRecord, RelationRecord, RetractionRecord } from '../../core/model/records';
import { citationsOf, relationFromRow, type NodeProperties, type RelationRow } from '../../core/model/storage';

/** A relationship as a snapshot keeps it: enough to create it again exactly. */
export interface StoredRelationship {
  type: string;
  fromId: string;
  toId: string;
  props: NodeProperties;
}

/** Entities, every relationship touching them and their claims, as stored: what a merge records and unmerge restores. */
export interface EntitySnapshot {
  entities: NodeProperties[];
  relationships: StoredRelationship[];
  claims: NodeProperties[];
}

/** Links from an entity to the sources that mention it: the one relationship type whose far end is no entity. */
export const mentionType = 'MENTIONED_IN';

const retractionOf = (props: NodeProperties): RetractionRecord => ({
  by: props.by as string,
  at: props.at as string,
  reason: props.reason as string,
  changeId: props.changeId as string,
});

/** Reads of the archive and the redirects. */
export class HistoryRepository {
  constructor(private readonly db: QueryRunner) {}

  /** For each entity id, the retracted relations that touched it, newest retraction first. */
  async retractedRelationsOf(ids: readonly string[]): Promise<RelationRecord[][]> {
    const rows = await this.db.read(
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (x:Retracted {kind: 'RELATION', fromId: id}) RETURN x
         UNION
         MATCH (x:Retracted {kind: 'RELATION', toId: id}) RETURN x
       }
       WITH id, x ORDER BY x.at DESC, x.changeId
       RETURN id, collect(properties(x)) AS archived`,
      { ids: [...new Set(ids)] },
    );
    const byId = new Map(rows.map((row) => [row.id as string, (row.archived as NodeProperties[]).map(retractedRelation)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /** For each relation or entity id, the citations retracted from it, oldest first. */
  async retractedCitationsOf(ownerIds: readonly string[]): Promise<CitationRecord[][]> {
    const rows = await this.db.read(
      `MATCH (x:Retracted {kind: 'CITATION'}) WHERE x.ownerId IN $ids
       WITH x ORDER BY x.at, x.changeId
       RETURN x.ownerId AS id, collect(properties(x)) AS archived`,
      { ids: [...new Set(ownerIds)] },
    );
    const byId = new Map(rows.map((row) => [row.id as string, (row.archived as NodeProperties[]).map(retractedCitation)]));
    return ownerIds.map((id) => byId.get(id) ?? []);
  }
}

function retractedRelation(props: NodeProperties): RelationRecord {
  const row: RelationRow = {
    type: props.type as string,
    fromId: props.fromId as string,
    toId: props.toId as string,
    props: JSON.parse(props.props as string) as NodeProperties,
  };
  return { ...relationFromRow(row), retracted: retractionOf(props) };
}

function retractedCitation(props: NodeProperties): CitationRecord {
  return { ...citationsOf(JSON.parse(props.props as string) as NodeProperties)[0]!, retracted: retractionOf(props) };
}

/** Who retracts, when and why: the Change recorded for it gives the time and the id. */
export interface RetractionInput {
  by: string;
  at: string;
  reason: string;
  changeId: string;
}

/** The live relationship with this identity, or null. */
export async function findRelation(tx: WriteTransaction, identity: RelationIdentity): Promise<StoredRelationship | null> {
  const rows = await tx.run(
    `MATCH (:Entity {id: $fromId})-[r {key: $key}]->(:Entity {id: $toId}) WHERE type(r) = $type
     RETURN properties(r) AS props`,
    { ...identity },
  );
  return rows[0] ? { type: identity.type, fromId: identity.fromId, toId: identity.toId, props: rows[0].props as NodeProperties } : null;
}

/** Deletes the live relationship and archives it whole, with its retraction; returns it as a retracted record. */
export async function archiveRelation(
  tx: WriteTransaction,
  identity: RelationIdentity,
  relation: StoredRelationship,
  retraction: RetractionInput,
): Promise<RelationRecord> {
  const rows = await tx.run(
    `MATCH (:Entity {id: $fromId})-[r {key: $key}]->(:Entity {id: $toId}) WHERE type(r) = $type
     DELETE r
     CREATE (x:Retracted {kind: 'RELATION', relationId: $relationId, type: $type, fromId: $fromId, toId: $toId, key: $key,
                          props: $props, by: $by, at: $at, reason: $reason, changeId: $changeId})
     RETURN properties(x) AS x`,
    { ...identity, relationId: relationId(identity), props: JSON.stringify(relation.props), ...retraction },
  );
  return retractedRelation(rows[0]!.x as NodeProperties);
}

/** Archives citations (one property map each, as singleCitations gives them) retracted from `ownerId`. */
export async function archiveCitations(
  tx: WriteTransaction,
  ownerId: string,
  citations: NodeProperties[],
  retraction: RetractionInput,
): Promise<CitationRecord[]> {
  const rows = await tx.run(
    `UNWIND $citations AS citation
     CREATE (x:Retracted {kind: 'CITATION', ownerId: $ownerId, props: citation, by: $by, at: $at, reason: $reason, changeId: $changeId})
     RETURN properties(x) AS x`,
    { ownerId, citations: citations.map((citation) => JSON.stringify(citation)), ...retraction },
  );
  return rows.map((row) => retractedCitation(row.x as NodeProperties));
}

/** Sets a relationship's citation arrays (null removes an array). */
export async function setRelationCitations(tx: WriteTransaction, identity: RelationIdentity, citations: NodeProperties): Promise<void> {
  await tx.run(
    `MATCH (:Entity {id: $fromId})-[r {key: $key}]->(:Entity {id: $toId}) WHERE type(r) = $type
     SET r += $citations`,
    { ...identity, citations },
  );
}

/**
 * Takes the write locks of these entities, in id order (two writers locking the same pair never
 * wait on each other crosswise), held until the transaction ends: what a write reads after this
 * no concurrent write (an updateEntity, another merge) can change before it commits. Read them
 * in a later statement, never in this one: a lock waited for may be released by a merge that
 * deleted the node, whose properties this statement would then see as empty.
 */
export async function lockEntities(tx: WriteTransaction, ids: readonly string[]): Promise<void> {
  await tx.run('MATCH (n:Entity) WHERE n.id IN $ids WITH n ORDER BY n.id SET n._lock = true REMOVE n._lock', { ids: [...new Set(ids)] });
}

/**
 * Why a write found no entity `id` (read after its lock, so a merge that raced it has committed):
 * merged away (NOT_FOUND with the kept entity's id, from the redirect), or never there.
 */
export async function missingEntity(tx: WriteTransaction, argument: string, id: string): Promise<NotFoundError> {
  const rows = await tx.run('MATCH (r:Redirect {from: $id}) RETURN r.to AS to', { id });
  const mergedInto = rows[0]?.to as string | undefined;
  return mergedInto === undefined ? new NotFoundError(argument, id) : new MergedAwayError(argument, id, mergedInto);
}

/** An entity's stored properties, or null. */
export async function entityProperties(tx: WriteTransaction, ids: readonly string[]): Promise<Map<string, NodeProperties>> {
  const rows = await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN properties(n) AS n', { ids: [...ids] });
  return new Map(rows.map((row) => [(row.n as NodeProperties).id as string, row.n as NodeProperties]));
}

/** Sets an entity's citation arrays (null removes an array). */
export async function setEntityCitations(tx: WriteTransaction, id: string, citations: NodeProperties): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n += $citations', { id, citations });
}

const inCanonicalOrder = <T>(items: T[]): T[] =>
  items
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => compareText(a, b))
    .map(([, item]) => item);

/** The entities, every relationship touching them (each once) and their claims, in a stable order. */
export async function entitySnapshot(tx: WriteTransaction, ids: readonly string[]): Promise<EntitySnapshot> {
  const entities = await entityProperties(tx, ids);
  const relationships = await tx.run(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})-[r]-()
     WITH DISTINCT r
     RETURN type(r) AS type, startNode(r).id AS fromId, endNode(r).id AS toId, properties(r) AS props`,
    { ids: [...ids] },
  );
  const claims = await tx.run('MATCH (c:Claim) WHERE c.subjectId IN $ids RETURN properties(c) AS c', { ids: [...ids] });
  return {
    entities: inCanonicalOrder([...entities.values()]),
    relationships: inCanonicalOrder(relationships as unknown as StoredRelationship[]),
    claims: inCanonicalOrder(claims.map((row) => row.c as NodeProperties)),
  };
}

/** Creates relationships between existing entities (and, for mentions, sources), or merges each onto its twin: its properties become `props`. */
export async function writeRelationships(tx: WriteTransaction, relationships: readonly StoredRelationship[]): Promise<void> {
  const mentions = relationships.filter((relationship) => relationship.type === mentionType);
  const edges = relationships.filter((relationship) => relationship.type !== mentionType);
  if (edges.length > 0) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
       MERGE (a)-[r:$(row.type) {key: row.props.key}]->(b)
       SET r = row.props`,
      { rows: edges },
    );
  }
  if (mentions.length > 0) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.fromId}), (s:Source {id: row.toId})
       MERGE (a)-[r:${mentionType}]->(s)
       SET r = row.props`,
      { rows: mentions },
    );
  }
}

/** Claims as given: replaces any claim with the same (subject, property, value). */
export async function writeClaims(tx: WriteTransaction, claims: readonly NodeProperties[]): Promise<void> {
  if (claims.length === 0) return;
  await tx.run(
    `UNWIND $claims AS claim
     MERGE (c:Claim {subjectId: claim.subjectId, property: claim.property, value: claim.value})
     SET c = claim`,
    { claims },
  );
}

export async function deleteClaimsOf(tx: WriteTransaction, subjectId: string): Promise<void> {
  await tx.run('MATCH (c:Claim {subjectId: $subjectId}) DELETE c', { subjectId });
}

/** Replaces an entity's properties (its labels stay). */
export async function setEntityProperties(tx: WriteTransaction, id: string, props: NodeProperties): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n = $props', { id, props });
}

/**
 * Creates an entity; false when its id was taken meanwhile: a create of the same id that had not
 * committed when this write checked, and did while this one waited on the id's uniqueness.
 */
export async function createEntity(tx: WriteTransaction, props: NodeProperties): Promise<boolean> {
  try {
    await tx.run('CREATE (n:Entity) SET n = $props, n:$($props.type)', { props });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return false;
    throw error;
  }
}

export async function deleteEntity(tx: WriteTransaction, id: string): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
}

export async function deleteRelationshipsOf(tx: WriteTransaction, id: string): Promise<void> {
  await tx.run('MATCH (:Entity {id: $id})-[r]-() DELETE r', { id });
}

/** Points the redirects to `from` at `to` instead (an earlier merge into the entity now merged away); returns the ids they redirect. */
export async function retargetRedirects(tx: WriteTransaction, from: string, to: string): Promise<string[]> {
  const rows = await tx.run('MATCH (r:Redirect {to: $from}) SET r.to = $to RETURN collect(r.from) AS ids', { from, to });
  return (rows[0]?.ids as string[] | undefined) ?? [];
}

/** Points these redirects back at `to` (unmerge of a merge that retargeted them). */
export async function restoreRedirects(tx: WriteTransaction, ids: readonly string[], to: string): Promise<void> {
  if (ids.length > 0) await tx.run('MATCH (r:Redirect) WHERE r.from IN $ids SET r.to = $to', { ids: [...ids], to });
}

export async function createRedirect(tx: WriteTransaction, from: string, to: string, changeId: string): Promise<void> {
  // MERGE: an id merged away, created again by an import and merged again keeps one redirect.
  await tx.run('MERGE (r:Redirect {from: $from}) SET r.to = $to, r.changeId = $changeId', { from, to, changeId });
}

/** The redirect a merge left, or null once it was undone. */
export async function redirectOfChange(tx: WriteTransaction, changeId: string): Promise<{ from: string; to: string } | null> {
  const rows = await tx.run('MATCH (r:Redirect {changeId: $changeId}) RETURN r.from AS from, r.to AS to', { changeId });
  return (rows[0] as { from: string; to: string } | undefined) ?? null;
}

export async function deleteRedirect(tx: WriteTransaction, from: string): Promise<void> {
  await tx.run('MATCH (r:Redirect {from: $from}) DELETE r', { from });
}
