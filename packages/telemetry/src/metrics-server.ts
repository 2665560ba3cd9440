import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface OpsServerOptions {
  /** METRICS_HOST (default 127.0.0.1: loopback) and the process's own metrics port (0: any free port). */
  host: string;
  port: number;
  /** What /metrics answers: Prometheus text. */
  metrics: () => Promise<{ contentType: string; body: string }>;
  /** Extra routes of this server (the workers' /health and /ready): path → handler. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>;
}

export interface RunningOpsServer {
  /** http://host:port (the metrics are at /metrics). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The metrics of one registry, as /metrics answers them. */
export const registryMetrics = (registry: Registry) => async () => ({ contentType: registry.contentType, body: await registry.metrics() });

/**
 * The operations port of a process: GET /metrics (and the given routes), on its own port apart from the service's,
 * loopback unless METRICS_HOST says otherwise, so that the metrics never reach the public.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const routes = options.routes ?? {};
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handle = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
      } else if (path === '/metrics') {
        const { contentType, body } = await options.metrics();
        res.writeHead(200, { 'content-type': contentType }).end(body);
      } else if (routes[path]) {
        await routes[path](req, res);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      }
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${(error as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
