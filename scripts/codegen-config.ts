/**
 * graphql-codegen configurations shared by the services (each service's `codegen.ts` uses them; `npm run codegen`
 * in a service, or at the root for all of them). The generated files are committed under `src/generated/`;
 * scripts/test/codegen.test.ts fails when one is not what codegen writes today.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { resolve } from 'node:path';
import { apiSchema } from './contract';

/** The services that send operations to the gateway (each with its codegen.ts and src/generated/gateway/). */
export const CODEGEN_SERVICES = ['workers', 'members', 'events', 'moderation'] as const;

export const SUPERGRAPH_PATH = resolve(__dirname, '..', 'gateway', 'supergraph.graphql');

/** Scalars as they travel in JSON. */
const SCALARS = {
  DateTime: 'string',
  Date: 'string',
  EmailAddress: 'string',
  URL: 'string',
  Latitude: 'number',
  Longitude: 'number',
  JSON: 'unknown',
  NonEmptyString: 'string',
  PositiveInt: 'number',
};

/**
 * The operations a service sends to the gateway (`graphql(\`query …\`)` in its `src/`), typed and validated against the
 * gateway's API schema, system fields included (derived from gateway/supergraph.graphql). A document that does not
 * match the schema stops codegen. Generates `src/generated/gateway/`.
 */
export function gatewayOperationsConfig(packageRoot: string): CodegenConfig {
  return {
    schema: printSchema(apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'))),
    documents: [`${packageRoot}/src/**/*.ts`, `!${packageRoot}/src/generated/**`],
    ignoreNoDocuments: false,
    errorsOnly: true,
    silent: true,
    generates: {
      [`${packageRoot}/src/generated/gateway/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          // Documents are strings with their types attached, sent as they are.
          documentMode: 'string',
          enumsAsTypes: true,
          useTypeImports: true,
          skipTypename: true,
          onlyOperationTypes: true,
          scalars: SCALARS,
          strictScalars: true,
        },
      },
    },
  };
}
