/** Cypher for the timeline: one page of dated facts around an entity and/or of a country, walked by (date, id). */
import type { QueryRunner } from '../../core/db/database';
import { countryCondition, countryMembers, dateLe, entityDate } from '../../core/cypher/fragments';
import { entityFromProjection } from '../entity/prefetched';
import type { EntitySelection } from '../../core/cypher/projection';
import { pageOfWalk } from '../../core/cypher/walk-page';
import { pageFromRows, walkOrder, type Page, type PageRequest } from '../../core/cypher/keyset';
import type { EntityRecord } from '../../core/model/records';
import { datedTypes } from '../../core/model/registry';
import type { NodeProperties } from '../../core/model/storage';

export interface TimelineRow {
  entity: EntityRecord;
  date: string;
}

/**
 * The timeline statement: a country's facts walked out from the country, every fact, or an
 * entity's own facts and its neighbours' (narrowed to a country if one is given).
 */
function timelineStatement(entity: string | null, country: string | null, selection: EntitySelection): string {
  const date = entityDate('e', datedTypes);
  const dated = `${date} IS NOT NULL
         AND e.type IN $datedTypes
         AND ($from IS NULL OR ${dateLe('$from', date)})
         AND ($to IS NULL OR ${dateLe(date, '$to')})`;
  const conditions = `${dated} AND ($country IS NULL OR ${countryCondition('e', '$country', null, datedTypes)})`;
  // The candidates are sorted in walk order and collected as references, so the count and the
  // page (a slice of that list, see pageOfWalk) come from one walk.
  const sorted = `WITH e, ${date} AS d ORDER BY ${walkOrder('d', 'e.id', '$backwards')}
           WITH collect({e: e, d: d}) AS hits`;
  const page = pageOfWalk('hits', 'd', 'rows', selection);
  return entity === null && country !== null
    ? // A country's facts: walk out from the country, not test every entity against it.
      `OPTIONAL MATCH (c:Country {code: $country})
           CALL (c) {
             WITH c WHERE c IS NOT NULL
             ${countryMembers('c', 'e', datedTypes, null)}
             RETURN DISTINCT e
           }
           WITH e WHERE ${dated}
           ${sorted}
           ${page}
           RETURN true AS found, size(hits) AS totalCount, rows`
    : entity === null
      ? `MATCH (e:Entity) WHERE ${dated}
           ${sorted}
           ${page}
           RETURN true AS found, size(hits) AS totalCount, rows`
      : `OPTIONAL MATCH (x:Entity {id: $entity})
           CALL (x) {
             WITH x WHERE x IS NOT NULL
             CALL (x) { RETURN x AS e UNION MATCH (x)--(e:Entity) RETURN DISTINCT e }
             WITH e WHERE ${conditions}
             ${sorted}
             RETURN hits
           }
           ${page}
           RETURN x IS NOT NULL AS found, size(hits) AS totalCount, rows`;
}

export class TimelineRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * One page of the dated facts (events, memoranda, awards, centres, trainings, statistics)
   * around an entity and/or of a country, walked by (date, id): the stored date string sorts a
   * year before its months, as the timeline documents. `found` is false when the entity asked
   * about does not exist.
   */
  async timeline(
    entity: string | null,
    country: string | null,
    from: string | null,
    to: string | null,
    request: PageRequest,
    selection: EntitySelection,
  ): Promise<Page<TimelineRow> & { found: boolean }> {
    const cypher = timelineStatement(entity, country, selection);
    const rows = await this.db.read(cypher, {
      entity,
      country,
      from,
      to,
      datedTypes,
      position: request.position,
      backwards: request.backwards,
      fetch: request.limit + 1,
    });
    const row = rows[0]!;
    const fetched = (row.rows as { props: NodeProperties; d: string }[]).map((r) => ({
      entity: entityFromProjection(r.props, selection),
      date: r.d,
    }));
    return { found: row.found as boolean, ...pageFromRows(request, fetched, row.totalCount as number) };
  }
}
