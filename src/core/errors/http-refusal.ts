/**
 * A request refused over plain HTTP before any answer was sent (a body too large, an export's
 * bad parameter, too many requests in flight): the status, the error code and message a client
 * reads in `errors[0]`, what it names, and headers such as Retry-After. Whoever answers the
 * request writes it out; nothing here knows about GraphQL.
 */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
