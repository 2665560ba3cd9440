import { subgraphConfigFrom, type SubgraphConfig } from '@metropotes/config';

export type ModerationConfig = SubgraphConfig;

export const moderationConfigFrom = (source: Record<string, string | undefined> = process.env): ModerationConfig =>
  subgraphConfigFrom('MODERATION', 4004, source);
