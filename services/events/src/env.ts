import { subgraphConfigFrom, type SubgraphConfig } from '@metropotes/config';

export type EventsConfig = SubgraphConfig;

export const eventsConfigFrom = (source: Record<string, string | undefined> = process.env): EventsConfig =>
  subgraphConfigFrom('EVENTS', 4002, source);
