import { commonEnv, LOCAL_REDIS_URL, loadEnvOrExit, urlVar, z } from '@metropotes/config';

const shape = {
  ...commonEnv,
  REDIS_URL: urlVar(['redis', 'rediss']).default(LOCAL_REDIS_URL),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_\-]+$/).default('metropotes'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** How long SIGTERM waits for active jobs before leaving them to another worker. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
};

export interface WorkersConfig {
  production: boolean;
  logLevel: string;
  redis: { url: string; prefix: string };
  concurrency: number;
  shutdownTimeoutMs: number;
}

export function workersConfigFrom(source: Record<string, string | undefined> = process.env): WorkersConfig {
  const env = loadEnvOrExit(shape, source);
  return {
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    concurrency: env.WORKER_CONCURRENCY,
    shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS,
  };
}
