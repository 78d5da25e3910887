import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver and model types come from schema/*.graphql, never by hand. src/generated/ is
// git-ignored and rebuilt by `npm install` (prepare), `npm run build` and `npm run lint`,
// so the types can never be stale against the SDL.
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context#RequestContext',
        useIndexSignature: false,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { ID: 'string' },
        // Resolvers receive our repository records, not the GraphQL shapes.
        mappers: {
          Entity: '../graph/records#EntityRecord',
          Country: '../graph/records#EntityRecord',
          Agency: '../graph/records#EntityRecord',
          Person: '../graph/records#EntityRecord',
          Memorandum: '../graph/records#EntityRecord',
          ServiceCenter: '../graph/records#EntityRecord',
          Training: '../graph/records#EntityRecord',
          Award: '../graph/records#EntityRecord',
          Event: '../graph/records#EntityRecord',
          Statistic: '../graph/records#EntityRecord',
          SourceDocument: '../graph/records#SourceRecord',
          Relation: '../graph/records#RelationRecord',
          Citation: '../graph/records#CitationRecord',
          Position: '../graph/records#RelationRecord',
        },
      },
    },
  },
};

export default config;
