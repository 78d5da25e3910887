/**
 * The bundle an import sends: the draft's source with the accepted entities (new ones only: a
 * matched entity is already in the graph, and relations name it by its id) and the accepted
 * relations whose two ends are there, each as edited. A relation that uses a rejected entity is
 * dropped, one that uses an undecided entity waits; both are listed with the reason, for the page
 * to say so. Claims and stated quantities follow their subject the same way.
 */
import type { Bundle, BundleEntity, BundleRelation, Draft, SubjectStatement } from './draft';
import { idPrefixes, slugOf } from './model-types';
import type { EntityItem, RelationItem, ReviewItems } from './review-items';

/** An end of a relation: the id it takes in the bundle, or why it has none. */
export type ResolvedEnd = { id: string } | { blocked: 'rejected' | 'undecided'; name: string };

export interface Assembled {
  bundle: Bundle;
  /** What each entry came from, aligned with bundle.entities and bundle.relations (to name a problem's JSON path). */
  entityItems: EntityItem[];
  relationItems: RelationItem[];
  /** The id each accepted entity item takes in the graph, by item key. */
  idOf: Map<string, string>;
  /** Relations left out although accepted, or because an end was rejected, with the reason. */
  dropped: { item: RelationItem; why: string }[];
  /** Claims and quantities left out with their subject. */
  droppedStatements: string[];
}

/** Ids for the accepted items: the match, the draft's proposed id, or a new one when the type changed or the match was undone. */
function acceptedIds(items: ReviewItems): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const item of items.entities.filter((e) => e.decision === 'accepted')) {
    if (item.matchedId) {
      ids.set(item.key, item.matchedId);
      continue;
    }
    const proposed = item.proposed;
    const slug = proposed ? proposed.id.slice(proposed.id.indexOf(':') + 1) : slugOf(item.name);
    const base = proposed && proposed.type === item.type ? proposed.id : `${idPrefixes[item.type] ?? 'entity'}:${slug}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(item.key, id);
  }
  return ids;
}

/** The id a draft id takes: an accepted item's (any of the mentions matched to it), else why not; an id no item holds is an existing entity. */
export function resolveEnd(items: ReviewItems, idOf: Map<string, string>, draftId: string): ResolvedEnd {
  const holders = items.entities.filter((item) => item.draftId === draftId);
  if (holders.length === 0) return { id: draftId };
  const accepted = holders.find((item) => item.decision === 'accepted');
  if (accepted) return { id: idOf.get(accepted.key)! };
  const undecided = holders.find((item) => item.decision === 'undecided');
  return undecided ? { blocked: 'undecided', name: undecided.name } : { blocked: 'rejected', name: holders[0]!.name };
}

function bundleEntity(item: EntityItem, id: string): BundleEntity {
  const proposed = item.proposed;
  const quotes = proposed && proposed.quotes.length > 0 ? proposed.quotes : item.candidate.quote ? [item.candidate.quote] : [];
  const entity: BundleEntity = { ...proposed, id, type: item.type, name: item.name.trim(), quotes };
  // Attributes belong to a type (a memorandum's signing date): a new type starts without them.
  if (proposed && proposed.type !== item.type) delete entity.attributes;
  return entity;
}

function bundleRelation(item: RelationItem, from: string, to: string): BundleRelation {
  const relation: BundleRelation = { ...item.proposed, type: item.type, from, to };
  if (item.role.trim()) relation.role = item.role.trim();
  else delete relation.role;
  if (item.start) relation.start = item.start;
  else delete relation.start;
  if (relation.claim) {
    const subject =
      relation.claim.subject === item.proposed.from ? from : relation.claim.subject === item.proposed.to ? to : relation.claim.subject;
    relation.claim = { ...relation.claim, subject };
  }
  return relation;
}

/** Why a relation is left out, or null when it goes in with these ends. */
function whyDropped(item: RelationItem, from: ResolvedEnd, to: ResolvedEnd): string | null {
  const rejected = [from, to].find((end) => 'blocked' in end && end.blocked === 'rejected');
  if (rejected && 'blocked' in rejected) return `dropped: it uses "${rejected.name}", which is rejected`;
  if (item.decision !== 'accepted') return null;
  const waiting = [from, to].find((end) => 'blocked' in end);
  if (waiting && 'blocked' in waiting) return `not imported: "${waiting.name}" is not accepted yet`;
  return null;
}

function relations(items: ReviewItems, idOf: Map<string, string>, assembled: Assembled): BundleRelation[] {
  const kept: BundleRelation[] = [];
  for (const item of items.relations) {
    const from = resolveEnd(items, idOf, item.from);
    const to = resolveEnd(items, idOf, item.to);
    const why = whyDropped(item, from, to);
    if (why) assembled.dropped.push({ item, why });
    if (why || item.decision !== 'accepted' || !('id' in from) || !('id' in to)) continue;
    kept.push(bundleRelation(item, from.id, to.id));
    assembled.relationItems.push(item);
  }
  return kept;
}

function statements(
  list: SubjectStatement[] | undefined,
  what: string,
  resolve: (draftId: string) => ResolvedEnd,
  dropped: string[],
): SubjectStatement[] | undefined {
  if (!list) return undefined;
  return list.flatMap((statement) => {
    const subject = resolve(statement.subject);
    if ('id' in subject) return [{ ...statement, subject: subject.id }];
    dropped.push(
      `A ${what} about "${subject.name}" is left out: "${subject.name}" is ${subject.blocked === 'rejected' ? 'rejected' : 'not accepted yet'}.`,
    );
    return [];
  });
}

export function assemble(draft: Draft, items: ReviewItems): Assembled {
  const idOf = acceptedIds(items);
  const accepted = items.entities.filter((item) => item.decision === 'accepted' && !item.matchedId);
  const assembled: Assembled = { bundle: draft.bundle, entityItems: accepted, relationItems: [], idOf, dropped: [], droppedStatements: [] };
  const resolve = (draftId: string) => resolveEnd(items, idOf, draftId);
  const bundle: Bundle = {
    ...draft.bundle,
    entities: accepted.map((item) => bundleEntity(item, idOf.get(item.key)!)),
    relations: relations(items, idOf, assembled),
  };
  const claims = statements(draft.bundle.claims, 'claim', resolve, assembled.droppedStatements);
  const quantities = statements(draft.bundle.quantities, 'stated quantity', resolve, assembled.droppedStatements);
  if (claims) bundle.claims = claims;
  if (quantities) bundle.quantities = quantities;
  assembled.bundle = bundle;
  return assembled;
}

/** The JSON path of a server-side problem as words: /relations/2/quotes/0 names the relation it is in. */
export function problemPlace(assembled: Assembled, path: string): string {
  const match = /^\/(entities|relations)\/(\d+)/.exec(path);
  if (!match) return path || 'the bundle';
  const index = Number(match[2]);
  const item = match[1] === 'entities' ? assembled.entityItems[index] : assembled.relationItems[index];
  const label = item ? (item.kind === 'ENTITY' ? item.name : item.candidate.label) : '';
  return label ? `${path} ("${label}")` : path;
}
