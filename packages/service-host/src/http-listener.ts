import type { Express } from 'express';
import type { Server, ServerResponse } from 'node:http';
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
    // Express 5 calls back with the error when the port cannot be had (EADDRINUSE...): refuse to start, with it.
    const s = app.listen(listen.port, listen.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000;
  // Responses under way, so that closing can tell their clients not to reuse the connection.
  let closing = false;
  const responses = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) res.shouldKeepAlive = false;
    responses.add(res);
    res.once('close', () => responses.delete(res));
  });
  const port = (server.address() as AddressInfo).port;
  const wildcard = listen.host === '0.0.0.0' || listen.host === '::';
  const host = wildcard ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        closing = true;
        // Each request in flight gets its answer with "Connection: close", then its connection ends: no need to
        // wait for keep-alive connections to time out.
        for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      }),
  };
}
