import { createRequestHandler } from '@react-router/express';
import type { Logger } from '@metropotes/config';
import { createMetricsRegistry, httpMetrics, requestLogging } from '@metropotes/telemetry';
import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { Registry } from 'prom-client';
import { RouterContextProvider, type ServerBuild } from 'react-router';
import { QUEUE_BOARD_CSP, QUEUE_BOARD_PATH } from '../app/lib/queue-board';
import { webContext } from '../app/lib/web-context.server';
import { createRefreshCoalescer } from '../app/session/refresh-coalescer.server';
import { sameOriginForms } from './csrf';
import type { WebConfig } from './env';
import { mountGatewayRoutes } from './gateway-routes';
import { loggablePath } from './loggable-path';
import { PageCache } from './page-cache';
import { sendPlainPage } from './plain-page';
import { createSessionSealer } from './session-seal';

export interface WebAppOptions {
  config: WebConfig;
  logger: Logger;
  /** The React Router server build (production: the bundled one; development: Vite's). */
  build: () => Promise<ServerBuild>;
  /** Production: the built static files (dist/client) to serve. Development: Vite serves them. */
  staticDirectory?: string;
  /** The editable Markdown pages (services/web/content). */
  contentDirectory: string;
  /** Development: Vite's middlewares, mounted before the site (its inline scripts need a looser script policy). */
  before?: (app: Express) => void;
  /** Where the site's HTTP metrics go (server.ts serves them on WEB_METRICS_PORT). */
  metrics?: Registry;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The site: its Express application, and what runs beside the requests (the page cache's watch of the gateway). */
export interface WebApp {
  /** The Express application to listen with. */
  handler: Express;
  /** Starts the page cache's polling of the gateway's generation (its timer does not keep the process alive). */
  start(): void;
  stop(): void;
}

/**
 * The site's Express application: logs, security headers, the cache of visitors' pages, the gateway's routes,
 * compression, static files, the form check, React Router.
 */
export function createWebApp(options: WebAppOptions): WebApp {
  const { config, logger } = options;
  const sessions = createSessionSealer(config.sessionSecret);
  const refreshes = createRefreshCoalescer();
  const metrics = options.metrics ?? createMetricsRegistry('web');
  const pageCache = config.pageCache.enabled
    ? new PageCache({
        gatewayOrigin: config.gatewayOrigin,
        clock: config.clock,
        logger,
        maxBytes: config.pageCache.maxBytes,
        production: config.production,
        metrics,
      })
    : null;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(httpMetrics(metrics));
  // One line per request (@metropotes/telemetry), with its request id (the caller's if safe, else a new one: res.locals.requestId).
  app.use(requestLogging(logger, { requestIdPattern: SAFE_REQUEST_ID }));
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use((req, res, next) => {
    securityHeaders(res, config.production, options.before !== undefined);
    // The queue board of the console is the gateway's page, with its own needs (no nonce: its scripts are files).
    if (req.path === QUEUE_BOARD_PATH || req.path.startsWith(`${QUEUE_BOARD_PATH}/`)) res.setHeader('content-security-policy', QUEUE_BOARD_CSP);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'web' });
  });
  // A visitor's public page from the cache, before compression (its variants are compressed), the session and React.
  if (pageCache) app.use(pageCache.serve);

  mountGatewayRoutes(app, { gatewayOrigin: config.gatewayOrigin, timeoutMs: config.gatewayTimeoutMs, logger });
  app.use(compression());
  options.before?.(app);
  if (options.staticDirectory) {
    app.use('/assets', express.static(`${options.staticDirectory}/assets`, { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(options.staticDirectory, { maxAge: '1h', index: false }));
  }
  // Forms are accepted from the public origin only; outside production also from the address the page was asked at
  // (http://127.0.0.1:3000 as well as http://localhost:3000).
  app.use(sameOriginForms((req) => (config.production ? [config.publicOrigin] : [config.publicOrigin, `${req.protocol}://${req.get('host')}`])));
  // A miss that may be kept: its HTML is copied as React Router writes it (before compression).
  if (pageCache) app.use(pageCache.capture);
  app.use(
    createRequestHandler({
      build: options.build,
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(webContext, {
          gatewayUrl: config.gatewayUrl,
          gatewayTimeoutMs: config.gatewayTimeoutMs,
          production: config.production,
          publicUrl: config.publicUrl,
          clock: config.clock,
          logger,
          requestId: res.locals.requestId as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? '',
          cspNonce: res.locals.cspNonce as string,
          contentDirectory: options.contentDirectory,
          sessions,
          refreshes,
          pageCache: pageCache?.recorderOf(res),
        });
        return context;
      },
    }),
  );
  // Outside React (the build failed to load, a bug in a middleware): a French page, the details in the log only.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error(
      { requestId: res.locals.requestId, path: loggablePath(req.path), err: error instanceof Error ? error.message : String(error) },
      'request failed',
    );
    if (res.headersSent) return res.end();
    sendPlainPage(res, 500, 'Une erreur est survenue', "Le site n'a pas pu répondre. Réessayez dans un instant.");
  });
  return {
    handler: app,
    start: () => pageCache?.start(),
    stop: () => pageCache?.stop(),
  };
}

/**
 * Headers of every answer: a Content-Security-Policy with a nonce for React Router's inline scripts (and nothing
 * else inline), no framing, no MIME sniffing, a strict referrer policy, HSTS in production.
 */
function securityHeaders(res: Response, production: boolean, viteDevServer: boolean): void {
  const nonce = res.locals.cspNonce as string;
  // Vite's development server injects its own inline scripts and connects a websocket.
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      viteDevServer ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`,
      viteDevServer ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      viteDevServer ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      ...(production ? ['upgrade-insecure-requests'] : []),
    ].join('; '),
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (production) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
