import { z } from './env';

/**
 * Where each process serves its Prometheus metrics (/metrics): its own port, on loopback unless METRICS_HOST says
 * otherwise (a scraper on another host: set it to the address it reaches). 0 takes a free port; with NODE_ENV=test
 * that is the default, so that test processes running side by side (or beside `npm start`) never collide.
 */
export const DEFAULT_METRICS_PORTS = {
  GATEWAY: 9400,
  MEMBERS: 9401,
  EVENTS: 9402,
  GUIDE: 9403,
  MODERATION: 9404,
  WORKERS: 9405,
  WEB: 9406,
} as const;

export type MetricsProcess = keyof typeof DEFAULT_METRICS_PORTS;

/** `<PROCESS>_METRICS_PORT` and `METRICS_HOST`, for a process's zod shape. */
export function metricsEnvShape(prefix: MetricsProcess) {
  return {
    [`${prefix}_METRICS_PORT`]: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  } as const;
}

export interface MetricsListen {
  port: number;
  host: string;
}

/** The metrics address from variables parsed with `metricsEnvShape(prefix)`. */
export function metricsListenFrom(env: Record<string, unknown>, prefix: MetricsProcess): MetricsListen {
  const given = env[`${prefix}_METRICS_PORT`] as number | undefined;
  return { port: given ?? (env.NODE_ENV === 'test' ? 0 : DEFAULT_METRICS_PORTS[prefix]), host: env.METRICS_HOST as string };
}
