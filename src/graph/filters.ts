/**
 * Cypher fragments shared by the list, explore and stats repositories (and keyset paging): date validity, "of a
 * country", an entity's date, and the compiler that turns an EntityFilter into a WHERE
 * condition. Only fixed fragments and generated variable names go into the text; every value
 * the client sent becomes a parameter.
 */
import isoCountries from 'i18n-iso-countries';
import { InvalidArgumentError } from '../errors';
import { parsePartialDate } from './values';

export type Params = Record<string, unknown>;

export interface EntityFilterInput {
  country?: string | null;
  kind?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
  text?: string | null;
  related?: readonly RelationFilterInput[] | null;
  idPrefix?: string | null;
}

export interface RelationFilterInput {
  types: readonly string[];
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  where?: EntityFilterInput | null;
}

/** How deep RelationFilter.where may nest. */
export const maxFilterDepth = 3;

/** The date an entity is about: when signed, held, opened, conferred or measured. ISO partial date text or null. */
export const entityDate = (e: string): string => `coalesce(${e}.signed, ${e}.date, ${e}.opened, ${e}.asOf, toString(toInteger(${e}.year)))`;

/**
 * Partial dates compare at the coarser of their two precisions: 2016 is both >= 2016-06 and
 * <= 2016-06 (it may be either). `a <= b` for partial ISO dates a and b:
 */
export const dateLe = (a: string, b: string): string => `left(${a}, size(${b})) <= left(${b}, size(${a}))`;

/** True when relationship `r` was valid on $asOf (or when no asOf was asked); open ends are unbounded. */
export const validOn = (r: string, asOf = '$asOf'): string =>
  `(${asOf} IS NULL OR ((${r}.start IS NULL OR ${dateLe(`${r}.start`, asOf)}) AND (${r}.end IS NULL OR ${dateLe(asOf, `${r}.end`)})))`;

/** An entity exists on $asOf unless its own date is later (a memorandum signed in 2020 is not there in 2019). */
export const existsOn = (e: string, asOf = '$asOf'): string => `(${asOf} IS NULL OR ${entityDate(e)} IS NULL OR ${dateLe(entityDate(e), asOf)})`;

/**
 * `e` belongs to the country whose ISO code is in `param`: it is the country, is based or located in
 * it, or is a fact (memorandum, training, award, event, statistic, position) whose party, recipient,
 * provider, subject or place is the country or is based or located in it.
 */
export function countryCondition(e: string, param: string, asOf = '$asOf'): string {
  const country = `(:Country {code: ${param}})`;
  return `(
    (${e}:Country AND ${e}.code = ${param})
    OR EXISTS { MATCH (${e})-[cr:BASED_IN|LOCATED_IN|TRAINED|PROVIDED_BY|MEASURES|CONFERRED_BY]->${country} WHERE ${validOn('cr', asOf)} }
    OR EXISTS { MATCH (${e})-[cr1:HOLDS_POSITION|HELD_AT|MEASURES|PROVIDED_BY|TRAINED|CONFERRED_BY]->(:Entity)-[cr2:BASED_IN|LOCATED_IN]->${country}
                WHERE ${validOn('cr1', asOf)} AND ${validOn('cr2', asOf)} }
    OR EXISTS { MATCH (${e})<-[cr:PARTY_TO|RECEIVED|PARTICIPATED_IN]-${country} WHERE ${validOn('cr', asOf)} }
    OR EXISTS { MATCH (${e})<-[cr1:PARTY_TO|RECEIVED|PARTICIPATED_IN]-(:Entity)-[cr2:BASED_IN|LOCATED_IN]->${country}
                WHERE ${validOn('cr1', asOf)} AND ${validOn('cr2', asOf)} }
  )`;
}

/** Validates a partial-date argument; returns it or null. */
export function dateArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!parsePartialDate(value)) throw new InvalidArgumentError(argument, 'a date as YYYY, YYYY-MM or YYYY-MM-DD', value);
  return value;
}

