import type { CodegenConfig } from '@graphql-codegen/cli';
import { entityTypeNames } from './src/core/model/registry';
import { loadTypeDefs } from './src/app/schema';

// Resolver and model types come from schema/*.graphql and the SDL derived from the model registry,
// read by the server's own loadTypeDefs, never by hand. src/generated/ is git-ignored and
// rebuilt by `npm install` (prepare), `npm run build` and `npm run lint`, so the types can never be
// stale against the SDL.
const records = '../core/model/records';
const config: CodegenConfig = {
  schema: loadTypeDefs(),
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../core/graphql/context#RequestContext',
        useIndexSignature: false,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { ID: 'string', JSON: 'unknown' },
        // Resolvers receive our repository records, not the GraphQL shapes: each entity type
        // its own record (from the model registry), so no resolver casts.
        mappers: {
          Entity: `${records}#EntityRecord`,
          ...Object.fromEntries(entityTypeNames.map((type) => [type, `${records}#EntityRecordOf<'${type}'>`])),
          SourceDocument: `${records}#SourceRecord`,
          Relation: `${records}#RelationRecord`,
          Citation: `${records}#CitationRecord`,
          Position: `${records}#RelationRecord`,
          StatedQuantity: `${records}#StatedQuantityRecord`,
          PartialDate: `${records}#PartialDateRecord`,
          Claim: `${records}#ClaimRecord`,
          Change: '../features/audit/audit.repository#ChangeRecord',
          DatasetVersion: '../features/export/version#DatasetVersionAnswer',
        },
      },
    },
    // The typed client example (examples/): its documents checked against the schema and typed.
    'examples/generated/': {
      documents: ['examples/*.ts'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { ID: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
