import { loadEnvOrExit, subgraphConfigFrom, z, type SubgraphConfig } from '@metropotes/config';

export interface EventsConfig extends SubgraphConfig {
  /**
   * The secret the members' calendar feed URLs are derived from (HKDF, then HMAC of the member's id and feed version).
   * Only this service holds it; changing it changes every feed URL.
   */
  calendarFeedKey: string;
}

const ownShape = {
  CALENDAR_FEED_KEY: z
    .string()
    .min(32, 'a random string of 32+ characters, the key of the calendar feed URLs (generated into .keys/ outside production)'),
};

export function eventsConfigFrom(source: Record<string, string | undefined> = process.env): EventsConfig {
  const base = subgraphConfigFrom('EVENTS', 4002, source, ownShape);
  const own = loadEnvOrExit(ownShape, source);
  return { ...base, calendarFeedKey: own.CALENDAR_FEED_KEY };
}
