/** Neo4j's values as plain JSON-like ones: what every row the Database returns holds. */
import neo4j from 'neo4j-driver';

/** Converts driver values (Integer, Node, temporal types) into plain JSON-like values. */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value as object) || neo4j.isDateTime(value as object)) return String(value);
  // In place: the driver built these arrays and maps for this result alone, and a large answer
  // (a compiled tree of thousands of entities) should not be copied once more.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
  return map;
}
