/**
 * One request on its way through the pipeline (app/http/pipeline.ts): what the stages before a
 * stage found out, so none works it out twice (the Authorization header is parsed once).
 */
import type http from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import type { AuthorizationHeader } from '../../core/auth/authorization-header';
import type { RouteRequest } from '../../core/http/route';
import type { RequestWatch } from '../plugins/deadline';

/** What every stage and route gets: the route request (its logger among it) and its Authorization header. */
export interface HttpExchange extends RouteRequest {
  /** The Authorization header, parsed once (authorization.ts); `none` until that stage ran. */
  authorization: AuthorizationHeader;
}

/** A POST or GET /graphql on its way to Apollo: what its own stages add (graphql.route.ts). */
export interface GraphQLExchange extends HttpExchange {
  /** The request's deadline and its client leaving (deadline.ts). */
  watch: RequestWatch;
  /** A POST's body as text (body-limit.ts); undefined for a GET. */
  rawBody?: string;
  /** The body parsed (json-parse.ts); undefined for a GET or an empty body. */
  body?: unknown;
  /** A writer's mutation: the mutation deadline and its name in the runner (mutation-deadline.ts). */
  mutation: boolean;
  /** Apollo's answer, written out by response-cap.ts. */
  result?: HTTPGraphQLResponse;
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
