/** Strings in Cypher's order (UTF-16 code units, like ORDER BY), not the locale's: Node and Neo4j sort alike. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
