/**
 * Entity resolution for imported names: is "ASAN Service" an entity the graph already has?
 *
 * Rules, in order (the first that decides wins):
 *  1. Exact: the folded name (see graph/folding.ts, punctuation dropped) equals the folded name
 *     or an alias of exactly one entity of an allowed type. The name is also tried without a
 *     trailing remark in brackets ("Ulvi Mehdiyev (chairman)"), as the bracketed alternative
 *     itself ("State Agency (SAPSSI)") and with an inner bracket as a spelling variant of the
 *     word before it ("Ceyhun (Jeyhun) Salmanov" is also "Jeyhun Salmanov").
 *  2. Spelling variant (people only): every word has the same consonant skeleton, in the same
 *     order (Inam Karimov / Kerimov, Ceyhun / Jeyhun / Jayhun: Azerbaijani c is English j).
 *  3. Unsure: one name's words are a strict subset of the other's ("Ceyhun" and "Amanullah
 *     Ceyhun"). Never merged: the caller creates a separate entity and reports it.
 * Sharing a word is never enough: Amanullah Ceyhun, Ceyhun Bayramov and Ceyhun Salmanov are
 * three people. Two different entities matching the same name is unsure too.
 */
import { fold } from '../../core/model/folding';
import type { EntityTypeName } from '../../core/model/records';

export interface KnownEntity {
  id: string;
  type: EntityTypeName;
  name: string;
  aliases: string[];
}

export type Resolution =
  | { status: 'matched'; entity: KnownEntity; via: 'name' | 'spelling variant' }
  | { status: 'unsure'; candidates: KnownEntity[] }
  | { status: 'none' };

const stopwords = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'at', 'under', 'with', 'by']);

/** The match key: folded, punctuation and quotes dropped, a leading "the" dropped. */
export function matchKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

function words(key: string): string[] {
  return key.split(' ').filter((word) => word && !stopwords.has(word));
}

/** Consonant skeleton of one word: c read as j, vowels, y and h dropped, doubled letters once. */
export function skeleton(word: string): string {
  return word
    .replace(/c/g, 'j')
    .replace(/[aeiouyh]/g, '')
    .replace(/(.)\1+/g, '$1');
}

const titles =
  /^(?:(?:deputy|first|vice|chairman|chair|president|prime|minister|pm|ambassador|secretary|general|director|head|dr|mr|mrs|ms)\b[\s.-]*)+/i;

/** A name without leading titles ("Chairman Inam Karimov") or a trailing remark ("(chairman)"): what a new entity is called. */
export function cleanName(name: string): string {
  const cleaned = name
    .trim()
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(titles, '')
    .trim();
  return cleaned || name.trim();
}

/** The forms a written name may stand for: as written, without a trailing remark or leading titles, the bracketed alternative. */
export function nameVariants(name: string): string[] {
  const variants = new Set<string>([name.trim(), cleanName(name)]);
  const trailing = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(name.trim());
  if (trailing) {
    variants.add(trailing[1]!);
    for (const alternative of trailing[2]!.split(/[;,]/)) if (alternative.trim().length > 1) variants.add(alternative.trim());
  }
  const inner = /^(.*?)(\S+)\s*\(([^()]+)\)\s+(\S.*)$/.exec(name.trim());
  if (inner && !trailing) {
    variants.add(`${inner[1]}${inner[2]} ${inner[4]}`);
    variants.add(`${inner[1]}${inner[3]} ${inner[4]}`);
  }
  return [...variants].filter((variant) => matchKey(variant).length > 0);
}

export class EntityResolver {
  private readonly byKey = new Map<string, Map<string, KnownEntity>>();
  private readonly bySkeleton = new Map<string, Map<string, KnownEntity>>();
  private readonly entities = new Map<string, KnownEntity>();
  private readonly wordSets = new Map<string, Set<string>[]>();

  constructor(known: Iterable<KnownEntity> = []) {
    for (const entity of known) this.add(entity);
  }

  get(id: string): KnownEntity | undefined {
    return this.entities.get(id);
  }

  /** Makes an entity resolvable (existing ones, and those an import creates as it goes). */
  add(entity: KnownEntity): void {
    const existing = this.entities.get(entity.id);
    const merged = existing
      ? { ...existing, aliases: [...new Set([...existing.aliases, entity.name, ...entity.aliases])].filter((a) => a !== existing.name) }
      : entity;
    this.entities.set(entity.id, merged);
    for (const name of [entity.name, ...entity.aliases]) {
      const key = matchKey(name);
      if (!key) continue;
      if (!this.byKey.has(key)) this.byKey.set(key, new Map());
      this.byKey.get(key)!.set(entity.id, merged);
      const sets = this.wordSets.get(entity.id) ?? [];
      sets.push(new Set(words(key)));
      this.wordSets.set(entity.id, sets);
      if (entity.type === 'Person') {
        const skel = words(key).map(skeleton).join(' ');
        if (!this.bySkeleton.has(skel)) this.bySkeleton.set(skel, new Map());
        this.bySkeleton.get(skel)!.set(entity.id, merged);
      }
    }
  }

  resolve(name: string, types: readonly EntityTypeName[]): Resolution {
    const allowed = (entity: KnownEntity) => types.includes(entity.type);
    const variants = nameVariants(name);
    const exact = new Map<string, KnownEntity>();
    for (const variant of variants)
      for (const entity of this.byKey.get(matchKey(variant))?.values() ?? []) if (allowed(entity)) exact.set(entity.id, entity);
    if (exact.size === 1) return { status: 'matched', entity: [...exact.values()][0]!, via: 'name' };
    if (exact.size > 1) return { status: 'unsure', candidates: [...exact.values()] };

    if (types.includes('Person')) {
      const spelled = new Map<string, KnownEntity>();
      for (const variant of variants) {
        const tokens = words(matchKey(variant));
        if (tokens.length < 2 || tokens.some((token) => skeleton(token).length < 2)) continue;
        for (const entity of this.bySkeleton.get(tokens.map(skeleton).join(' '))?.values() ?? [])
          if (allowed(entity)) spelled.set(entity.id, entity);
      }
      if (spelled.size === 1) return { status: 'matched', entity: [...spelled.values()][0]!, via: 'spelling variant' };
      if (spelled.size > 1) return { status: 'unsure', candidates: [...spelled.values()] };
    }

    const candidates = new Map<string, KnownEntity>();
    for (const variant of variants) {
      const mine = new Set(words(matchKey(variant)));
      if (mine.size === 0) continue;
      for (const [id, sets] of this.wordSets) {
        const entity = this.entities.get(id)!;
        if (!allowed(entity)) continue;
        for (const theirs of sets) {
          if (theirs.size === 0 || theirs.size === mine.size) continue;
          const [small, large] = mine.size < theirs.size ? [mine, theirs] : [theirs, mine];
          if ([...small].every((word) => large.has(word))) candidates.set(id, entity);
        }
      }
    }
    if (candidates.size > 0) return { status: 'unsure', candidates: [...candidates.values()] };
    return { status: 'none' };
  }
}
