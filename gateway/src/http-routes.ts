import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@metropotes/graphql-kit';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { GatewayConfig, SubgraphName } from './env';
import { consumeOrRetryAfter, createRateLimiter, ROUTE_LIMITS, tooManyRequestsMessage, type RouteLimit } from './security/rate-limit';

/**
 * Plain HTTP routes served on the gateway's host but answered by a subgraph (calendar feeds, the guide PDF):
 * the gateway forwards the request with its secret, so clients see one host. Each is heavy for its subgraph and
 * open to anyone: it is rate-limited per IP (`limit`, one budget per name, shared by the routes naming it).
 */
export const SUBGRAPH_ROUTES: { path: string | RegExp; subgraph: SubgraphName; methods: ('GET' | 'POST')[]; limit: RouteLimit }[] = [
  { path: '/calendar.ics', subgraph: 'events', methods: ['GET'], limit: 'calendar' },
  { path: /^\/calendar\/[A-Za-z0-9_-]+\.ics$/, subgraph: 'events', methods: ['GET'], limit: 'calendar' },
  { path: '/guide.pdf', subgraph: 'guide', methods: ['GET'], limit: 'guidePdf' },
  { path: /^\/unsubscribe\/[A-Za-z0-9._-]+$/, subgraph: 'members', methods: ['GET', 'POST'], limit: 'unsubscribe' },
];

export function mountSubgraphRoutes(app: Express, config: GatewayConfig, redis: Redis): void {
  const limited = routeRateLimits(config, redis);
  for (const route of SUBGRAPH_ROUTES) {
    for (const method of route.methods) {
      const handler = (req: Request, res: Response) => forward(req, res, config, route.subgraph);
      if (method === 'GET') app.get(route.path, limited[route.limit], handler);
      else app.post(route.path, limited[route.limit], handler);
    }
  }
}

/**
 * One middleware per route limit: past it, 429 with Retry-After and a short French text. The client's address is
 * `req.ip` (X-Forwarded-For only from a trusted proxy, GATEWAY_TRUSTED_PROXIES). RATE_LIMITS=false: no limit.
 */
function routeRateLimits(config: GatewayConfig, redis: Redis): Record<RouteLimit, RequestHandler> {
  const pass: RequestHandler = (_req, _res, next) => next();
  const limits = config.rateLimits;
  return Object.fromEntries(
    ROUTE_LIMITS.map((name) => {
      if (!limits) return [name, pass];
      const limiter = createRateLimiter(redis, config.redis.prefix, name, limits[name]);
      const middleware = async (req: Request, res: Response, next: NextFunction) => {
        try {
          const retryAfter = await consumeOrRetryAfter(limiter, req.ip ?? 'unknown');
          if (retryAfter === null) return next();
          res.status(429).setHeader('retry-after', String(retryAfter));
          res.type('text/plain; charset=utf-8').send(tooManyRequestsMessage(retryAfter));
        } catch (error) {
          next(error);
        }
      };
      return [name, middleware];
    }),
  ) as Record<RouteLimit, RequestHandler>;
}

async function forward(req: Request, res: Response, config: GatewayConfig, subgraph: SubgraphName): Promise<void> {
  const target = config.subgraphs[subgraph];
  const url = new URL(req.originalUrl, target.url);
  const headers: Record<string, string> = { [REQUEST_ID_HEADER]: res.locals.requestId as string };
  if (target.secret) headers[GATEWAY_SECRET_HEADER] = target.secret;
  for (const name of ['accept', 'if-none-match', 'if-modified-since', 'content-type']) {
    const value = req.header(name);
    if (value) headers[name] = value;
  }
  try {
    const upstream = await fetch(url, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? (req as Request & { rawBody?: Buffer }).rawBody : undefined,
      signal: AbortSignal.timeout(config.subgraphTimeoutMs),
    });
    res.status(upstream.status);
    for (const name of ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified']) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.status(503).type('text/plain; charset=utf-8').send(`Le service « ${subgraph} » ne répond pas pour le moment. Réessayez dans un instant.`);
  }
}
