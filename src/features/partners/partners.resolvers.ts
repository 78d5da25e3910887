/** Country.partners and Agency.partners: the date and page checked here (BAD_USER_INPUT), the pages batched per tree level (partners.loaders.ts). */
import type { AgencyResolvers, CountryResolvers } from '../../generated/graphql';
import type { RequestContext } from '../../core/graphql/context';
import { cursorScope } from '../../core/cypher/keyset';
import { pageRequest, toConnection } from '../../core/graphql/pagination';
import { dateArgument, wholeNumber } from '../../core/graphql/arguments';
import { entityLoader } from '../entity/entity.loaders';
import { partnersLoader } from './partners.loaders';

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
  return toConnection(partnerships, scope, (partnership) => [partnership.sortValue, partnership.partner.id]);
}

export const partnersResolvers: {
  Country: Pick<CountryResolvers, 'partners'>;
  Agency: Pick<AgencyResolvers, 'partners'>;
} = {
  Country: { partners },
  Agency: { partners },
};
