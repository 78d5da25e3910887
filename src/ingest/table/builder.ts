/**
 * One source's bundle as the rows citing it fill it in. Rows about the same entity add to it
 * rather than repeat it: aliases are merged, attributes already given win, and a relation or a
 * claim is kept once.
 */
import type { Bundle, BundleClaim, BundleEntity, BundleRelation, BundleStatedQuantity } from '../bundle';
import type { FactRow } from './parse';
import { sourceIdFor } from './ids';

export class BundleBuilder {
  readonly entities = new Map<string, BundleEntity>();
  readonly relations = new Map<string, BundleRelation>();
  readonly claims = new Map<string, BundleClaim>();
  readonly quantities = new Map<string, BundleStatedQuantity>();
  constructor(readonly source: Bundle['source']) {}

  entity(entity: BundleEntity): void {
    const existing = this.entities.get(entity.id);
    if (!existing) {
      this.entities.set(entity.id, { ...entity, aliases: [...new Set(entity.aliases ?? [])] });
      return;
    }
    existing.aliases = [...new Set([...(existing.aliases ?? []), ...(entity.aliases ?? [])])].filter((alias) => alias !== existing.name);
    existing.attributes = { ...(entity.attributes ?? {}), ...(existing.attributes ?? {}) };
    if (Object.keys(existing.attributes).length === 0) delete existing.attributes;
    existing.description ??= entity.description;
  }

  relation(relation: BundleRelation): void {
    const key = relationKey(relation);
    if (!this.relations.has(key)) this.relations.set(key, relation);
  }

  claim(claim: BundleClaim): void {
    this.claims.set(`${claim.subject}|${claim.property}|${claim.value}`, claim);
  }

  /** Rows of one source stating the same figure for the same subject and metric state it once. */
  quantity(quantity: BundleStatedQuantity): void {
    this.quantities.set([quantity.subject, quantity.metric, quantity.qualifier, quantity.value, quantity.unit ?? ''].join('|'), quantity);
  }

  build(): Bundle {
    const bundle: Bundle = { format: 'coopgraph-bundle/1', source: this.source, entities: [...this.entities.values()], relations: [...this.relations.values()] };
    if (this.claims.size > 0) bundle.claims = [...this.claims.values()];
    if (this.quantities.size > 0) bundle.quantities = [...this.quantities.values()];
    return bundle;
  }
}

/** Two relations with the same ends, type and role are one edge. */
export function relationKey(relation: Pick<BundleRelation, 'from' | 'type' | 'to' | 'role'>): string {
  return `${relation.from}|${relation.type}|${relation.to}|${relation.role ?? ''}`;
}

/** The bundle's source as a row cites it. */
export function sourceOf(cited: FactRow['source']): Bundle['source'] {
  return {
    id: sourceIdFor(cited.url),
    title: cited.title,
    publisher: cited.publisher,
    ...(cited.published ? { published: cited.published } : {}),
    language: 'und',
    // IRIs (Arabic, Urdu paths) are stored percent-encoded, as a browser sends them.
    url: new URL(cited.url).href,
    text: null,
  };
}
