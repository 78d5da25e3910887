/**
 * The explorer's only way out: POST /graphql on this origin, the public API any client uses.
 * An answer with errors is thrown with the first error's message and code, for the page to show.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const answer = (await response.json()) as GraphQLAnswer<T>;
  const error = answer.errors?.[0];
  if (error || !answer.data) throw new ApiError(error?.message ?? `HTTP ${response.status}`, error?.extensions?.code ?? null);
  return answer.data;
}
