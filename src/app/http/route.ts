/**
 * Plain HTTP routes beside POST /graphql: pages, assets, exports. Each route says which
 * requests it answers and answers them itself (streaming if it likes); server.ts asks them in
 * order before it hands a request to Apollo, so a route may also take `GET /graphql` from a
 * browser (a page) while GraphQL clients still reach Apollo.
 */
import type http from 'node:http';

export interface RouteRequest {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  url: URL;
  /** The request's id (x-request-id), for logs and error bodies. */
  requestId: string;
  /** Aborted when the client leaves: stop the work (a streamed export stops reading from Neo4j). */
  signal: AbortSignal;
}

export interface HttpRoute {
  /** Whether this route answers the request; the first route that does answers it. */
  matches(request: http.IncomingMessage, url: URL): boolean;
  /** Answers the request; a rejection after headers were sent ends the response. */
  handle(routeRequest: RouteRequest): Promise<void>;
}
