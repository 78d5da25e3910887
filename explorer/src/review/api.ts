/**
 * The review page's calls: POST /graphql on this origin with the editor's token (the token is
 * kept in the page's memory only, never stored). An answer with errors is thrown whole: the
 * message, its code and, for a bundle the server refuses, every problem with its JSON path.
 */
import type { Draft } from './draft';

export interface BundleProblem {
  path: string;
  message: string;
}

export class ReviewApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly problems: BundleProblem[],
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; problems?: BundleProblem[] } }[];
}

export async function graphqlAs<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    // Reads may need no token (AUTH_READS): without one, none is sent.
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ReviewApiError(`The service answered HTTP ${response.status} without JSON`, null, []);
  }
  const error = answer.errors?.[0];
  if (error || !answer.data) {
    const problems = error?.extensions?.problems;
    throw new ReviewApiError(
      error?.message ?? `HTTP ${response.status}`,
      error?.extensions?.code ?? null,
      Array.isArray(problems) ? problems : [],
    );
  }
  return answer.data;
}

/** GraphQL draftBundle (the extract feature): a draft from a document's text; nothing is written. */
export const draftBundleQuery = `query DraftBundle($text: String!, $url: String, $published: String) {
  draftBundle(text: $text, url: $url, published: $published) {
    bundle language warnings
    candidates { kind ref label confidence reason matchedId quote start end }
  }
}`;

export interface DraftBundleAnswer {
  draftBundle: Draft;
}

export const importBundleMutation = `mutation ImportReviewed($bundle: JSON!, $dryRun: Boolean) {
  importBundle(bundle: $bundle, dryRun: $dryRun) {
    dryRun sourceId source unchanged
    entities { type created updated unchanged }
    relations { type created updated unchanged }
    change { id }
  }
}`;

export interface ImportCount {
  type: string;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  dryRun: boolean;
  sourceId: string;
  source: 'CREATED' | 'UPDATED' | 'UNCHANGED';
  unchanged: boolean;
  entities: ImportCount[];
  relations: ImportCount[];
  change: { id: string } | null;
}

export interface ImportAnswer {
  importBundle: ImportResult;
}

/** What to tell the editor when the service refuses the token (no token, a reader's token, a revoked one). */
export function tokenAdvice(code: string | null): string | null {
  if (code === 'UNAUTHENTICATED')
    return 'The token was not accepted. Create an editor token with: npm run token -- create --role editor --name <you>';
  if (code === 'FORBIDDEN')
    return "This token's role may not do this: an editor token is needed (npm run token -- create --role editor --name <you>).";
  return null;
}
