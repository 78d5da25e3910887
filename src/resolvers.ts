/** All resolvers, merged. Each feature folder owns its own; this file only assembles them. */
import type { Resolvers } from './generated/graphql';
import { agencyResolvers } from './agency/resolvers';
import { awardResolvers } from './award/resolvers';
import { centerResolvers } from './center/resolvers';
import { conflictResolvers } from './conflicts/resolvers';
import { countryResolvers } from './country/resolvers';
import { eventResolvers } from './event/resolvers';
import { exploreResolvers } from './explore/resolvers';
import { graphResolvers } from './graph/resolvers';
import { memorandumResolvers } from './memorandum/resolvers';
import { personResolvers } from './person/resolvers';
import { sourceResolvers } from './source/resolvers';
import { statisticResolvers } from './statistic/resolvers';
import { trainingResolvers } from './training/resolvers';

const features = [
  graphResolvers,
  countryResolvers,
  agencyResolvers,
  personResolvers,
  memorandumResolvers,
  centerResolvers,
  trainingResolvers,
  awardResolvers,
  eventResolvers,
  statisticResolvers,
  sourceResolvers,
  conflictResolvers,
];

export const resolvers: Resolvers = {
  ...Object.assign({}, ...features),
  Query: Object.assign({}, ...features.map((feature) => feature.Query), exploreResolvers.Query),
  // Explore adds fields (partners) to types other features own.
  Country: { ...countryResolvers.Country, ...exploreResolvers.Country },
  Agency: { ...agencyResolvers.Agency, ...exploreResolvers.Agency },
};
