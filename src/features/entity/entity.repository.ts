/**
 * Cypher for what every entity type shares: entities by id, the relations around them, and
 * keyset-paginated lists. Every query is parameterised and takes a batch of keys, so a
 * DataLoader can serve a whole GraphQL tree level with one round trip.
 */
import type { QueryRunner } from '../../core/db/database';
import { FilterCompiler, type EntityFilter } from '../../core/cypher/filters';
import { compareRelations, countryMembers, entityDate, existsOn, relationshipTypes, typeLabel, validOn } from '../../core/cypher/fragments';
import { beyondPosition, pageFromRows, walkOrder, type Page, type PageRequest, type SortValue } from '../../core/cypher/keyset';
import type { EntityRecord, EntityTypeName, RelationRecord } from '../../core/model/records';
import { entityFromNode, relationFromRow, type NodeProperties, type RelationRow } from '../../core/model/storage';
import type { EntitySelection } from '../../core/graphql/entity-selection';
import { entityProjection } from '../../core/cypher/projection';
import { entityFromProjection, firstOfEachId } from './prefetched';

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** Which relations of one entity to load; `types` null means all. */
export interface RelationKey {
  id: string;
  direction: Direction;
  types: string[] | null;
  /** Only relations valid on this partial date; null for all. */
  asOf?: string | null;
}

export type ListOrderField = 'NAME' | 'DATE' | 'ID';

export interface ListOptions {
  filter?: EntityFilter | null;
  order?: { field: ListOrderField; direction: 'ASC' | 'DESC' } | null;
  /** Keep only entities existing, and relations valid, on this partial date. */
  asOf?: string | null;
  /** What the client selected on each listed entity: the page ships that, relation fields included; whole entities without one. */
  selection?: EntitySelection | null;
}

/** The items of one list: its type, its checked filter and its date (what the list's analytics count). */
export interface ListScope {
  type: EntityTypeName;
  filter: EntityFilter;
  asOf: string | null;
}

/** A listed entity with the value it was sorted by: what its cursor holds. */
export interface ListedEntity {
  entity: EntityRecord;
  sortValue: SortValue;
}

