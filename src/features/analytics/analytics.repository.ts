/**
 * Cypher for dashboards and network questions over a list's items: facets (one statement for
 * every dimension asked), group-by cells with quantity sums, time series and common connections,
 * one statement each. Every aggregate starts from the list's own filtered
 * set (entity/entity.repository.ts listedEntities), so its counts agree with the list's totalCount;
 * a country filter walks out from the country rather than scanning the type.
 */
import type { QueryRunner } from '../../core/db/database';
import { entityDate, existsOn, relationshipTypes, typeLabel, validOn } from '../../core/cypher/fragments';
import { beyondPosition, pageFromRows, type Page, type PageRequest } from '../../core/cypher/keyset';
import type { EntityRecord, EntityTypeName, RelationRecord } from '../../core/model/records';
import { datedTypes, relationTypeNames } from '../../core/model/registry';
import { entityFromNode, relationFromRow, relationRowProjection, type NodeProperties, type RelationRow } from '../../core/model/storage';
import { listedEntities, type ListScope } from '../entity/entity.repository';
import type { QuantityTotals } from '../../core/model/quantity-sums';
import { dimensions, valuesOrMissing, type Dimension } from './dimensions';
import { quantityTotals } from '../../core/cypher/quantity-totals';

export interface BucketRow {
  key: string;
  label: string;
  count: number;
}

export type GroupOrder = 'KEY' | 'COUNT';

export interface CellRow {
  keys: string[];
  labels: string[];
  count: number;
  /** One total per quantity attribute of the list's type. */
  totals: Record<string, QuantityTotals>;
  /** The keys joined: the cell's id in a cursor. */
  id: string;
  sortValue: string;
}

export interface SeriesRow {
  /** YYYY, YYYY-MM (month series, month known) or null (undated). */
  period: string | null;
  count: number;
}

export interface SeriesRows {
  buckets: SeriesRow[];
  /** The longest stored date among the items (4 year, 7 month, 10 day); null when none is dated. */
  finest: number | null;
}

export interface InterlockQuery {
  ids: readonly string[];
  /** Relation types a link may take; null: every registry relation. */
  via: readonly string[] | null;
  /** Keep connected entities of these types only; null: any. */
  types: readonly EntityTypeName[] | null;
  minShared: number;
  asOf: string | null;
  page: PageRequest;
  linksFirst: number;
}

export interface InterlockRow {
  entity: EntityRecord;
  /** The given ids it is connected to, in id order. */
  connects: string[];
  /** Distinct linking facts: fact nodes between, and direct relations. */
  facts: number;
  /** Of facts, those a source is cited for. */
  citedFacts: number;
  links: RelationRecord[];
  linkCount: number;
  sortValue: string;
}

/** The given entities found (an id naming nothing is missing here) and the page of what connects them. */
export interface InterlockResult {
  given: EntityRecord[];
  page: Page<InterlockRow>;
}

/** Joins a cell's keys into one id (a cursor holds it): no key holds this control character. */
const keySeparator = '\u001f';

/** Zero-padded inverted counts: text order is most-first order. */
const mostFirst = (count: string, width: number): string =>
  `right('${'0'.repeat(width)}' + toString(${10 ** (width - 1)} - ${count}), ${width})`;

