/**
 * Exploring the network: search, neighbourhoods, paths, timelines, partners and dashboard
 * aggregates. Thin: arguments are checked here (BAD_USER_INPUT naming the argument and its
 * range, NOT_FOUND for unknown ids), the work is one repository call.
 */
import type { AgencyResolvers, CountryResolvers, QueryResolvers, TimelineKind } from '../../generated/graphql';
import { perRequest, type RequestContext } from '../../core/graphql/context';
import { InvalidArgumentError, NotFoundError } from '../../core/errors';
import { cursorScope, encodeCursor, pageRequest, toConnection } from '../../core/graphql/pagination';
import { countryArgument, dateArgument, languageArgument, wholeNumber } from '../../core/graphql/arguments';
import { fallbackLanguage, localizedName } from '../../core/model/names';
import { nameKeys } from '../../core/model/storage';
import { datedTypes, entitySpec, entityTypeNames, typeOfEnumValue, type EntityTypeName } from '../../core/model/registry';
import { nestedEntitySelection, relationKeysAt } from '../../core/graphql/entity-selection';
import { defaultReadOptions } from '../entity/resolvers';
import { rememberRelationEnds } from '../entity/prefetched';
import { entityLoader } from '../entity/loaders';
import { partnersLoader } from './loaders';
import { ExploreRepository, type TimelineRow } from './repository';
import { parsePartialDate, withClaims } from '../../core/model/values';
import { dashboard, statsPartsFor } from './stats';
import { selectedFieldNames } from '../../core/graphql/selection';
import { pathExplanation, whenText } from './values';

export const maxNetworkDepth = 4;
export const maxNetworkLimit = 500;
export const defaultNetworkLimit = 100;
export const maxPathLength = 6;
export const maxPaths = 10;
export const maxSearchLength = 200;
/** What stands for a field the client did not select (its inputs were not read): graphql-js never serves it. */
const unread = '';

const exploreRepository = perRequest((db) => new ExploreRepository(db));

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

export const maxPartnerLinks = 100;

/** Country.partners and Agency.partners: a page of partners, each with its first linksFirst links. */
async function partners(
  entity: { id: string },
  args: { asOf?: string | null; first?: number | null; after?: string | null; linksFirst?: number | null },
  context: RequestContext,
) {
  // Partners of one entity on one date: a cursor of another entity's partners is refused.
  const scope = cursorScope('partners', { id: entity.id, asOf: args.asOf });
  const page = pageRequest({ first: args.first, after: args.after }, scope);
  const asOf = dateArgument('asOf', args.asOf);
  const linksFirst = wholeNumber('linksFirst', args.linksFirst ?? 20, 0, maxPartnerLinks);
  const partnerships = await partnersLoader(context).load({ id: entity.id, asOf, page, linksFirst });
  for (const partnership of partnerships.rows) entityLoader(context).prime(partnership.partner.id, partnership.partner);
  return toConnection(partnerships, (partnership) => encodeCursor(partnership.sortValue, partnership.partner.id, scope));
}

