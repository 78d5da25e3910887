/** Equality of runners' answers, and a readable diff when they differ. */
import { compareText } from '../src/core/model/ordering';

/** JSON with object keys sorted, so key order never counts as a difference. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareText(a, b)))
      : v,
  );
}

/** Up to `max` paths where `a` and `b` differ, each with both values (shortened). */
export function diff(a: unknown, b: unknown, path = '$', out: string[] = [], max = 15): string[] {
  if (out.length >= max) return out;
  const show = (v: unknown) => {
    const text = canonical(v) ?? 'undefined';
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length) && out.length < max; i++) diff(a[i], b[i], `${path}[${i}]`, out, max);
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) diff((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out, max);
    return out;
  }
  if (canonical(a) !== canonical(b)) out.push(`${path}: ${show(a)} vs ${show(b)}`);
  return out;
}
