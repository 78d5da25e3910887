/** How the read path answers entity trees: what the registry's resolvers and every feature that compiles a selection read. */
export interface ReadOptions {
  /**
   * Relation levels compiled into the one statement of node(id) or of a list page (agency →
   * memoranda → parties → country is 3). Deeper levels load through the DataLoaders, one
   * statement per level; 0 turns compilation off, every level then loads through them.
   * Default 4: the depth of the documented queries, while a deeper tree's repeated far ends
   * (the same country under every party) cannot multiply inside one transaction.
   */
  compiledLevels: number;
}

export const defaultReadOptions: ReadOptions = { compiledLevels: 4 };
