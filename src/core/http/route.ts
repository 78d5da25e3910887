/**
 * Plain HTTP routes: health, metrics, pages, assets, exports, and GraphQL itself. Each route says
 * which requests it answers and answers them itself (streaming if it likes). The server asks
 * them in order (app/http/routing.ts), so a page may take `GET /graphql` from a browser while
 * GraphQL clients still reach Apollo further down the table. Declared in core because features
 * (the exports) contribute routes and may not import the app.
 */
import type http from 'node:http';
import type { Logger } from '../logger';

export interface RouteRequest {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  url: URL;
  /** The request's id (x-request-id), for error bodies and the database's transaction metadata. */
  requestId: string;
  /** The request's logger: every line it writes carries `requestId`. */
  log: Logger;
  /** Aborted when the client leaves: stop the work (a streamed export stops reading from Neo4j). */
  signal: AbortSignal;
}

/** A route; `R` is what it is handed (the app's routes get the whole exchange, app/http/exchange.ts). */
export interface HttpRoute<R extends RouteRequest = RouteRequest> {
  /** Whether this route answers the request; the first route that does answers it. */
  matches(request: http.IncomingMessage, url: URL): boolean;
  /** Answers the request; a rejection after headers were sent ends the response. */
  handle(routeRequest: R): Promise<void>;
}
