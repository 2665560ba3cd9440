import {
  boolVar,
  commonEnv,
  LOCAL_REDIS_URL,
  loadEnvOrExit,
  metricsEnvShape,
  metricsListenFrom,
  portVar,
  urlVar,
  z,
  type MetricsListen,
} from '@metropotes/config';
import { isIP } from 'node:net';
import { DEFAULT_RATE_LIMITS, type Limit, type RateLimits } from './security/rate-limit';

export const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = { members: 4001, events: 4002, guide: 4003, moderation: 4004 };

const UNIT_SECONDS = { s: 1, min: 60, h: 3600 } as const;

/**
 * A rate limit: `<requests>/<window>`, the window a unit (s, min, h) with an optional count before it: `10/min`,
 * `100/15min`, `30/30s`, `500/h`.
 */
const limitVar = (fallback: Limit) =>
  z
    .string()
    .regex(/^\d+\/\d*(s|min|h)$/, 'expected <requests>/<window>, e.g. 10/min, 100/15min, 500/h')
    .optional()
    .transform((value): Limit => {
      if (value === undefined) return fallback;
      const [, points, count, unit] = /^(\d+)\/(\d*)(s|min|h)$/.exec(value)!;
      return { points: Number(points), durationSeconds: Number(count || 1) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] };
    })
    .refine((limit) => limit.points >= 1 && limit.durationSeconds >= 1, 'at least 1 request per at least 1 second');

/**
 * Who may say whose request it forwards (X-Forwarded-For): the web site, which calls the gateway for its visitors.
 * Comma-separated IP addresses or CIDR ranges; `none` trusts nobody. Anyone else's header is ignored, so a client
 * cannot pick the address the per-IP limits count.
 */
export const trustedProxiesVar = z
  .string()
  .default('127.0.0.1')
  .transform((value) =>
    value.trim() === 'none'
      ? []
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  )
  .refine((list) => list.every(isAddressOrRange), 'expected IP addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8), or none');

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length || !address) return false;
  const version = isIP(address);
  if (!version) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (version === 4 ? 32 : 128);
}

const shape = {
  ...commonEnv,
  GATEWAY_PORT: portVar(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  ...metricsEnvShape('GATEWAY'),
  AUTH_PUBLIC_KEY: z.string().min(1, 'the PEM public key that verifies access tokens'),
  SYSTEM_PUBLIC_KEY: z.string().optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  SUPERGRAPH_PATH: z.string().optional(),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://localhost:5173'),
  GATEWAY_TRUSTED_PROXIES: trustedProxiesVar,
  /** Unset: on outside production, off in production. */
  INTROSPECTION: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  REDIS_URL: urlVar(['redis', 'rediss']).default(LOCAL_REDIS_URL),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('metropotes'),
  RATE_LIMITS: boolVar(true),
  /** The public read cache (anonymous reads of public data, in Redis): on unless PUBLIC_CACHE=false. */
  PUBLIC_CACHE: boolVar(true),
  /** Per IP, on the routes the gateway forwards (RATE_LIMITS=false turns them off with the others). */
  RATE_LIMIT_GUIDE_PDF: limitVar(DEFAULT_RATE_LIMITS.guidePdf),
  RATE_LIMIT_CALENDAR: limitVar(DEFAULT_RATE_LIMITS.calendar),
  RATE_LIMIT_UNSUBSCRIBE: limitVar(DEFAULT_RATE_LIMITS.unsubscribe),
  ...Object.fromEntries(
    SUBGRAPHS.flatMap((name) => [
      [`${name.toUpperCase()}_URL`, urlVar(['http', 'https']).default(`http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`)],
      [`${name.toUpperCase()}_GATEWAY_SECRET`, z.string().min(16, 'at least 16 characters').optional()],
    ]),
  ),
};

/** In production the gateway never runs open: each subgraph's secret, the keys and the origins are set explicitly. */
const PRODUCTION_REQUIRES = {
  ...Object.fromEntries(
    SUBGRAPHS.map((name) => [`${name.toUpperCase()}_GATEWAY_SECRET`, `the secret the gateway presents to ${name} (32+ random characters)`]),
  ),
  AUTH_PUBLIC_KEY: 'the PEM public key that verifies member tokens',
  SYSTEM_PUBLIC_KEY: "the PEM public key that verifies the workers' system tokens",
  CORS_ORIGINS: 'the web origins allowed to call the endpoint from a browser (https://…, comma-separated)',
  PUBLIC_URL: 'the address people use (https://…)',
};

export interface GatewayConfig {
  production: boolean;
  logLevel: string;
  listen: { port: number; host: string };
  /** Where the gateway serves /metrics (GATEWAY_METRICS_PORT, METRICS_HOST): the cluster's primary, for all its processes. */
  metrics: MetricsListen;
  keys: { memberPublicKey: string; systemPublicKey?: string };
  subgraphs: Record<SubgraphName, { url: string; secret?: string }>;
  subgraphTimeoutMs: number;
  supergraphPath?: string;
  corsOrigins: string[];
  /** Addresses (or CIDR ranges) whose X-Forwarded-For names the client: the web site's. Empty: nobody's. */
  trustedProxies: string[];
  introspection: boolean;
  redis: { url: string; prefix: string };
  /** null: rate limiting off (RATE_LIMITS=false). */
  rateLimits: RateLimits | null;
  /** The public read cache (public-cache.ts). */
  publicCache: boolean;
}

export function gatewayConfigFrom(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const env = loadEnvOrExit(shape, source, PRODUCTION_REQUIRES) as Record<string, unknown>;
  const production = env.NODE_ENV === 'production';
  return {
    production,
    logLevel: env.LOG_LEVEL as string,
    listen: { port: env.GATEWAY_PORT as number, host: env.GATEWAY_HOST as string },
    metrics: metricsListenFrom(env, 'GATEWAY'),
    keys: { memberPublicKey: env.AUTH_PUBLIC_KEY as string, systemPublicKey: env.SYSTEM_PUBLIC_KEY as string | undefined },
    subgraphs: Object.fromEntries(
      SUBGRAPHS.map((name) => [
        name,
        { url: env[`${name.toUpperCase()}_URL`] as string, secret: env[`${name.toUpperCase()}_GATEWAY_SECRET`] as string | undefined },
      ]),
    ) as GatewayConfig['subgraphs'],
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS as number,
    supergraphPath: env.SUPERGRAPH_PATH as string | undefined,
    corsOrigins: (env.CORS_ORIGINS as string)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustedProxies: env.GATEWAY_TRUSTED_PROXIES as string[],
    introspection: env.INTROSPECTION === undefined ? !production : ['true', '1', 'yes'].includes(env.INTROSPECTION as string),
    redis: { url: env.REDIS_URL as string, prefix: env.REDIS_PREFIX as string },
    rateLimits: env.RATE_LIMITS
      ? {
          ...DEFAULT_RATE_LIMITS,
          guidePdf: env.RATE_LIMIT_GUIDE_PDF as Limit,
          calendar: env.RATE_LIMIT_CALENDAR as Limit,
          unsubscribe: env.RATE_LIMIT_UNSUBSCRIBE as Limit,
        }
      : null,
    publicCache: env.PUBLIC_CACHE as boolean,
  };
}
