import { subgraphConfigFrom, type SubgraphConfig } from '@metropotes/config';

export type GuideConfig = SubgraphConfig;

export const guideConfigFrom = (source: Record<string, string | undefined> = process.env): GuideConfig => subgraphConfigFrom('GUIDE', 4003, source);