export class EntityRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * Entities by id, in the order asked; an id merged away (a redirect) gives the entity it was
   * merged into; null where an id names nothing.
   */
  async entitiesByIds(ids: readonly string[]): Promise<(EntityRecord | null)[]> {
    const rows = await this.db.read('MATCH (e:Entity) WHERE e.id IN $ids RETURN properties(e) AS e', { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((row) => entityFromNode(row.e as NodeProperties)).map((entity) => [entity.id, entity]));
    const missing = [...new Set(ids.filter((id) => !byId.has(id)))];
    // Redirects are looked at only for ids that name no entity: a found id costs one statement, as before.
    if (missing.length > 0) {
      const redirected = await this.db.read(
        `MATCH (r:Redirect) WHERE r.from IN $ids
         MATCH (e:Entity {id: r.to})
         RETURN r.from AS from, properties(e) AS e`,
        { ids: missing },
      );
      for (const row of redirected) byId.set(row.from as string, entityFromNode(row.e as NodeProperties));
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * One entity with everything `selection` asks for, its relation fields' ends included, in one
   * statement; an id merged away gives the entity it was merged into (a second statement, only
   * when the id names no entity); null when the id names nothing.
   */
  async entityWithSelection(id: string, selection: EntitySelection): Promise<EntityRecord | null> {
    const rows = await this.db.read(`MATCH (n:Entity {id: $id}) RETURN ${entityProjection('n', selection)} AS e`, { id });
    const found =
      rows[0] ??
      (
        await this.db.read(`MATCH (r:Redirect {from: $id}) MATCH (n:Entity {id: r.to}) RETURN ${entityProjection('n', selection)} AS e`, {
          id,
        })
      )[0];
    return found ? entityFromProjection(found.e as NodeProperties, selection) : null;
  }

  /**
   * For each key, the relations it asks for, sorted by type, then start date, then the other end's
   * id. With asOf: only relations valid then, to entities that existed then (a memorandum signed
   * in 2017 is no relation of 2015, even when the edge itself has no start date).
   */
  async relationsByKeys(keys: readonly RelationKey[]): Promise<RelationRecord[][]> {
    return (await this.relationsAround(keys, false)).map((relations) => relations.map(({ relation }) => relation));
  }

  /**
   * For each key, the entities at the far end of its relations, in relation order, without
   * repeats: a relation field (Agency.memoranda) in one statement, relations and ends together.
   */
  async relatedByKeys(keys: readonly RelationKey[]): Promise<EntityRecord[][]> {
    return (await this.relationsAround(keys, true)).map((relations) => firstOfEachId(relations.flatMap(({ end }) => (end ? [end] : []))));
  }

  /**
   * The relations of every key in one statement, each with its far end's record when `withEnds`;
   * then a relation carries only what orders it (type, start, far end), not its citations.
   */
  private async relationsAround(
    keys: readonly RelationKey[],
    withEnds: boolean,
  ): Promise<{ relation: RelationRecord; end: EntityRecord | null }[][]> {
    // The batch's types in the pattern: a country asked for its agencies expands BASED_IN only.
    const types = relationshipTypes(keys.some((key) => key.types === null) ? null : keys.flatMap((key) => key.types!));
    const rows = await this.db.read(
      `UNWIND range(0, size($keys) - 1) AS index
       WITH index, $keys[index] AS key
       MATCH (n:Entity {id: key.id})
       CALL (n, key) {
         MATCH (n)-[r${types}]->(m:Entity)
         WHERE key.direction <> 'IN' AND (key.types IS NULL OR type(r) IN key.types) AND ${validOn('r', 'key.asOf')} AND ${existsOn('m', 'key.asOf')}
         RETURN r, n.id AS fromId, m AS other
         UNION ALL
         MATCH (n)<-[r${types}]-(m:Entity)
         WHERE key.direction <> 'OUT' AND (key.types IS NULL OR type(r) IN key.types) AND ${validOn('r', 'key.asOf')} AND ${existsOn('m', 'key.asOf')}
         RETURN r, m.id AS fromId, m AS other
       }
       RETURN index, collect({type: type(r), fromId: fromId, toId: CASE WHEN fromId = n.id THEN other.id ELSE n.id END,
                              props: CASE WHEN $withEnds THEN {start: r.start} ELSE properties(r) END,
                              end: CASE WHEN $withEnds THEN properties(other) END}) AS relations`,
      { keys: keys.map((key) => ({ id: key.id, direction: key.direction, types: key.types, asOf: key.asOf ?? null })), withEnds },
    );
    const byIndex = new Map<number, { relation: RelationRecord; end: EntityRecord | null }[]>();
    for (const row of rows) {
      const index = row.index as number;
      const order = compareRelations(keys[index]!.id);
      const relations = (row.relations as (RelationRow & { end: NodeProperties | null })[]).map((r) => ({
        relation: relationFromRow(r),
        end: r.end ? entityFromNode(r.end) : null,
      }));
      byIndex.set(
        index,
        relations.sort((a, b) => order(a.relation, b.relation)),
      );
    }
    return keys.map((_, index) => byIndex.get(index) ?? []);
  }

  /**
   * One page of entities of a type that match `options.filter`, in `options.order` (then id), with
   * the total count of matches, in one query: unfiltered from the count store, filtered from one
   * evaluation of the filter. Keyset: the page starts strictly after (or before) the cursor's row.
   */
  async listEntities(type: EntityTypeName, request: PageRequest, options: ListOptions = {}): Promise<Page<ListedEntity>> {
    const params: Record<string, unknown> = {};
    const { condition, country, asOf, filtered } = listCondition(type, options.filter, options.asOf ?? null, params);
    const order = options.order ?? { field: 'NAME', direction: 'ASC' };
    const page = `WITH e, ${sortKeyExpression('e', type, order.field)} AS k
         WHERE ${beyondPosition('k', 'e.id', '$desc')}
         WITH e, k ORDER BY ${walkOrder('k', 'e.id', '$desc')}
         LIMIT toInteger($fetch)
         RETURN {props: ${options.selection ? entityProjection('e', options.selection) : 'properties(e)'}, k: k}`;
    const cypher = country
      ? countryListQuery(type, condition, page, asOf)
      : !filtered
        ? wholeListQuery(type, page)
        : typeListQuery(type, condition, page);
    const rows = await this.db.read(cypher, {
      ...params,
      position: request.position,
      desc: (order.direction === 'DESC') !== request.backwards,
      fetch: request.limit + 1,
    });
    const row = rows[0]!;
    const record = (props: NodeProperties) => (options.selection ? entityFromProjection(props, options.selection) : entityFromNode(props));
    const fetched = (row.rows as { props: NodeProperties; k: SortValue }[]).map((r) => ({ entity: record(r.props), sortValue: r.k }));
    return pageFromRows(request, fetched, row.totalCount as number);
  }
}

/** A whole type, unfiltered: the count comes from Neo4j's count store, then one ordered page. */
function wholeListQuery(type: EntityTypeName, page: string): string {
  return `RETURN COUNT { MATCH (e${typeLabel(type)}) } AS totalCount, COLLECT {
         MATCH (e${typeLabel(type)})
         ${page}
       } AS rows`;
}

/** What a list's filter and date compile to: the condition on `e`, and whether anything narrows the type at all. */
interface ListCondition {
  condition: string;
  country: string | null;
  /** '$asOf' when a date was asked, else null: no date condition is written. */
  asOf: string | null;
  /** False for a whole type, unfiltered and undated (its count comes from the count store). */
  filtered: boolean;
}

/** Compiles a list's filter and date into `params` and a condition on `e`, one definition for the page and the analytics. */
function listCondition(
  type: EntityTypeName,
  filter: EntityFilter | null | undefined,
  asOfValue: string | null,
  params: Record<string, unknown>,
): ListCondition {
  const { country, ...rest } = filter ?? {};
  Object.assign(params, { asOf: asOfValue, country: country ?? null });
  // Without asOf, no date condition is written at all (the planner cannot drop `$asOf IS NULL OR ...` branches).
  const asOf = asOfValue ? '$asOf' : null;
  const compiled = new FilterCompiler(params, asOf).compile('e', rest, [type]);
  return {
    condition: `${existsOn('e', asOf, [type])} AND ${compiled}`,
    country: country ?? null,
    asOf,
    filtered: Boolean(country) || compiled !== 'true' || asOf !== null,
  };
}

/**
 * The entities a list of `type` keeps (its filter, its date): Cypher binding each of them once
 * as `e`, the values in `params`. The list's page and every analytics aggregate over the list
 * (facets, group-by, series) start from this same set, so their counts agree with totalCount.
 */
export function listedEntities(
  type: EntityTypeName,
  filter: EntityFilter | null | undefined,
  asOf: string | null,
  params: Record<string, unknown>,
): string {
  const list = listCondition(type, filter, asOf, params);
  return list.country ? countrySet(type, list.condition, list.asOf) : typeSet(type, list.condition);
}

/** The filter runs once over the type's label. */
function typeSet(type: EntityTypeName, condition: string): string {
  return `MATCH (e${typeLabel(type)})
       WHERE ${condition}`;
}

/** The candidates are found once, walking out from the country, then de-duplicated. */
function countrySet(type: EntityTypeName, condition: string, asOf: string | null): string {
  return `MATCH (c:Country {code: $country})
       ${countryMembers('c', 'e', [type], asOf)}
       WITH DISTINCT e WHERE ${condition}`;
}

/**
 * A filtered list of one type: the filter runs once over the type's label, and the count and
 * the page come from that one set.
 */
function typeListQuery(type: EntityTypeName, condition: string, page: string): string {
  return `${typeSet(type, condition)}
       ${pageOfSet(page)}`;
}

/**
 * A list of one type in one country: the candidates are found once, walking out from the
 * country, and the count and the page come from that one de-duplicated set.
 */
function countryListQuery(type: EntityTypeName, condition: string, page: string, asOf: string | null): string {
  return `${countrySet(type, condition, asOf)}
       ${pageOfSet(page)}`;
}

/** The count and the page of the matching rows bound to `e`, from one collected set. */
function pageOfSet(page: string): string {
  return `WITH collect(e) AS matches
       RETURN size(matches) AS totalCount, COLLECT {
         UNWIND matches AS e
         ${page}
       } AS rows`;
}

function sortKeyExpression(e: string, type: EntityTypeName, field: ListOrderField): string {
  if (field === 'DATE') return `coalesce(${entityDate(e, [type])}, '')`;
  if (field === 'ID') return `${e}.id`;
  return `${e}.sortKey`;
}
