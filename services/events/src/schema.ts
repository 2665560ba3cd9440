import { loadSubgraphTypeDefs } from '@metropotes/graphql-kit';
import { MODERATION_APPLICATION_SDL } from '@metropotes/moderation-kit';
import { resolve } from 'node:path';

/** The package root: the same from src/ and dist/. */
export const PACKAGE_ROOT = resolve(__dirname, '..');

export const SCHEMA_FILES = [
  'src/modules/events/schema.graphql',
  'src/modules/registrations/schema.graphql',
  'src/modules/series/schema.graphql',
  'src/modules/calendar/schema.graphql',
  'src/modules/moderation/schema.graphql',
  'src/modules/system/schema.graphql',
  'src/modules/revisions/schema.graphql',
  'src/modules/attendance/schema.graphql',
  'src/modules/skills/schema.graphql',
  'src/modules/training/schema.graphql',
  'src/modules/certificates/schema.graphql',
  'src/modules/stats/schema.graphql',
  'src/modules/event-messages/schema.graphql',
  'src/modules/data-export/schema.graphql',
];

export const typeDefs = loadSubgraphTypeDefs(PACKAGE_ROOT, SCHEMA_FILES, [MODERATION_APPLICATION_SDL]);
