/** Relations as one source states them, a row each, and the statement that MERGEs a batch of them as edges. */
import type { WriteTransaction } from '../core/db/database';
import type { BundleRelation } from './bundle';
import { appendCitations, citedQuotes, fillQuoteTranslations, quoteTranslationTexts } from './citations';

export type RelationRow = ReturnType<typeof relationRow>;

export function relationRow(relation: BundleRelation) {
  return {
    type: relation.type,
    from: relation.from,
    to: relation.to,
    // One edge per (from, type, to, role): the same fact from two sources gains a citation, not a twin.
    key: relation.role ?? '',
    role: relation.role ?? null,
    start: relation.start ?? null,
    end: relation.end ?? null,
    claimSubject: relation.claim?.subject ?? null,
    claimProperty: relation.claim?.property ?? null,
    quotes: citedQuotes(relation.quotes),
    translations: quoteTranslationTexts(relation.quotes, relation.translations),
    note: relation.note ?? null,
  };
}

export async function writeRelationBatch(tx: WriteTransaction, sourceId: string, batch: readonly RelationRow[]): Promise<void> {
  await tx.run(
    `UNWIND $relations AS rel
     MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to}), (s:Source {id: $sourceId})
     MERGE (a)-[:MENTIONED_IN]->(s)
     MERGE (b)-[:MENTIONED_IN]->(s)
     MERGE (a)-[r:$(rel.type) {key: rel.key}]->(b)
     ON CREATE SET r.sourceIds = [], r.quotes = []
     SET r.role = coalesce(r.role, rel.role), r.start = coalesce(r.start, rel.start), r.end = coalesce(r.end, rel.end),
         r.claimSubject = coalesce(r.claimSubject, rel.claimSubject), r.claimProperty = coalesce(r.claimProperty, rel.claimProperty),
         r.disputed = coalesce(r.disputed, false)
     WITH r, rel.quotes AS quotes, rel.note AS note, rel.translations AS translations
     ${appendCitations('r', 'quotes, translations, ')}
     ${fillQuoteTranslations('r')}`,
    { relations: batch, sourceId },
  );
}
