/**
 * Compiles an EntityFilter (already checked by core/graphql/arguments.ts) into one Cypher
 * condition on a node variable. Only fixed fragments and generated variable names go into the
 * text; every value becomes a parameter.
 */
import { fold, transliterationKey } from '../model/folding';
import { entityTypeNames, isRelationTypeName, relationSpec, type EntityTypeName } from '../model/registry';
import { countryCondition, dateFrom, dateTo, existsOn, relationshipTypes, validOn } from './fragments';

export type Params = Record<string, unknown>;

export interface EntityFilter {
  /** ISO alpha-2, upper case. */
  country?: string | null;
  kind?: readonly string[] | null;
  /** Partial dates (YYYY, YYYY-MM, YYYY-MM-DD). */
  from?: string | null;
  to?: string | null;
  text?: string | null;
  related?: readonly RelationFilter[] | null;
  idPrefix?: string | null;
}

export interface RelationFilter {
  types: readonly string[];
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  where?: EntityFilter | null;
}

export class FilterCompiler {
  private counter = 0;
  /** `asOf` names the parameter holding the date relations must be valid on; null leaves dates out of the text. */
  constructor(
    readonly params: Params,
    private readonly asOf: string | null = '$asOf',
  ) {}

  private param(value: unknown): string {
    const name = `f${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** The condition `filter` puts on `e`, which may be of `types` (null: any); 'true' for no filter. */
  /**
   * A name or alias holding `text`, folded (case and accents ignored); text in another script
   * than Latin also by its transliteration key (Кабул holds what Kabul does). Latin text keeps the
   * exact folded match: the key merges doubled letters, so "xxxx" would hold every "x".
   */
  private textCondition(e: string, text: string): string {
    const folded = `${e}.searchText CONTAINS ${this.param(fold(text))}`;
    const translit = /[^\p{Script=Latin}\P{L}]/u.test(text) ? transliterationKey(text) : '';
    return translit ? `${folded} OR ${e}.translitText CONTAINS ${this.param(translit)}` : folded;
  }

  compile(e: string, filter: EntityFilter | null | undefined, types: readonly EntityTypeName[] | null = null): string {
    if (!filter) return 'true';
    const conditions: string[] = [];
    if (filter.idPrefix) conditions.push(`${e}.id STARTS WITH ${this.param(filter.idPrefix)}`);
    if (filter.country) conditions.push(countryCondition(e, this.param(filter.country), this.asOf, types));
    if (filter.kind && filter.kind.length > 0) conditions.push(`${e}.kind IN ${this.param([...filter.kind])}`);
    if (filter.from) conditions.push(dateFrom(e, this.param(filter.from), types));
    if (filter.to) conditions.push(dateTo(e, this.param(filter.to), types));
    if (filter.text) conditions.push(this.textCondition(e, filter.text));
    for (const related of filter.related ?? []) conditions.push(this.relatedCondition(e, related));
    return conditions.length > 0 ? conditions.map((c) => `(${c})`).join(' AND ') : 'true';
  }

  private relatedCondition(e: string, related: RelationFilter): string {
    const r = `r${this.counter}`;
    const m = `m${this.counter++}`;
    const rel = `${r}${relationshipTypes(related.types)}`;
    const types = farTypes(related);
    // One possible far type: its label, so the planner reads only those nodes' properties.
    const far = `${m}:${types.length === 1 ? types[0] : 'Entity'}`;
    const pattern =
      related.direction === 'OUT'
        ? `(${e})-[${rel}]->(${far})`
        : related.direction === 'IN'
          ? `(${e})<-[${rel}]-(${far})`
          : `(${e})-[${rel}]-(${far})`;
    const inner = this.compile(m, related.where, types);
    const conditions = [validOn(r, this.asOf), existsOn(m, this.asOf, types), inner].filter((condition) => condition !== 'true');
    return `EXISTS { MATCH ${pattern}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} }`;
  }
}

/** The types at the far end of a relation filter, from the registry's ends of its relation types. */
function farTypes(related: RelationFilter): EntityTypeName[] {
  const sides =
    related.direction === 'OUT' ? (['to'] as const) : related.direction === 'IN' ? (['from'] as const) : (['from', 'to'] as const);
  const types = new Set(related.types.filter(isRelationTypeName).flatMap((name) => sides.flatMap((side) => relationSpec(name)[side])));
  return entityTypeNames.filter((type) => types.has(type));
}