export class AnalyticsRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Each dimension's buckets over the list's items, in one statement: the items are found once
   * (walking out from a filter's country), then counted by each dimension in a subquery of its own.
   */
  async facets(scope: ListScope, by: readonly Dimension[]): Promise<BucketRow[][]> {
    const params: Record<string, unknown> = {};
    const asOf = scope.asOf ? '$asOf' : null;
    const facet = (dimension: Dimension, i: number) => `CALL (items) {
         UNWIND items AS e
         WITH e, ${dimensions[dimension].values('e', scope.type, asOf)} AS v
         UNWIND ${valuesOrMissing(dimension, 'v')} AS key
         WITH key, count(*) AS count
         RETURN collect({key: key, label: ${dimensions[dimension].label('key')}, count: count}) AS f${i}
       }`;
    const rows = await this.db.read(
      `${listedEntities(scope.type, scope.filter, scope.asOf, params)}
       WITH collect(e) AS items
       ${by.map(facet).join('\n       ')}
       RETURN [${by.map((_, i) => `f${i}`).join(', ')}] AS facets`,
      params,
    );
    return (rows[0]?.facets as BucketRow[][] | undefined) ?? by.map(() => []);
  }

  /**
   * The cells of a one- or two-dimension breakdown: per combination of keys, how many items and
   * the totals of their stated quantities; ordered by keys or by count (most first, then keys),
   * one keyset page of them with the number of cells, in one statement.
   */
  async groupBy(scope: ListScope, by: readonly Dimension[], order: GroupOrder, page: PageRequest): Promise<Page<CellRow>> {
    const params: Record<string, unknown> = { position: page.position, fetch: page.limit + 1, separator: keySeparator };
    const asOf = scope.asOf ? '$asOf' : null;
    const values = by.map((dimension, i) => `${dimensions[dimension].values('e', scope.type, asOf)} AS v${i}`).join(', ');
    const unwinds = by.map((dimension, i) => `UNWIND ${valuesOrMissing(dimension, `v${i}`)} AS k${i}`).join('\n       ');
    const keys = by.map((_, i) => `k${i}`).join(', ');
    const list = (items: string[]) => `[${items.join(', ')}]`;
    const id = by.map((_, i) => `k${i}`).join(' + $separator + ');
    const sortValue = order === 'COUNT' ? mostFirst('count', 10) : id;
    const rows = await this.db.read(
      `${listedEntities(scope.type, scope.filter, scope.asOf, params)}
       WITH e, ${values}
       ${unwinds}
       WITH ${keys}, count(*) AS count, ${quantityTotals('e', scope.type)} AS totals
       WITH {keys: ${list(by.map((_, i) => `k${i}`))}, count: count, totals: totals, id: ${id}, sortValue: ${sortValue}} AS cell
       ORDER BY cell.sortValue, cell.id
       // Sorted before they are collected, and the page sliced from the list: a sort over rows that
       // each carried the whole list of cells was charged for every copy (120 MB for 1,000 cells).
       WITH collect(cell) AS cells
       RETURN size(cells) AS totalCount,
              [cell IN [cell IN cells WHERE ${beyondPosition('cell.sortValue', 'cell.id', 'false')}][..toInteger($fetch)]
               | cell {.*, labels: ${list(by.map((dimension, i) => dimensions[dimension].label(`cell.keys[${i}]`)))}}] AS rows`,
      params,
    );
    const row = rows[0];
    return pageFromRows(page, (row?.rows as CellRow[] | undefined) ?? [], (row?.totalCount as number | undefined) ?? 0);
  }

  /**
   * How many items fall in each year (YEAR) or month (MONTH) of their date, in one statement: in
   * a month series an item known only to its year keeps the year as its period (never January),
   * an undated item has period null. `finest` says how precise the most precise date is.
   */
  async series(scope: ListScope, interval: 'YEAR' | 'MONTH'): Promise<SeriesRows> {
    const params: Record<string, unknown> = { width: interval === 'YEAR' ? 4 : 7 };
    const rows = await this.db.read(
      `${listedEntities(scope.type, scope.filter, scope.asOf, params)}
       WITH ${entityDate('e', [scope.type])} AS date
       WITH left(date, $width) AS period, count(*) AS count, max(size(date)) AS finest
       RETURN collect({period: period, count: count}) AS buckets, max(finest) AS finest`,
      params,
    );
    return { buckets: (rows[0]?.buckets as SeriesRow[] | undefined) ?? [], finest: (rows[0]?.finest as number | null | undefined) ?? null };
  }

  /**
   * Entities connected to at least `minShared` of the given ones, in one statement: linked to
   * one through a fact (a dated entity: a memorandum, an event...) both are related to, or by a
   * relation of its own, every relation of one of the `via` types and valid on `asOf`. Ranked by
   * how many of the given ones each connects (most first), then by its cited linking facts, then
   * id; a keyset page of them with their total, each with its first `linksFirst` relations, and
   * the given entities themselves (what `connects` shows, and which ids name nothing).
   *
   * The ranking walk counts and keeps no relationships: only the page's entities walk again to
   * their given ones for their links (a hub's tens of thousands of links are never collected).
   */
  async commonConnections(query: InterlockQuery): Promise<InterlockResult> {
    const rows = await this.db.read(interlockStatement(interlockWalks(query)), {
      ids: [...query.ids],
      minShared: query.minShared,
      asOf: query.asOf,
      position: query.page.position,
      fetch: query.page.limit + 1,
      linksFirst: query.linksFirst,
    });
    return interlockResult(query, rows[0]);
  }
}

/** The Cypher of commonConnections' walks from a given entity `g` to another, `x`, as the query asks for them. */
interface InterlockWalks {
  /** Through a fact both are related to: binds f, r1 and r2. */
  throughFact(x: string): string;
  /** By a relation of their own: binds r. */
  direct(x: string): string;
  /** The far end `x`, labelled with the types asked for. */
  far: string;
  /** What restricts x to the types asked for and to what exists on asOf. */
  farExists: string;
}

