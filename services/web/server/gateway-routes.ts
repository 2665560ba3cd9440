import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from '@metropotes/config';
import { loggablePath } from './loggable-path';
import { sendPlainPage } from './plain-page';

/**
 * The gateway's own HTTP routes, reachable from the site's address too (links in e-mails and calendar apps point to
 * PUBLIC_URL, which is the site): the site forwards them as they are, with the visitor's address, so the gateway's
 * per-IP limits apply to the visitor. Mounted before the form check: one-click unsubscribe (RFC 8058) is a POST a
 * mail client sends without Origin.
 */
export const GATEWAY_ROUTES: { path: string | RegExp; methods: ('GET' | 'POST')[] }[] = [
  { path: '/calendar.ics', methods: ['GET'] },
  { path: /^\/calendar\/[A-Za-z0-9_-]+\.ics$/, methods: ['GET'] },
  { path: '/guide.pdf', methods: ['GET'] },
  { path: /^\/unsubscribe\/[A-Za-z0-9._-]+$/, methods: ['GET', 'POST'] },
];

const REQUEST_HEADERS = ['accept', 'accept-language', 'if-none-match', 'if-modified-since', 'content-type', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'retry-after', 'content-language'];

export function mountGatewayRoutes(app: Express, options: { gatewayOrigin: string; timeoutMs: number; logger: Logger }): void {
  const body = express.raw({ type: () => true, limit: '16kb' });
  for (const route of GATEWAY_ROUTES) {
    for (const method of route.methods) {
      const handler = (req: Request, res: Response) => forward(req, res, options);
      if (method === 'GET') app.get(route.path, handler);
      else app.post(route.path, body, handler);
    }
  }
}

async function forward(req: Request, res: Response, options: { gatewayOrigin: string; timeoutMs: number; logger: Logger }): Promise<void> {
  const headers: Record<string, string> = {
    'x-forwarded-for': req.ip ?? '',
    'x-forwarded-proto': req.protocol,
    'x-request-id': res.locals.requestId as string,
  };
  for (const name of REQUEST_HEADERS) {
    const value = req.header(name);
    if (value) headers[name] = value;
  }
  try {
    const upstream = await fetch(new URL(req.originalUrl, options.gatewayOrigin), {
      method: req.method,
      headers,
      body: req.method === 'POST' && Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    res.status(upstream.status);
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await upstream.arrayBuffer()));
  } catch (error) {
    options.logger.warn(
      { requestId: res.locals.requestId, path: loggablePath(req.path), err: (error as Error).message },
      'gateway route unavailable',
    );
    sendPlainPage(res, 503, 'Service indisponible', 'Ce service ne répond pas pour le moment. Réessayez dans un instant.');
  }
}
