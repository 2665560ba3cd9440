import { subgraphConfigFrom, urlVar, loadEnvOrExit, z, type SubgraphConfig } from '@metropotes/config';

/** What the moderation rules depend on (read from the environment; tests may pass their own). */
export interface ModerationSettings {
  /** The gateway's GraphQL endpoint, read at request time (the gateway may start after this subgraph). */
  gatewayUrl: () => string;
  /** Reports from this many distinct trusted members on an open case record an automatic HIDE decision. */
  autoHideThreshold: number;
  /** A reporter is trusted (counts towards the automatic hiding) with a verified address and an account this many days old. */
  trustedReporterDays: number;
  /** At most this many reports per member per window. */
  reportRateLimit: number;
  reportRateWindowSeconds: number;
}

export interface ModerationConfig extends SubgraphConfig {
  settings: ModerationSettings;
}

const settingsShape = {
  GATEWAY_URL: urlVar(['http', 'https']).default('http://127.0.0.1:4000/graphql'),
  MODERATION_AUTO_HIDE_THRESHOLD: z.coerce.number().int().min(1).default(3),
  MODERATION_TRUSTED_REPORTER_DAYS: z.coerce.number().int().min(0).default(7),
  MODERATION_REPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  MODERATION_REPORT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
};

export function moderationSettingsFrom(source: Record<string, string | undefined> = process.env): ModerationSettings {
  const env = loadEnvOrExit(settingsShape, source) as {
    GATEWAY_URL: string;
    MODERATION_AUTO_HIDE_THRESHOLD: number;
    MODERATION_TRUSTED_REPORTER_DAYS: number;
    MODERATION_REPORT_RATE_LIMIT: number;
    MODERATION_REPORT_RATE_WINDOW_SECONDS: number;
  };
  return {
    gatewayUrl: () => env.GATEWAY_URL,
    autoHideThreshold: env.MODERATION_AUTO_HIDE_THRESHOLD,
    trustedReporterDays: env.MODERATION_TRUSTED_REPORTER_DAYS,
    reportRateLimit: env.MODERATION_REPORT_RATE_LIMIT,
    reportRateWindowSeconds: env.MODERATION_REPORT_RATE_WINDOW_SECONDS,
  };
}

export const moderationConfigFrom = (source: Record<string, string | undefined> = process.env): ModerationConfig => ({
  ...subgraphConfigFrom('MODERATION', 4004, source, settingsShape),
  settings: moderationSettingsFrom(source),
});
