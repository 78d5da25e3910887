/**
 * What "disputed" means wherever items are counted: the dashboard (Query.stats), facets and
 * group-by (AnalyticsDimension.DISPUTED). One definition, so the same items are counted as
 * disputed whichever of them is asked (docs/explanation/provenance-and-disputes.md):
 *
 * - an item (an entity: a memorandum, a training, a centre...) is disputed when sources give
 *   competing values for something about it: a Claim whose subject it is is marked disputed
 *   (ingest/disputes.ts decides that: two dates neither of which is a coarser form of the other,
 *   two figures whose intervals do not meet, two other values that differ). Its date, its
 *   parties, its recipients, its model, a figure: whatever the claim is about.
 * - a relation is disputed when it is one source's answer to such a question (the edge carries
 *   the disputed claim's subject and property: Relation.disputed).
 *
 * An item counted under several keys (every country a memorandum reaches) is disputed under each
 * or under none: being disputed is the item's, not the way it was counted.
 */

/** Cypher: true when the item bound to `e` is disputed. An index seek on the claims' subject (claim_subject), no scan. */
export function itemDisputed(e: string): string {
  return `EXISTS { MATCH (dc:Claim {subjectId: ${e}.id}) WHERE dc.disputed }`;
}

/** Cypher: true when the relation bound to `r` is disputed. */
export function relationDisputed(r: string): string {
  return `coalesce(${r}.disputed, false)`;
}

/**
 * Cypher: the ids of every disputed item, one row each as `id`, found from the disputed claims
 * (few) rather than by testing every entity: what counts over the whole graph start from.
 */
export const disputedItemIds = 'MATCH (dc:Claim) WHERE dc.disputed RETURN DISTINCT dc.subjectId AS id';
