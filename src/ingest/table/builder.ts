/**
 * One source's bundle as the rows citing it fill it in. Rows about the same entity add to it
 * rather than repeat it: aliases are merged, attributes already given win, and a relation or a
 * claim is kept once, with the notes of every row that states it.
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

  /**
   * The statements one row adds, each noted with the row's note (its notes column); the row's
   * scope holds this. One row never states two relations of one type between the same ends: a
   * second role for them (a country trained as "partner country" and as "delegation") is merged
   * into the first relation's role.
   */
  forRow(note: string | null): RowStatements {
    const noted = <T extends Cited>(statement: T): T => (note ? { ...statement, note } : statement);
    const stated = new Map<string, { key: string; own: boolean }>();
    return {
      entities: this.entities,
      entity: (entity) => this.entity(noted(entity)),
      relation: (relation) => this.rowRelation(noted(relation), stated),
      claim: (claim) => this.claim(noted(claim)),
      quantity: (quantity) => this.quantity(noted(quantity)),
    };
  }

  /** A row's relation; `stated`: the key each pair of ends of this row's relations is kept under, and whether this row made it. */
  private rowRelation(relation: BundleRelation, stated: Map<string, { key: string; own: boolean }>): void {
    const ends = `${relation.from}|${relation.type}|${relation.to}`;
    const before = stated.get(ends);
    const earlier = before && this.relations.get(before.key);
    if (!before || !earlier) {
      const key = relationKey(relation);
      stated.set(ends, { key, own: !this.relations.has(key) });
      return this.relation(relation);
    }
    const role = mergedRole(earlier.role, relation.role);
    if (role === earlier.role) return addNote(earlier, relation.note);
    // An earlier row's statement stays as it is; only this row's own one is replaced by the merged one.
    if (before.own) this.relations.delete(before.key);
    const { note: earlierNote, ...statement } = earlier;
    const note = before.own ? earlierNote : relation.note;
    const merged: BundleRelation = { ...statement, ...(role !== undefined ? { role } : {}), ...(note ? { note } : {}) };
    stated.set(ends, { key: relationKey(merged), own: !this.relations.has(relationKey(merged)) });
    this.relation(merged);
  }

  entity(entity: BundleEntity): void {
    const existing = this.entities.get(entity.id);
    if (!existing) {
      this.entities.set(entity.id, { ...entity, aliases: [...new Set(entity.aliases ?? [])] });
      return;
    }
    addNote(existing, entity.note);
    existing.aliases = [...new Set([...(existing.aliases ?? []), ...(entity.aliases ?? [])])].filter((alias) => alias !== existing.name);
    existing.attributes = { ...(entity.attributes ?? {}), ...(existing.attributes ?? {}) };
    if (Object.keys(existing.attributes).length === 0) delete existing.attributes;
    existing.description ??= entity.description;
  }

  relation(relation: BundleRelation): void {
    keepOnce(this.relations, relationKey(relation), relation);
  }

  claim(claim: BundleClaim): void {
    keepOnce(this.claims, `${claim.subject}|${claim.property}|${claim.value}`, claim);
  }

  /** Rows of one source stating the same figure for the same subject and metric state it once. */
  quantity(quantity: BundleStatedQuantity): void {
    keepOnce(
      this.quantities,
      [quantity.subject, quantity.metric, quantity.qualifier, quantity.value, quantity.unit ?? ''].join('|'),
      quantity,
    );
  }

  build(): Bundle {
    const bundle: Bundle = {
      format: 'coopgraph-bundle/1',
      source: this.source,
      entities: [...this.entities.values()],
      relations: [...this.relations.values()],
    };
    if (this.claims.size > 0) bundle.claims = [...this.claims.values()];
    if (this.quantities.size > 0) bundle.quantities = [...this.quantities.values()];
    return bundle;
  }
}

type Cited = Pick<BundleClaim, 'quotes' | 'note'>;

/** What one row adds to its source's bundle: the builder's methods, noted (BundleBuilder.forRow). */
export type RowStatements = Pick<BundleBuilder, 'entities' | 'entity' | 'relation' | 'claim' | 'quantity'>;

/** Keeps the first statement under `key`; a later one adds only its note. */
function keepOnce<T extends Cited>(statements: Map<string, T>, key: string, statement: T): void {
  const existing = statements.get(key);
  if (existing) addNote(existing, statement.note);
  else statements.set(key, statement);
}

/** Two rows of one source stating the same thing: its citation carries both rows' notes. */
function addNote(statement: Cited, note: string | undefined): void {
  if (!note || statement.note?.split('\n').includes(note)) return;
  statement.note = statement.note ? `${statement.note}\n${note}` : note;
}

/** Roles of one row's relation between the same ends, each once, in the order stated ("partner country; delegation"). */
function mergedRole(earlier: string | undefined, later: string | undefined): string | undefined {
  const roles = [...(earlier?.split('; ') ?? []), ...(later ? [later] : [])];
  return roles.length > 0 ? [...new Set(roles)].join('; ') : undefined;
}

/** Two relations with the same ends, type and role are one edge. */
export function relationKey(relation: Pick<BundleRelation, 'from' | 'type' | 'to' | 'role'>): string {
  return `${relation.from}|${relation.type}|${relation.to}|${relation.role ?? ''}`;
}

/** The bundle's source as a row cites it. */
export function sourceOf(cited: FactRow['source']): Bundle['source'] {
  return {
    id: sourceIdFor(cited.url),
    // No headline known: the writer supplies a title from the publisher and date.
    ...(cited.title ? { title: cited.title } : {}),
    publisher: cited.publisher,
    ...(cited.published ? { published: cited.published } : {}),
    // The table's language column; 'und' (undetermined, ISO 639-2) when it does not say.
    language: cited.language ?? 'und',
    // IRIs (Arabic, Urdu paths) are stored percent-encoded, as a browser sends them.
    url: new URL(cited.url).href,
    text: null,
  };
}
