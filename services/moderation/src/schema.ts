import { loadSubgraphTypeDefs } from '@metropotes/graphql-kit';
import { MEMBER_ROLE_SDL, MODERATION_ENUMS_SDL } from '@metropotes/moderation-kit';
import { resolve } from 'node:path';

/** The package root: the same from src/ and dist/. */
export const PACKAGE_ROOT = resolve(__dirname, '..');

export const SCHEMA_FILES = [
  'src/modules/reports/schema.graphql',
  'src/modules/cases/schema.graphql',
  'src/modules/audit/schema.graphql',
  'src/modules/data-export/schema.graphql',
];

export const typeDefs = loadSubgraphTypeDefs(PACKAGE_ROOT, SCHEMA_FILES, [MODERATION_ENUMS_SDL, MEMBER_ROLE_SDL]);
