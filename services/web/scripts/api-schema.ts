// `npm run schema -w @metropotes/web`: writes app/graphql/schema.graphql, the API schema clients see, derived from
// gateway/supergraph.graphql without the federation machinery (join__/link__ types and directives). graphql-codegen
// types the site's documents against it; test/api-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { apiSchemaSdl, API_SCHEMA_PATH } from './api-schema-lib';

writeFileSync(API_SCHEMA_PATH, apiSchemaSdl());
console.log(`Wrote ${API_SCHEMA_PATH}`);
