import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpListener {
  /** The GraphQL URL (host as given, or localhost for a wildcard address). */
  url: string;
  port: number;
  /** Stops accepting connections and waits for in-flight requests, at most `graceMs` before cutting the rest. */
  close(graceMs?: number): Promise<void>;
}

export async function listenHttp(app: Express, listen: { port: number; host: string }): Promise<HttpListener> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(listen.port, listen.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  const wildcard = listen.host === '0.0.0.0' || listen.host === '::';
  const host = wildcard ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      }),
  };
}
