/** `quantities(metric:)` on every entity type: what the sources state in figures about it. */
import { nameArgument } from '../../core/graphql/arguments';
import type { RequestContext } from '../../core/graphql/context';
import type { EntityRecord } from '../../core/model/records';
import { entityTypeNames } from '../../core/model/registry';
import { quantitiesLoader } from './quantities.loaders';

const quantities = (entity: EntityRecord, args: { metric?: string | null }, context: RequestContext) =>
  quantitiesLoader(context).load({ id: entity.id, metric: nameArgument('metric', args.metric) });

export const quantityResolvers = Object.fromEntries(entityTypeNames.map((type) => [type, { quantities }]));
