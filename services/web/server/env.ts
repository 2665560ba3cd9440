import { randomBytes } from 'node:crypto';
import {
  boolVar,
  commonEnv,
  metricsEnvShape,
  metricsListenFrom,
  parseEnv,
  portVar,
  processClock,
  urlVar,
  z,
  type Clock,
  type MetricsListen,
} from '@metropotes/config';

const shape = {
  ...commonEnv,
  WEB_PORT: portVar(3000),
  WEB_HOST: z.string().default('127.0.0.1'),
  /** WEB_METRICS_PORT, METRICS_HOST: where the site serves /metrics. */
  ...metricsEnvShape('WEB'),
  /** The gateway's GraphQL endpoint; its origin also serves the HTTP routes the site forwards (/calendar*.ics…). */
  GATEWAY_URL: urlVar(['http', 'https']).default('http://127.0.0.1:4000/graphql'),
  /** Seals the session cookie (AES-256-GCM, key derived from it): 32+ random characters. */
  WEB_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** The address people use; default: the site itself. Forms are accepted only from its origin. */
  PUBLIC_URL: urlVar(['http', 'https']).optional(),
  /**
   * Who may tell the site the visitor's address (X-Forwarded-For), as Express's `trust proxy`: `false` (default: the
   * site is reached directly), `loopback`, or comma-separated addresses / CIDR of the reverse proxy in front of it.
   */
  WEB_TRUST_PROXY: z.string().default('false'),
  WEB_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * The cache of visitors' pages (server/page-cache.ts): public pages rendered for visitors without a session, kept
   * while the gateway's public cache generation stays the same. On unless WEB_PAGE_CACHE=false; it keeps nothing
   * while the gateway's own public cache is off.
   */
  WEB_PAGE_CACHE: boolVar(true),
  /** The most memory the page cache's entries take (every compressed variant counted), in MiB. */
  WEB_PAGE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
};

const PRODUCTION_REQUIRES = {
  WEB_SESSION_SECRET: 'the key that seals session cookies (32+ random characters)',
  PUBLIC_URL: 'the address people use (https://…)',
};

export interface WebConfig {
  production: boolean;
  logLevel: string;
  listen: { port: number; host: string };
  metrics: MetricsListen;
  gatewayUrl: string;
  /** Where the gateway's HTTP routes are: the origin of gatewayUrl. */
  gatewayOrigin: string;
  sessionSecret: string;
  /** True when the secret was generated for this process (outside production, without WEB_SESSION_SECRET). */
  sessionSecretGenerated: boolean;
  publicUrl: string;
  /** The origin forms must come from (PUBLIC_URL's). */
  publicOrigin: string;
  trustProxy: boolean | string | string[];
  gatewayTimeoutMs: number;
  clock: Clock;
  /** The cache of visitors' pages: whether it is on, and how many bytes its entries may take. */
  pageCache: { enabled: boolean; maxBytes: number };
}

/** The site's configuration from the environment; throws ConfigError naming every wrong variable. */
export function webConfigFrom(source: Record<string, string | undefined> = process.env): WebConfig {
  const env = parseEnv(shape, source, PRODUCTION_REQUIRES);
  const production = env.NODE_ENV === 'production';
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`;
  return {
    production,
    logLevel: env.LOG_LEVEL,
    listen: { port: env.WEB_PORT, host: env.WEB_HOST },
    metrics: metricsListenFrom(env, 'WEB'),
    gatewayUrl: env.GATEWAY_URL,
    gatewayOrigin: new URL(env.GATEWAY_URL).origin,
    sessionSecret: env.WEB_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    sessionSecretGenerated: env.WEB_SESSION_SECRET === undefined,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    publicOrigin: new URL(publicUrl).origin,
    trustProxy: trustProxySetting(env.WEB_TRUST_PROXY),
    gatewayTimeoutMs: env.WEB_GATEWAY_TIMEOUT_MS,
    clock: processClock({ production, clockStart: env.CLOCK_START }),
    pageCache: { enabled: env.WEB_PAGE_CACHE as boolean, maxBytes: env.WEB_PAGE_CACHE_MB * 1024 * 1024 },
  };
}

function trustProxySetting(value: string): boolean | string | string[] {
  if (value === 'false' || value === '0' || value === 'no') return false;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length === 1 ? list[0]! : list;
}
