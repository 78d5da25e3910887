/**
 * What the editor decides, one item per candidate: accept, reject or leave undecided, and the
 * edits (an entity's name, type or match; a relation's type, ends, role and date). Built from a
 * draft; every entity and relation of the draft's bundle gets an item, with a candidate or
 * without one (then it is listed as it stands). Pure: the page renders items, assemble.ts turns
 * them into the bundle that is imported.
 */
import type { BundleEntity, BundleRelation, Draft, DraftCandidate } from './draft';
import { typeOfId } from './model-types';

export type Decision = 'undecided' | 'accepted' | 'rejected';

export interface EntityItem {
  kind: 'ENTITY';
  /** The item's key on the page (e0, e1...). */
  key: string;
  candidate: DraftCandidate;
  /** The id the draft's relations use for it: the matched entity's, else the proposed one's. */
  draftId: string;
  /** The draft's proposed entity; null when the draft matched an existing one. */
  proposed: BundleEntity | null;
  decision: Decision;
  name: string;
  type: string;
  /** The existing entity it stands for, or null: a new entity. */
  matchedId: string | null;
  matchedName: string | null;
}

export interface RelationItem {
  kind: 'RELATION';
  key: string;
  candidate: DraftCandidate;
  proposed: BundleRelation;
  decision: Decision;
  type: string;
  /** Ends as draft ids (an entity item's draftId, or an existing entity the draft names). */
  from: string;
  to: string;
  role: string;
  /** A partial date (YYYY, YYYY-MM, YYYY-MM-DD) or ''. */
  start: string;
}

export interface ReviewItems {
  entities: EntityItem[];
  relations: RelationItem[];
  /** Candidates that name nothing in the bundle: shown, never imported. */
  unplaced: string[];
}

const withoutCandidate = 'In the draft without a candidate: check it as it stands.';

function entityCandidate(entity: BundleEntity): DraftCandidate {
  const quote = entity.quotes[0] ?? null;
  return {
    kind: 'ENTITY',
    ref: entity.id,
    label: entity.name,
    confidence: Number.NaN,
    reason: withoutCandidate,
    matchedId: null,
    quote,
    start: null,
    end: null,
  };
}

function relationCandidate(relation: BundleRelation, index: number): DraftCandidate {
  const quote = relation.quotes[0] ?? null;
  const label = `${relation.from} ${relation.type} ${relation.to}`;
  return {
    kind: 'RELATION',
    ref: String(index),
    label,
    confidence: Number.NaN,
    reason: withoutCandidate,
    matchedId: null,
    quote,
    start: null,
    end: null,
  };
}

function entityItem(candidate: DraftCandidate, proposed: BundleEntity | null, key: string): EntityItem {
  const matchedId = proposed ? null : candidate.matchedId;
  return {
    kind: 'ENTITY',
    key,
    candidate,
    draftId: candidate.matchedId ?? candidate.ref,
    proposed,
    decision: 'undecided',
    name: proposed?.name ?? candidate.label,
    type: proposed?.type ?? typeOfId(candidate.matchedId ?? candidate.ref) ?? 'Agency',
    matchedId,
    matchedName: matchedId ? candidate.label : null,
  };
}

function relationItem(candidate: DraftCandidate, proposed: BundleRelation, key: string): RelationItem {
  return {
    kind: 'RELATION',
    key,
    candidate,
    proposed,
    decision: 'undecided',
    type: proposed.type,
    from: proposed.from,
    to: proposed.to,
    role: proposed.role ?? '',
    start: proposed.start ?? '',
  };
}

function entityItems(draft: Draft, unplaced: string[]): EntityItem[] {
  const items: EntityItem[] = [];
  const covered = new Set<string>();
  for (const candidate of draft.candidates.filter((c) => c.kind === 'ENTITY')) {
    const proposed = draft.bundle.entities.find((entity) => entity.id === candidate.ref) ?? null;
    if (!proposed && !candidate.matchedId) {
      unplaced.push(`"${candidate.label}": its ref ${candidate.ref} is not in the bundle and it has no match`);
      continue;
    }
    if (proposed) covered.add(proposed.id);
    items.push(entityItem(candidate, proposed, `e${items.length}`));
  }
  for (const entity of draft.bundle.entities.filter((e) => !covered.has(e.id)))
    items.push(entityItem(entityCandidate(entity), entity, `e${items.length}`));
  return items;
}

function relationItems(draft: Draft, unplaced: string[]): RelationItem[] {
  const items: RelationItem[] = [];
  const covered = new Set<number>();
  for (const candidate of draft.candidates.filter((c) => c.kind === 'RELATION')) {
    const index = Number(candidate.ref);
    const proposed = Number.isInteger(index) ? draft.bundle.relations[index] : undefined;
    if (!proposed || covered.has(index)) {
      unplaced.push(`"${candidate.label}": relation ${candidate.ref} is not in the bundle`);
      continue;
    }
    covered.add(index);
    items.push(relationItem(candidate, proposed, `r${items.length}`));
  }
  draft.bundle.relations.forEach((relation, index) => {
    if (!covered.has(index)) items.push(relationItem(relationCandidate(relation, index), relation, `r${items.length}`));
  });
  return items;
}

export function reviewItems(draft: Draft): ReviewItems {
  const unplaced: string[] = [];
  return { entities: entityItems(draft, unplaced), relations: relationItems(draft, unplaced), unplaced };
}

/** The entity item the draft id stands for (the first, when two mentions were matched to one entity). */
export function itemOfDraftId(items: ReviewItems, draftId: string): EntityItem | undefined {
  return items.entities.find((item) => item.draftId === draftId);
}

/** Every draft id a relation end may take: each entity item's, then the existing entities the draft's relations name. */
export function endChoices(items: ReviewItems): string[] {
  const ids = new Set(items.entities.map((item) => item.draftId));
  for (const relation of items.relations) [relation.proposed.from, relation.proposed.to].forEach((id) => ids.add(id));
  return [...ids];
}
