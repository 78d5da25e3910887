/** Keyset pages cut from a list already sorted in walk order (search hits, timeline facts). */
import { beyondPosition } from './keyset';
import { entityProjection, type EntitySelection } from './projection';

/**
 * The keyset page of `list`, whose entries {e, <key>} are already in walk order (sorted before
 * they were collected), bound as `out`: [{props: e projected for `selection`, <key>}], at most
 * $fetch entries beyond $position. A slice of the list: a sort inside a subquery importing the
 * list would make Neo4j count the whole list once for every row the sort keeps (200 MB for a
 * page of 100 of a hub country's 5,700 timeline facts at 100k).
 */
export function pageOfWalk(list: string, key: string, out: string, selection: EntitySelection): string {
  return `WITH *, [h IN ${list} WHERE ${beyondPosition(`h.${key}`, 'h.e.id', '$backwards')}][..toInteger($fetch)] AS shown
       CALL (shown) {
         UNWIND shown AS h
         WITH h.e AS e, h.${key} AS ${key}
         RETURN collect({props: ${entityProjection('e', selection)}, ${key}: ${key}}) AS ${out}
       }`;
}
