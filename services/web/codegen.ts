import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Every GraphQL document of the site is typed from the gateway's API schema (app/graphql/schema.graphql). A document
 * that does not match the schema stops codegen, hence `npm run typecheck` and `npm run build`.
 */
const config: CodegenConfig = {
  schema: 'app/graphql/schema.graphql',
  documents: ['app/**/*.{ts,tsx}', '!app/graphql/generated/**'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'app/graphql/generated/': {
      preset: 'client',
      presetConfig: {
        // Components read their fragment's type (import type): no runtime helper, nothing in the browser bundle.
        fragmentMasking: false,
      },
      config: {
        // Documents are strings with their types attached: the server sends them as they are, without graphql-js.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: {
          DateTime: 'string',
          Date: 'string',
          EmailAddress: 'string',
          URL: 'string',
          Latitude: 'number',
          Longitude: 'number',
          JSON: 'unknown',
          NonEmptyString: 'string',
          PositiveInt: 'number',
        },
        strictScalars: false,
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
