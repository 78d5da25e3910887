import { compareText } from './ordering';

/**
 * JSON with object keys sorted at every level (in compareText's order) and undefined members left
 * out: the same content always gives the same text. Dataset hashes, cursor scopes and the history's
 * snapshot comparisons all rest on it, so its output must not change.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
    return `{${entries
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
