/** What a write did to the graph, counted per type: what an import reports to its caller. */

/** What a write did to one thing (GraphQL's ImportOutcome; not the audit trail's Change, which records a whole write). */
export type ImportOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface ChangeCount {
  /** An entity type (Agency) or a relation type (PARTY_TO). */
  type: string;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportChanges {
  source: ImportOutcome;
  entities: ChangeCount[];
  relations: ChangeCount[];
}

/** One count per type, types in alphabetical order. */
export function countChanges(items: readonly { type: string; change: ImportOutcome }[]): ChangeCount[] {
  const byType = new Map<string, ChangeCount>();
  for (const { type, change } of items) {
    const count = byType.get(type) ?? { type, created: 0, updated: 0, unchanged: 0 };
    if (change === 'CREATED') count.created++;
    else if (change === 'UPDATED') count.updated++;
    else count.unchanged++;
    byType.set(type, count);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** How a thing's stored state moved: none before is a creation, a different one an update. */
export function changeOf(before: string | null, after: string | null): ImportOutcome {
  if (before === null) return after === null ? 'UNCHANGED' : 'CREATED';
  return before === after ? 'UNCHANGED' : 'UPDATED';
}