export const exploreResolvers: {
  Query: Pick<QueryResolvers, 'search' | 'network' | 'paths' | 'timeline' | 'stats'>;
  Country: Pick<CountryResolvers, 'partners'>;
  Agency: Pick<AgencyResolvers, 'partners'>;
} = {
  Query: {
    search: async (_, args, context, info) => {
      if (args.query.length > maxSearchLength)
        throw new InvalidArgumentError('query', `at most ${maxSearchLength} characters`, args.query.length);
      const scope = cursorScope('search', { query: args.query, types: args.types });
      const request = pageRequest({ first: args.first, after: args.after }, scope);
      const types = args.types && args.types.length > 0 ? args.types.map((type) => typeOfEnumValue(type)!) : null;
      const selection = nestedEntitySelection(info, [['edges', 'node']], types ?? entityTypeNames, defaultReadOptions.compiledLevels);
      const page = await exploreRepository(context).search(args.query, types, request, selection);
      const connection = toConnection(page, (hit) => encodeCursor(hit.sortValue, hit.entity.id, scope));
      return { ...connection, edges: connection.edges.map((edge) => ({ node: edge.node.entity, cursor: edge.cursor })) };
    },
    network: async (_, args, context, info) => {
      const depth = wholeNumber('depth', args.depth ?? 1, 1, maxNetworkDepth);
      const limit = wholeNumber('limit', args.limit ?? defaultNetworkLimit, 1, maxNetworkLimit);
      const asOf = dateArgument('asOf', args.asOf);
      const types = args.relationTypes && args.relationTypes.length > 0 ? [...args.relationTypes] : null;
      // The center, the nodes and the edges' ends are the same entities: one selection for all, compiled into the query.
      const selection = nestedEntitySelection(
        info,
        [['center'], ['nodes'], ['edges', 'from'], ['edges', 'to']],
        entityTypeNames,
        defaultReadOptions.compiledLevels,
      );
      const result = await exploreRepository(context).network(
        args.center,
        depth,
        types,
        limit,
        asOf,
        selection,
        relationKeysAt(info, [['edges']]),
      );
      if (!result.found) throw new NotFoundError('center', args.center);
      rememberRelationEnds(result.edges, result.nodes);
      return { center: result.nodes[0]!, nodes: result.nodes, edges: result.edges, truncated: result.truncated };
    },
    paths: async (_, args, context, info) => {
      const maxLength = wholeNumber('maxLength', args.maxLength ?? 4, 1, maxPathLength);
      const first = wholeNumber('first', args.first ?? 3, 1, maxPaths);
      // Explanations are English sentences: English names where known, unless another language is asked for.
      const lang = languageArgument('lang', args.lang) ?? fallbackLanguage;
      // The nodes and the relations' ends are the same entities: one selection for all, plus what an explanation reads.
      const selected = nestedEntitySelection(
        info,
        [['nodes'], ['relations', 'from'], ['relations', 'to']],
        entityTypeNames,
        defaultReadOptions.compiledLevels,
      );
      const explained = selectedFieldNames(info).has('explanation');
      const selection = explained ? { ...selected, keys: [...new Set([...selected.keys, 'name', ...nameKeys])] } : selected;
      const result = await exploreRepository(context).paths(
        args.from,
        args.to,
        maxLength,
        first,
        selection,
        relationKeysAt(info, [['relations']]),
      );
      if (!result.hasFrom) throw new NotFoundError('from', args.from);
      if (!result.hasTo) throw new NotFoundError('to', args.to);
      return result.paths.map((path) => {
        rememberRelationEnds(path.relations, path.nodes);
        return {
          nodes: path.nodes,
          relations: path.relations,
          length: path.relations.length,
          explanation: explained ? pathExplanation(path.nodes, path.relations, lang) : unread,
        };
      });
    },
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
      const page = await exploreRepository(context).timeline(args.entity ?? null, country, from, to, request, selection);
      if (!page.found && args.entity) throw new NotFoundError('entity', args.entity);
      const connection = toConnection(page, (row) => encodeCursor(row.date, row.entity.id, scope));
      return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: timelineEntry(edge.node, lang) })) };
    },
    stats: async (_, args, context, info) => {
      const filter = args.filter ?? {};
      const statsFilter = {
        country: countryArgument('filter.country', filter.country),
        from: dateArgument('filter.from', filter.from),
        to: dateArgument('filter.to', filter.to),
        asOf: dateArgument('filter.asOf', filter.asOf),
        idPrefix: filter.idPrefix ?? null,
      };
      // Only the aggregates the client selected are computed.
      return dashboard(await exploreRepository(context).stats(statsFilter, statsPartsFor(selectedFieldNames(info))));
    },
  },
  Country: { partners },
  Agency: { partners },
};
