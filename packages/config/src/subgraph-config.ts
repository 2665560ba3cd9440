import { processClock, type Clock } from './clock';
import { metricsEnvShape, metricsListenFrom, type MetricsListen, type MetricsProcess } from './metrics-config';
import {
  boolVar,
  commonEnv,
  DEFAULT_PUBLIC_URL,
  jobRetryEnv,
  LOCAL_DATABASE_URL,
  LOCAL_REDIS_URL,
  loadEnvOrExit,
  portVar,
  urlVar,
  z,
  type JobRetry,
} from './env';

/**
 * The variables every subgraph reads. `<PREFIX>_DATABASE_URL` wins over `DATABASE_URL`, so any
 * service can move to its own database server with no code change; likewise for the other
 * per-service variables.
 */
export function subgraphEnvShape(prefix: string, defaultPort: number) {
  return {
    ...commonEnv,
    DATABASE_URL: urlVar(['postgres', 'postgresql']).default(LOCAL_DATABASE_URL),
    [`${prefix}_DATABASE_URL`]: urlVar(['postgres', 'postgresql']).optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(50).default(8),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    [`${prefix}_PORT`]: portVar(defaultPort),
    [`${prefix}_HOST`]: z.string().default('127.0.0.1'),
    [`${prefix}_GATEWAY_SECRET`]: z.string().min(16, 'at least 16 characters').optional(),
    REDIS_URL: urlVar(['redis', 'rediss']).default(LOCAL_REDIS_URL),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default('metropotes'),
    ...jobRetryEnv,
    AUTH_PUBLIC_KEY: z.string().min(1, 'the PEM public key that verifies access tokens'),
    SYSTEM_PUBLIC_KEY: z.string().optional(),
    // The web site: people reach the platform through it, and it forwards the gateway's own routes (/calendar/…).
    PUBLIC_URL: urlVar(['http', 'https']).default(DEFAULT_PUBLIC_URL),
    RUN_MIGRATIONS: boolVar(true),
    ...metricsEnvShape(prefix as MetricsProcess),
  } as const;
}

/** A subgraph in production: only the gateway may call it, tokens are checked with real keys, links are real. */
export const subgraphProductionRequirements = (prefix: string) => ({
  [`${prefix}_GATEWAY_SECRET`]: 'the secret the gateway presents to this subgraph (32+ random characters)',
  AUTH_PUBLIC_KEY: 'the PEM public key that verifies member tokens',
  SYSTEM_PUBLIC_KEY: "the PEM public key that verifies the workers' system tokens",
  PUBLIC_URL: 'the address people use (https://…), for links',
});

export interface SubgraphConfig {
  production: boolean;
  logLevel: string;
  database: { url: string; poolMax: number; statementTimeoutMs: number };
  listen: { port: number; host: string };
  /** Where the process serves /metrics (`<PREFIX>_METRICS_PORT`, `METRICS_HOST`). */
  metrics: MetricsListen;
  gatewaySecret?: string;
  redis: { url: string; prefix: string };
  /** How the jobs this service enqueues are retried (`JOB_ATTEMPTS`, `JOB_BACKOFF_MS`). */
  jobs: JobRetry;
  keys: { memberPublicKey: string; systemPublicKey?: string };
  /** Where people reach the platform (the gateway), for links in feeds and e-mails. */
  publicUrl: string;
  runMigrations: boolean;
  /** "Now" for the service's rules (`./clock`). */
  clock: Clock;
}

export function subgraphConfigFrom(
  prefix: string,
  defaultPort: number,
  source: Record<string, string | undefined> = process.env,
  /** The service's own variables, checked in the same pass so that every problem is reported at once. */
  ownShape: z.ZodRawShape = {},
): SubgraphConfig {
  const env = loadEnvOrExit({ ...subgraphEnvShape(prefix, defaultPort), ...ownShape }, source, subgraphProductionRequirements(prefix)) as Record<
    string,
    unknown
  >;
  return {
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL as string,
    database: {
      url: (env[`${prefix}_DATABASE_URL`] as string | undefined) ?? (env.DATABASE_URL as string),
      poolMax: env.DATABASE_POOL_MAX as number,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS as number,
    },
    listen: { port: env[`${prefix}_PORT`] as number, host: env[`${prefix}_HOST`] as string },
    metrics: metricsListenFrom(env, prefix as MetricsProcess),
    gatewaySecret: env[`${prefix}_GATEWAY_SECRET`] as string | undefined,
    redis: { url: env.REDIS_URL as string, prefix: env.REDIS_PREFIX as string },
    jobs: { attempts: env.JOB_ATTEMPTS as number, backoffMs: env.JOB_BACKOFF_MS as number },
    keys: { memberPublicKey: env.AUTH_PUBLIC_KEY as string, systemPublicKey: env.SYSTEM_PUBLIC_KEY as string | undefined },
    publicUrl: env.PUBLIC_URL as string,
    runMigrations: env.RUN_MIGRATIONS as boolean,
    clock: processClock({ production: env.NODE_ENV === 'production', clockStart: env.CLOCK_START as string | undefined }),
  };
}
