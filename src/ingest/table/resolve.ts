/**
 * Entity resolution for imported names: is "ASAN Service" an entity the graph already has?
 *
 * Rules, in order (the first that decides wins):
 *  1. Exact: the folded name (see graph/folding.ts, punctuation dropped) equals the folded name
 *     or an alias of exactly one entity of an allowed type. The name is also tried without its
 *     context (a trailing remark in brackets, "Ulvi Mehdiyev (chairman)", or what follows a
 *     dash, "ASAN Service - visit of the Kenyan team") and leading titles, and with an inner
 *     bracket as a spelling variant of the word before it ("Ceyhun (Jeyhun) Salmanov" is also
 *     "Jeyhun Salmanov"). Only when none of these names anything is the bracketed alternative
 *     tried itself ("State Agency (SAPSSI)"): context never outvotes the name it follows.
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
  /** form: the written name's name form when it matched as itself or as a spelling variant (an alias it may add), else absent. */
  | { status: 'matched'; entity: KnownEntity; via: 'name' | 'spelling variant'; form?: string }
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
  /^(?:(?:deputy|first|vice|chairman|chair|president|prime|minister|pm|ambassador|secretary|general|director|head|dr|mr|mrs|ms|prof|ceo)\b[\s.-]*)+/i;

/** What follows a dash set off by spaces (or an en or em dash): context, never a name. A hyphen inside a name (Al-Malik) is no dash. */
const dashContext = /\s+[-\u2013\u2014]\s+.*$|\s*[\u2013\u2014].*$/s;

/**
 * A written name and its context: "ASAN Service (visit of the Kenyan team)" is ASAN Service in
 * the context of a visit; so is "ASAN Service - visit of the Kenyan team". Context is never an alias.
 */
export function splitContext(written: string): { name: string; context: string | null } {
  const text = written.trim();
  const dash = dashContext.exec(text);
  const beforeDash = dash ? text.slice(0, dash.index).trim() : text;
  const bracket = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(beforeDash);
  const name = bracket ? bracket[1]! : beforeDash;
  const context = [bracket?.[2], dash?.[0].replace(/^\s*[-\u2013\u2014]\s*/, '')].filter((part) => part && part.trim()).join('; ');
  return name ? { name, context: context || null } : { name: text, context: null };
}

/** A name without its context or leading titles ("Chairman Inam Karimov (visit)"): what a new entity is called, and the only form an alias is taken from. */
export function cleanName(name: string): string {
  const head = splitContext(name).name;
  const cleaned = head.replace(titles, '').trim();
  return cleaned || head || name.trim();
}

/** The forms a written name may stand for, the name's own first: as written, without context or leading titles, an inner bracket's spelling. */
export function nameVariants(name: string): string[] {
  const written = name.trim();
  const head = splitContext(written).name;
  const variants = new Set<string>([written, head, cleanName(written)]);
  const inner = /^(.*?)(\S+)\s*\(([^()]+)\)\s+(\S.*)$/.exec(head);
  if (inner) {
    variants.add(`${inner[1]}${inner[2]} ${inner[4]}`);
    variants.add(`${inner[1]}${inner[3]} ${inner[4]}`);
  }
  return [...variants].filter((variant) => matchKey(variant).length > 0);
}

/** The bracketed alternatives of a written name ("State Agency (SAPSSI)": SAPSSI), tried only when the name itself names nothing. */
export function bracketAlternatives(name: string): string[] {
  const trailing = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(name.trim().replace(dashContext, ''));
  if (!trailing) return [];
  return trailing[2]!
    .split(/[;,]/)
    .map((alternative) => alternative.trim())
    .filter((alternative) => alternative.length > 1 && matchKey(alternative).length > 0);
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
    const form = cleanName(name);
    const exact = this.exactly(variants, allowed);
    const alternatives = exact.size === 0 ? this.exactly(bracketAlternatives(name), allowed) : exact;
    if (alternatives.size === 1) {
      const entity = [...alternatives.values()][0]!;
      return { status: 'matched', entity, via: 'name', ...(exact.size === 1 ? { form } : {}) };
    }
    if (alternatives.size > 1) return { status: 'unsure', candidates: [...alternatives.values()] };

    if (types.includes('Person')) {
      const spelled = new Map<string, KnownEntity>();
      for (const variant of variants) {
        const tokens = words(matchKey(variant));
        if (tokens.length < 2 || tokens.some((token) => skeleton(token).length < 2)) continue;
        for (const entity of this.bySkeleton.get(tokens.map(skeleton).join(' '))?.values() ?? [])
          if (allowed(entity)) spelled.set(entity.id, entity);
      }
      if (spelled.size === 1) return { status: 'matched', entity: [...spelled.values()][0]!, via: 'spelling variant', form };
      if (spelled.size > 1) return { status: 'unsure', candidates: [...spelled.values()] };
    }

    const candidates = this.subsets(variants, allowed);
    if (candidates.size > 0) return { status: 'unsure', candidates: [...candidates.values()] };
    return { status: 'none' };
  }

  /** The entities one of the forms is exactly the name or an alias of. */
  private exactly(forms: readonly string[], allowed: (entity: KnownEntity) => boolean): Map<string, KnownEntity> {
    const exact = new Map<string, KnownEntity>();
    for (const form of forms)
      for (const entity of this.byKey.get(matchKey(form))?.values() ?? []) if (allowed(entity)) exact.set(entity.id, entity);
    return exact;
  }

  /** Entities whose name's words are a strict subset or superset of a form's: unsure, never merged. */
  private subsets(forms: readonly string[], allowed: (entity: KnownEntity) => boolean): Map<string, KnownEntity> {
    const candidates = new Map<string, KnownEntity>();
    for (const variant of forms) {
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
    return candidates;
  }

  /** The lower-case words of every person's names and aliases: the gazetteer names.ts checks unknown words against. */
  personNames(): string[] {
    return [...this.entities.values()].filter((entity) => entity.type === 'Person').flatMap((entity) => [entity.name, ...entity.aliases]);
  }
}
