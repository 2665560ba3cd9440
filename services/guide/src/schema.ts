import { loadSubgraphTypeDefs } from '@metropotes/graphql-kit';
import { MODERATION_APPLICATION_SDL } from '@metropotes/moderation-kit';
import { resolve } from 'node:path';

/** The package root: the same from src/ and dist/. */
export const PACKAGE_ROOT = resolve(__dirname, '..');

export const SCHEMA_FILES = [
  'src/modules/articles/schema.graphql',
  'src/modules/actors/schema.graphql',
  'src/modules/watch/schema.graphql',
  'src/modules/moderation/schema.graphql',
  'src/modules/proposed-revisions/schema.graphql',
  'src/modules/system/schema.graphql',
  'src/modules/data-export/schema.graphql',
];

export const typeDefs = loadSubgraphTypeDefs(PACKAGE_ROOT, SCHEMA_FILES, [MODERATION_APPLICATION_SDL]);
