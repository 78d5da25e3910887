/** Query.viewer: who the request's token names, as the auth plugin verified it. Reads no data. */
import type { QueryResolvers, Viewer } from '../../generated/graphql';

export const authResolvers: { Query: Pick<QueryResolvers, 'viewer'> } = {
  Query: {
    viewer: (_, __, context): Viewer | null => {
      const viewer = context.viewer;
      if (!viewer) return null;
      return {
        subject: viewer.subject,
        role: viewer.role === 'admin' ? 'ADMIN' : viewer.role === 'editor' ? 'EDITOR' : 'READER',
        method: viewer.method === 'apiKey' ? 'API_KEY' : 'JWT',
        name: viewer.name,
      };
    },
  },
};
