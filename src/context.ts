/** What every resolver receives: this request's loaders and the repositories behind them. */
import { createLoaders, type Loaders, type Repositories } from './graph/loaders';

export interface RequestContext {
  loaders: Loaders;
  repositories: Repositories;
}

export function createRequestContext(repositories: Repositories): RequestContext {
  return { loaders: createLoaders(repositories), repositories };
}
