import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Seconds: from a millisecond to a minute (a PDF of the guide, a slow subgraph). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The registry of one service: every metric of the service, with a `service` label. A process that serves its
 * metrics (its entry point) adds Node's own (`withProcessMetrics`); in-process test systems, which hold five
 * services in one process, do not.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return registry;
}

/** Node's process metrics (CPU, memory, event loop lag, handles, GC) in `registry`, prefixed `metropotes_`. */
export function withProcessMetrics(registry: Registry): Registry {
  collectDefaultMetrics({ register: registry, prefix: 'metropotes_' });
  return registry;
}

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: unknown } };

/** The route a request matched, as a low-cardinality label: `/graphql`, `/health`, `/calendar/:secret.ics`…; `other`. */
export function routeLabel(req: RoutedRequest): string {
  const routePath = typeof req.route?.path === 'string' ? req.route.path : '';
  const route = `${req.baseUrl ?? ''}${routePath}`;
  return route || 'other';
}

/**
 * Express middleware (mounted first) counting HTTP requests by method, route and status, with their latency:
 * `metropotes_http_requests_total` and `metropotes_http_request_duration_seconds`. Errors are the 5xx statuses.
 */
export function httpMetrics(registry: Registry) {
  const requests = new Counter({
    name: 'metropotes_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'metropotes_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req as RoutedRequest);
      const method = req.method ?? 'GET';
      requests.inc({ method, route, status: String(res.statusCode) });
      duration.observe({ method, route, status_class: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
    next();
  };
}
