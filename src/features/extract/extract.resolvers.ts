/**
 * Query.draftBundle: a draft source bundle from a document's text, for an editor to review and
 * then import (importBundle). The extractor is ingest's (ingest/extract), handed in by the app
 * because a feature does not import ingest; the look-ups go through the search index. Nothing
 * is written. Who may call it is decided before this runs (plugins/auth, @requiresRole EDITOR).
 */
import type { Draft, NameMatcher } from '../../core/model/drafts';
import type { QueryResolvers } from '../../generated/graphql';
import { SearchNameMatcher } from './search-matcher';

/** Makes a draft from a text; throws InvalidArgumentError for input no draft can be made from. */
export type DraftExtractor = (text: string, options: { url?: string; published?: string }, matcher: NameMatcher) => Promise<Draft>;

export function extractResolvers(extract: DraftExtractor): { Query: Pick<QueryResolvers, 'draftBundle'> } {
  return {
    Query: {
      draftBundle: async (_, { text, url, published }, context) => {
        const draft = await extract(text, { url: url ?? undefined, published: published ?? undefined }, new SearchNameMatcher(context.db));
        return draft;
      },
    },
  };
}
