import type { WriteTransaction } from '../core/db/database';
import type { ClaimKey } from './claim-rows';
import { defaultBatchSize, inBatches } from './write-batches';

/**
 * Recomputes whether each (subject, property) is disputed: two claimed values that cannot both
 * be true. Dates differ only when neither is a coarser form of the other; quantities only when
 * their intervals do not meet (quantityBounds); other values when they differ. Marks the claims
 * and the edges that carry one of them.
 */
export async function markDisputes(tx: WriteTransaction, keys: ClaimKey[], batchSize = defaultBatchSize): Promise<void> {
  const unique = [...new Map(keys.map((key) => [`${key.subject}\u0000${key.property}`, key])).values()];
  await inBatches(unique, batchSize, (batch) =>
    tx.run(
      `UNWIND $keys AS key
     MATCH (c:Claim {subjectId: key.subject, property: key.property})
     WITH key, collect(c) AS claims
     WITH key, claims, any(a IN claims WHERE any(b IN claims WHERE a.value <> b.value AND
       CASE
         WHEN a.kind = 'date' AND b.kind = 'date' THEN NOT a.value STARTS WITH b.value AND NOT b.value STARTS WITH a.value
         // Disjoint when one interval ends below where the other starts (an open end excludes its bound).
         WHEN a.kind = 'quantity' AND b.kind = 'quantity' THEN
           a.low IS NOT NULL AND b.high IS NOT NULL AND (a.low > b.high OR (a.low = b.high AND (a.lowOpen OR b.highOpen)))
           OR b.low IS NOT NULL AND a.high IS NOT NULL AND (b.low > a.high OR (b.low = a.high AND (b.lowOpen OR a.highOpen)))
         ELSE true
       END)) AS disputed
     FOREACH (c IN claims | SET c.disputed = disputed)
     WITH key, disputed
     CALL (key, disputed) {
       MATCH (:Entity {id: key.subject})-[r]-(:Entity)
       WHERE r.claimSubject = key.subject AND r.claimProperty = key.property
       SET r.disputed = disputed
     }`,
      { keys: batch },
    ),
  );
}
