/** Query.timeline: dates, country and language checked here (BAD_USER_INPUT, NOT_FOUND for an unknown entity); each entry worded in `lang`. */
import type { QueryResolvers, TimelineKind } from '../../generated/graphql';
import { perRequest } from '../../core/graphql/context';
import { NotFoundError } from '../../core/errors';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { countryArgument, dateArgument, languageArgument } from '../../core/graphql/arguments';
import { fallbackLanguage, localizedName } from '../../core/model/names';
import { nameKeys } from '../../core/model/storage';
import { datedTypes, entitySpec, type EntityTypeName } from '../../core/model/registry';
import { nestedEntitySelection } from '../../core/graphql/entity-selection';
import { defaultReadOptions } from '../../core/graphql/read-options';
import { parsePartialDate, withClaims } from '../../core/model/values';
import { whenText } from '../../core/model/date-wording';
import { TimelineRepository, type TimelineRow } from './timeline.repository';

const timelineRepository = perRequest((db) => new TimelineRepository(db));

/** A timeline row as its entry: the date (its claims answer PartialDate.disputed), kind, title and wording in `lang`. */
function timelineEntry(row: TimelineRow, lang: string) {
  const date = parsePartialDate(row.date);
  if (!date) throw new Error(`${row.entity.id} has an unreadable stored date "${row.date}"`);
  const claimOf = { subject: row.entity.id, property: entitySpec(row.entity.type).dated?.attribute ?? 'date' };
  return {
    date: withClaims(date, claimOf),
    kind: timelineKind(row.entity.type, (row.entity.attributes as { kind?: string }).kind),
    entity: row.entity,
    title: localizedName(row.entity, lang),
    when: whenText(date),
  };
}

/** How the timeline labels a fact: by its type (registry), except that a signing event reads as a signing. */
function timelineKind(type: EntityTypeName, kind: unknown): TimelineKind {
  if (type === 'Event' && kind === 'SIGNING') return 'SIGNING';
  return entitySpec(type).dated?.timeline ?? 'EVENT';
}

export const timelineResolvers: { Query: Pick<QueryResolvers, 'timeline'> } = {
  Query: {
    timeline: async (_, args, context, info) => {
      const country = countryArgument('country', args.country);
      const from = dateArgument('from', args.from);
      const to = dateArgument('to', args.to);
      const lang = languageArgument('lang', args.lang) ?? fallbackLanguage;
      const scope = cursorScope('timeline', { entity: args.entity, country, from, to, lang });
      const request = pageRequest(args, scope);
      // What the client selected on each entry's entity, plus the names and kind every entry's title and kind read.
      const selected = nestedEntitySelection(info, [['edges', 'node', 'entity']], datedTypes, defaultReadOptions.compiledLevels);
      const selection = { ...selected, keys: [...new Set([...selected.keys, 'name', ...nameKeys, 'kind'])] };
      const page = await timelineRepository(context).timeline(args.entity ?? null, country, from, to, request, selection);
      if (!page.found && args.entity) throw new NotFoundError('entity', args.entity);
      const connection = toConnection(page, scope, (row) => [row.date, row.entity.id]);
      return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: timelineEntry(edge.node, lang) })) };
    },
  },
};
