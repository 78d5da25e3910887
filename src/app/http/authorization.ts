/**
 * Stage 4, auth: the Authorization header is parsed once here and passed on: the body limit
 * reads whether it carries a bearer token, the mutation deadline too, and the auth plugin
 * (plugins/auth) checks that token through the request's context. Nothing is refused here: a
 * malformed header is refused by the auth plugin, with the reason, after the request's limits.
 */
import { parseAuthorization } from '../../core/auth/authorization-header';
import type { HttpExchange } from './exchange';
import type { Stage } from './pipeline';

export const parseAuthorizationOnce: Stage<HttpExchange> = async (exchange, next) => {
  exchange.authorization = parseAuthorization(exchange.request.headers.authorization);
  await next();
};
