/**
 * Compiles an EntityFilter (already checked by core/graphql/arguments.ts) into one Cypher
 * condition on a node variable. Only fixed fragments and generated variable names go into the
 * text; every value becomes a parameter.
 */
import { fold } from '../model/folding';
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
  constructor(
    readonly params: Params,
    private readonly asOf = '$asOf',
  ) {}

  private param(value: unknown): string {
    const name = `f${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** The condition `filter` puts on `e`; 'true' for no filter. */
  compile(e: string, filter: EntityFilter | null | undefined): string {
    if (!filter) return 'true';
    const conditions: string[] = [];
    if (filter.idPrefix) conditions.push(`${e}.id STARTS WITH ${this.param(filter.idPrefix)}`);
    if (filter.country) conditions.push(countryCondition(e, this.param(filter.country), this.asOf));
    if (filter.kind && filter.kind.length > 0) conditions.push(`${e}.kind IN ${this.param([...filter.kind])}`);
    if (filter.from) conditions.push(dateFrom(e, this.param(filter.from)));
    if (filter.to) conditions.push(dateTo(e, this.param(filter.to)));
    const text = filter.text ? fold(filter.text) : '';
    if (text) conditions.push(`${e}.searchText CONTAINS ${this.param(text)}`);
    for (const related of filter.related ?? []) conditions.push(this.relatedCondition(e, related));
    return conditions.length > 0 ? conditions.map((c) => `(${c})`).join(' AND ') : 'true';
  }

  private relatedCondition(e: string, related: RelationFilter): string {
    const r = `r${this.counter}`;
    const m = `m${this.counter++}`;
    const rel = `${r}${relationshipTypes(related.types)}`;
    const pattern =
      related.direction === 'OUT' ? `(${e})-[${rel}]->(${m}:Entity)` : related.direction === 'IN' ? `(${e})<-[${rel}]-(${m}:Entity)` : `(${e})-[${rel}]-(${m}:Entity)`;
    const inner = this.compile(m, related.where);
    return `EXISTS { MATCH ${pattern} WHERE ${validOn(r, this.asOf)} AND ${existsOn(m, this.asOf)} AND ${inner} }`;
  }
}