/** Normalises an ISO 3166-1 code argument to upper case alpha-2 or alpha-3 text. */
export function countryArgument(argument: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!/^[A-Za-z0-9]{2,12}$/.test(value)) throw new InvalidArgumentError(argument, 'an ISO 3166-1 alpha-2 or alpha-3 code', value);
  const upper = value.toUpperCase();
  return (upper.length === 3 ? isoCountries.alpha3ToAlpha2(upper) : undefined) ?? upper;
}

/**
 * Compiles a filter on the node variable `e` into a condition, adding its values to `params`.
 */
export class FilterCompiler {
  private counter = 0;
  constructor(
    readonly params: Params,
    private readonly fold: (text: string) => string,
    private readonly asOf = '$asOf',
  ) {}

  private param(value: unknown): string {
    const name = `f${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  compile(e: string, filter: EntityFilterInput | null | undefined, path = 'filter', depth = 0): string {
    if (!filter) return 'true';
    const conditions: string[] = [];
    if (filter.idPrefix) conditions.push(`${e}.id STARTS WITH ${this.param(filter.idPrefix)}`);
    const country = countryArgument(`${path}.country`, filter.country);
    if (country) {
      conditions.push(countryCondition(e, this.param(country), this.asOf));
    }
    if (filter.kind && filter.kind.length > 0) conditions.push(`${e}.kind IN ${this.param([...filter.kind])}`);
    const from = dateArgument(`${path}.from`, filter.from);
    if (from) conditions.push(`(${entityDate(e)} IS NOT NULL AND ${dateLe(this.param(from), entityDate(e))})`);
    const to = dateArgument(`${path}.to`, filter.to);
    if (to) conditions.push(`(${entityDate(e)} IS NOT NULL AND ${dateLe(entityDate(e), this.param(to))})`);
    if (filter.text !== undefined && filter.text !== null) {
      const text = this.fold(filter.text);
      if (text) conditions.push(`${e}.searchText CONTAINS ${this.param(text)}`);
    }
    for (const [i, related] of (filter.related ?? []).entries()) {
      const here = `${path}.related[${i}]`;
      if (depth + 1 > maxFilterDepth) throw new InvalidArgumentError(here, `filters nested at most ${maxFilterDepth} levels deep`);
      if (related.types.length === 0) throw new InvalidArgumentError(`${here}.types`, 'at least one relation type');
      const r = `r${this.counter}`;
      const m = `m${this.counter++}`;
      const pattern =
        related.direction === 'OUT' ? `(${e})-[${r}]->(${m}:Entity)` : related.direction === 'IN' ? `(${e})<-[${r}]-(${m}:Entity)` : `(${e})-[${r}]-(${m}:Entity)`;
      const inner = this.compile(m, related.where, `${here}.where`, depth + 1);
      conditions.push(`EXISTS { MATCH ${pattern} WHERE type(${r}) IN ${this.param([...related.types])} AND ${validOn(r, this.asOf)} AND ${existsOn(m, this.asOf)} AND ${inner} }`);
    }
    return conditions.length > 0 ? conditions.map((c) => `(${c})`).join(' AND ') : 'true';
  }
}

/**
 * Keyset paging in Cypher: true when the row sorted by `key` (then `id`) lies strictly beyond
 * $position = [sort value, id] in walking order; `desc` is a Cypher boolean saying the walk
 * runs downwards. Every paginated query uses this one condition so no page skips or repeats.
 */
export const beyondPosition = (key: string, id: string, desc: string): string =>
  `$position IS NULL
   OR (${desc} AND (${key} < $position[0] OR (${key} = $position[0] AND ${id} < $position[1])))
   OR (NOT ${desc} AND (${key} > $position[0] OR (${key} = $position[0] AND ${id} > $position[1])))`;

/** The ORDER BY items that walk `key`, then `id`, downwards when `desc` holds, else upwards. */
export const walkOrder = (key: string, id: string, desc: string): string =>
  `CASE WHEN ${desc} THEN ${key} END DESC, CASE WHEN ${desc} THEN ${id} END DESC, ${key}, ${id}`;
