/**
 * Draft assembly: the builders' findings become a source bundle and its candidates. A mention
 * matched to the graph is referred to by the graph's id (the bundle does not define it); a new
 * one becomes a bundle entity with a readable id and the sentences that name it as quotes. A
 * relation stated twice is one relation with both quotes. Every entity and relation has its
 * candidate: what a reviewer reads, how sure the extractor is and why.
 */
import { createHash } from 'node:crypto';
import type { BundleAttributes, BundleEntity, BundleRelation, BundleStatedQuantity } from '../bundle';
import type { DraftCandidate } from '../../core/model/drafts';
import { fold, transliterationKey } from '../../core/model/folding';
import { entitySpec, relationAllowed, relationSpec, type EntityTypeName } from '../../core/model/registry';
import type { SupportedLanguage } from './language';
import type { Mention } from './matching';
import { isPostWord } from './mentions';
import { postKey, type Position } from './positions';
import type { FoundQuantity } from './quantities';
import type { DescribedEntity, StatedRelation, StatementSink } from './relations';
import { wordsOf, type Span } from './segments';

/**
 * A readable slug from a name: folded (ülvi, əfqanıstan to ulvi, efqanistan) when the name is in
 * Latin letters, transliterated (Мехдиев to mehdiev) when not; hyphenated, at most 60 characters.
 */
export function slugOf(name: string): string {
  const folded = fold(name);
  const latin = /[^\p{Script=Latin}\P{L}]/u.test(folded) ? transliterationKey(name) : folded;
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug.length > 0 ? slug : 'unnamed';
}

interface EntityEntry {
  id: string;
  type: EntityTypeName;
  name: string;
  /** Null for a graph entity: the bundle refers to it and does not define it. */
  entity: BundleEntity | null;
  candidate: DraftCandidate;
}

const addQuote = (quotes: string[], quote: string) => {
  if (!quotes.includes(quote)) quotes.push(quote);
};

export class DraftBuilder implements StatementSink {
  private readonly entries = new Map<string, EntityEntry>();
  private readonly newByKey = new Map<string, string>();
  private readonly relations: { relation: BundleRelation; candidate: DraftCandidate }[] = [];
  private readonly quantities: BundleStatedQuantity[] = [];
  private readonly bySentence = new Map<number, string[]>();
  private readonly posts = new Map<string, Mention>();
  private readonly usedIds = new Set<string>();

  private uniqueId(type: EntityTypeName, name: string): string {
    const base = `${entitySpec(type).idPrefix}:${slugOf(name)}`;
    let id = base;
    for (let n = 2; this.usedIds.has(id); n += 1) id = `${base}-${n}`;
    this.usedIds.add(id);
    return id;
  }

  private remember(id: string, sentence: Span): void {
    const ids = this.bySentence.get(sentence.start) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.bySentence.set(sentence.start, ids);
  }

  /** The graph's id for a matched mention; a new mention's bundle id (the same name twice is one entity). */
  idOf(mention: Mention, sentence: Span, attributes?: BundleAttributes): string {
    const quote = sentence.text;
    if (mention.matched) {
      const id = mention.matched.id;
      if (!this.entries.has(id)) {
        const candidate = this.entityCandidate(id, mention.name, mention, id, mention);
        this.entries.set(id, { id, type: mention.type, name: mention.name, entity: null, candidate });
      }
      this.remember(id, sentence);
      return id;
    }
    const key = `${mention.type}|${fold(mention.name)}`;
    const known = this.newByKey.get(key);
    const entry = known ? this.entries.get(known)! : this.newEntity(mention.type, mention.name, mention, quote, mention);
    this.newByKey.set(key, entry.id);
    addQuote(entry.entity!.quotes, quote);
    if (attributes && Object.keys(attributes).length > 0) entry.entity!.attributes = { ...entry.entity!.attributes, ...attributes };
    this.remember(entry.id, sentence);
    return entry.id;
  }

  private entityCandidate(
    id: string,
    label: string,
    why: { confidence: number; reason: string },
    matchedId: string | null,
    at?: Span,
  ): DraftCandidate {
    return {
      kind: 'ENTITY',
      ref: id,
      label,
      confidence: why.confidence,
      reason: why.reason,
      matchedId,
      quote: at?.text ?? null,
      start: at?.start ?? null,
      end: at?.end ?? null,
    };
  }

  private newEntity(type: EntityTypeName, name: string, why: { confidence: number; reason: string }, quote: string, at: Span): EntityEntry {
    const id = this.uniqueId(type, name);
    const entity: BundleEntity = { id, type, name, quotes: [quote] };
    const entry = { id, type, name, entity, candidate: this.entityCandidate(id, name, why, null, at) };
    this.entries.set(id, entry);
    return entry;
  }