function interlockWalks(query: InterlockQuery): InterlockWalks {
  const via = relationshipTypes(query.via && query.via.length > 0 ? query.via : relationTypeNames);
  const asOf = query.asOf ? '$asOf' : null;
  // Labels, not properties: the facts' types and the far end's types asked for are what the walk expands to.
  const facts = `f:${datedTypes.map((type) => typeLabel(type).slice(1)).join('|')}`;
  const far = query.types && query.types.length > 0 ? `x:${query.types.map((type) => typeLabel(type).slice(1)).join('|')}` : 'x:Entity';
  // From a given entity g to x: through a fact, or directly. `x` is bound or labelled by the caller.
  const throughFact = (x: string) => `MATCH (g)-[r1${via}]-(${facts})-[r2${via}]-(${x})
           WHERE r1 <> r2 AND NOT f IN given AND ${validOn('r1', asOf)} AND ${validOn('r2', asOf)} AND ${existsOn('f', asOf)}`;
  const direct = (x: string) => `MATCH (g)-[r${via}]-(${x})
           WHERE ${validOn('r', asOf)}`;
  return { throughFact, direct, far, farExists: existsOn('x', asOf, query.types) };
}

/** Ranks the connected entities, slices the page, then walks again from the page's entities alone for their links. */
function interlockStatement(walks: InterlockWalks): string {
  return `MATCH (g:Entity) WHERE g.id IN $ids
       WITH collect(g) AS given
       ${rankedConnections(walks)}
       WITH given, size(found) AS totalCount, [c IN found WHERE ${beyondPosition('c.sortValue', 'c.x.id', 'false')}][..toInteger($fetch)] AS page
       ${pageLinks(walks)}
       RETURN [g IN given | properties(g)] AS given, totalCount, rows`;
}

/** Every entity connected to at least $minShared given ones, counted (no relationship kept) and sorted: `found`. */
function rankedConnections({ throughFact, direct, far, farExists }: InterlockWalks): string {
  return `CALL (given) {
         UNWIND given AS g
         CALL (g, given) {
           ${throughFact(far)} AND NOT x IN given AND ${farExists}
           RETURN x, f AS fact, size(coalesce(f.sourceIds, [])) > 0 AS cited
           UNION ALL
           ${direct(far)} AND NOT x IN given AND ${farExists}
           RETURN x, r AS fact, size(coalesce(r.sourceIds, [])) > 0 AS cited
         }
         WITH x, collect(DISTINCT g.id) AS connects, count(DISTINCT fact) AS facts, count(DISTINCT CASE WHEN cited THEN fact END) AS citedFacts
         WHERE size(connects) >= $minShared
         WITH x, connects, facts, citedFacts, ${mostFirst('size(connects)', 4)} + ':' + ${mostFirst('citedFacts', 10)} AS sortValue
         ORDER BY sortValue, x.id
         // Sorted before they are collected and the page sliced from the list (see groupBy).
         RETURN collect({x: x, connects: connects, facts: facts, citedFacts: citedFacts, sortValue: sortValue}) AS found
       }`;
}

/** The page's entities as rows, each with its first $linksFirst relations to the given ones: `rows`. */
function pageLinks({ throughFact, direct }: InterlockWalks): string {
  return `CALL (given, page) {
         UNWIND range(0, size(page) - 1) AS at
         WITH given, at, page[at] AS c
         CALL (given, c) {
           UNWIND given AS g
           CALL (g, given, c) {
             WITH g, given, c.x AS x
             ${throughFact('x')}
             RETURN [r1, r2] AS rels
             UNION ALL
             WITH g, c.x AS x
             ${direct('x')}
             RETURN [r] AS rels
           }
           UNWIND rels AS l
           WITH DISTINCT l
           WITH l ORDER BY type(l), startNode(l).id, endNode(l).id
           RETURN count(l) AS linkCount, collect(${relationRowProjection('l')})[..toInteger($linksFirst)] AS links
         }
         WITH at, {entity: properties(c.x), connects: c.connects, facts: c.facts, citedFacts: c.citedFacts, sortValue: c.sortValue, linkCount: linkCount, links: links} AS row
         ORDER BY at
         RETURN collect(row) AS rows
       }`;
}

function interlockResult(query: InterlockQuery, row: Record<string, unknown> | undefined): InterlockResult {
  const found = (
    (row?.rows as (Omit<InterlockRow, 'entity' | 'links'> & { entity: NodeProperties; links: RelationRow[] })[] | undefined) ?? []
  ).map((r) => ({
    ...r,
    entity: entityFromNode(r.entity),
    connects: [...r.connects].sort(),
    links: r.links.map(relationFromRow),
  }));
  const given = ((row?.given as NodeProperties[] | undefined) ?? []).map(entityFromNode);
  return { given, page: pageFromRows(query.page, found, (row?.totalCount as number | undefined) ?? 0) };
}
