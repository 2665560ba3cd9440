import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@metropotes/graphql-kit';
import type { Express, Request, Response } from 'express';
import type { GatewayConfig, SubgraphName } from './env';

/**
 * Plain HTTP routes served on the gateway's host but answered by a subgraph (calendar feeds, the guide PDF):
 * the gateway forwards the request with its secret, so clients see one host.
 */
export const SUBGRAPH_ROUTES: { path: string | RegExp; subgraph: SubgraphName; methods: ('GET' | 'POST')[] }[] = [
  { path: '/calendar.ics', subgraph: 'events', methods: ['GET'] },
  { path: /^\/calendar\/[A-Za-z0-9_-]+\.ics$/, subgraph: 'events', methods: ['GET'] },
  { path: '/guide.pdf', subgraph: 'guide', methods: ['GET'] },
  { path: /^\/unsubscribe\/[A-Za-z0-9._-]+$/, subgraph: 'members', methods: ['GET', 'POST'] },
];

export function mountSubgraphRoutes(app: Express, config: GatewayConfig): void {
  for (const route of SUBGRAPH_ROUTES) {
    for (const method of route.methods) {
      const handler = (req: Request, res: Response) => forward(req, res, config, route.subgraph);
      if (method === 'GET') app.get(route.path, handler);
      else app.post(route.path, handler);
    }
  }
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
