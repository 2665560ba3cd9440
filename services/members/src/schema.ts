import { loadSubgraphTypeDefs } from '@metropotes/graphql-kit';
import { MODERATION_APPLICATION_SDL } from '@metropotes/moderation-kit';
import { resolve } from 'node:path';

/** The package root: the same from src/ and dist/. */
export const PACKAGE_ROOT = resolve(__dirname, '..');

export const SCHEMA_FILES = [
  'src/modules/members/schema.graphql',
  'src/modules/accounts/schema.graphql',
  'src/modules/territories/schema.graphql',
  'src/modules/groups/schema.graphql',
  'src/modules/moderation/schema.graphql',
  'src/modules/prospects/schema.graphql',
  'src/modules/system/schema.graphql',
  'src/modules/digest-preview/schema.graphql',
  'src/modules/dead-jobs/schema.graphql',
  'src/modules/group-messages/schema.graphql',
  'src/modules/data-export/schema.graphql',
];

// MODERATION_APPLICATION_SDL brings MemberRole too (the role of who took a moderation decision).
export const typeDefs = loadSubgraphTypeDefs(PACKAGE_ROOT, SCHEMA_FILES, [MODERATION_APPLICATION_SDL]);