  describe(described: DescribedEntity, sentence: Span): string {
    const date = described.attributes?.date ?? described.attributes?.signed ?? described.attributes?.opened;
    // Two releases may describe two meetings or memoranda alike: the sentence's hash keeps their ids apart (and the same text's the same).
    const sentenceKey = createHash('sha256').update(sentence.text).digest('hex').slice(0, 8);
    const slug = `${slugOf(described.name).slice(0, 40)} ${date ?? ''} ${sentenceKey}`;
    const entry = this.newEntity(described.type, slug, described, sentence.text, sentence);
    entry.entity!.name = entry.name = entry.candidate.label = described.name;
    if (described.attributes && Object.keys(described.attributes).length > 0) entry.entity!.attributes = described.attributes;
    this.remember(entry.id, sentence);
    return entry.id;
  }

  private label(id: string): string {
    return this.entries.get(id)?.name ?? id;
  }

  relate(stated: StatedRelation, sentence: Span): void {
    const fromType = this.entries.get(stated.from)?.type;
    const toType = this.entries.get(stated.to)?.type;
    // A builder only relates what the registry allows; this keeps a draft importable if one slips.
    if (!fromType || !toType || !relationAllowed(stated.type, fromType, toType) || stated.from === stated.to) return;
    const same = this.relations.find(
      ({ relation }) =>
        relation.type === stated.type && relation.from === stated.from && relation.to === stated.to && relation.role === stated.role,
    );
    if (same) {
      addQuote(same.relation.quotes, sentence.text);
      same.candidate.confidence = Math.max(same.candidate.confidence, stated.confidence);
      return;
    }
    const { confidence, reason, ...relation } = stated;
    const ref = String(this.relations.length);
    const label = `${this.label(stated.from)} ${relationSpec(stated.type).phrase(stated.role ?? null)} ${this.label(stated.to)}`;
    this.relations.push({
      relation: { ...relation, quotes: [sentence.text] },
      candidate: {
        kind: 'RELATION',
        ref,
        label,
        confidence,
        reason,
        matchedId: null,
        quote: sentence.text,
        start: sentence.start,
        end: sentence.end,
      },
    });
  }

  quantity(subject: string, found: FoundQuantity, sentence: Span): void {
    const metric = found.unit ?? 'count';
    if (this.quantities.some((q) => q.subject === subject && q.metric === metric && q.value === found.value)) return;
    this.quantities.push({
      subject,
      metric,
      value: found.value,
      qualifier: found.qualifier,
      ...(found.unit ? { unit: found.unit } : {}),
      quotes: [sentence.text],
    });
  }

  latest(type: EntityTypeName): string | null {
    return [...this.entries.values()].filter((entry) => entry.type === type).pop()?.id ?? null;
  }

  centreOf(sentence: Span): string | null {
    return (this.bySentence.get(sentence.start) ?? []).filter((id) => this.entries.get(id)?.type === 'ServiceCenter').pop() ?? null;
  }

  /** Ids this sentence proposed or named, in order. */
  idsOf(sentence: Span): string[] {
    return this.bySentence.get(sentence.start) ?? [];
  }

  /** True for an entity the draft proposes (defines), false for a graph entity it refers to. */
  isNew(id: string): boolean {
    return Boolean(this.entries.get(id)?.entity);
  }

  typeOf(id: string): EntityTypeName | null {
    return this.entries.get(id)?.type ?? null;
  }

  /** A person named with a post is remembered under it, and the post stated as a relation when the organisation is named. */
  position(position: Position, sentence: Span): void {
    this.posts.set(postKey(position.postWord), position.person);
    if (!position.agency) return;
    this.relate(
      {
        type: 'HOLDS_POSITION',
        from: this.idOf(position.person, sentence),
        to: this.idOf(position.agency, sentence),
        role: position.post,
        confidence: Math.round(0.75 * Math.min(position.person.confidence, position.agency.confidence) * 100) / 100,
        reason: `"${position.post}" stands between the organisation and the name`,
      },
      sentence,
    );
  }

  personWithPost(sentence: Span, language: SupportedLanguage): Mention | null {
    const post = wordsOf(sentence, language).find((word) => isPostWord(word.text, language) && this.posts.has(postKey(word.text)));
    if (!post) return null;
    const person = this.posts.get(postKey(post.text))!;
    return { ...person, reason: `"${post.text}" refers to ${person.name}, named earlier with that post` };
  }

  /** The bundle's statements and the candidates, entities first (in order of first mention), then relations. */
  finish(): { entities: BundleEntity[]; relations: BundleRelation[]; quantities: BundleStatedQuantity[]; candidates: DraftCandidate[] } {
    const entries = [...this.entries.values()];
    return {
      entities: entries.flatMap((entry) => (entry.entity ? [entry.entity] : [])),
      relations: this.relations.map(({ relation }) => relation),
      quantities: this.quantities,
      candidates: [...entries.map((entry) => entry.candidate), ...this.relations.map(({ candidate }) => candidate)],
    };
  }
}
