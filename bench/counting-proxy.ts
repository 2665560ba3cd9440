// A counting HTTP proxy in front of the gateway, for the benchmarks: the workers are pointed at it (GATEWAY_URL),
// so the bench counts the gateway requests a job makes without touching the workers' code. It forwards each request
// as is, to the same path (keep-alive to the gateway), and counts those to the GraphQL endpoint by operation name;
// the others (the web site's poll of /public-cache/generation) pass uncounted.
import { Agent, createServer, request, type Server } from 'node:http';

export interface CountingProxy {
  url: string;
  /** Requests since the last reset, in all and by operation name (`(anonymous)` without one). */
  counts(): { total: number; byOperation: Record<string, number>; bytesOut: number };
  /** The last body sent for each operation name (to replay a client's exact request elsewhere). */
  lastBodies(): Record<string, string>;
  reset(): void;
  close(): Promise<void>;
}

const OPERATION_RE = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export async function startCountingProxy(target: string, port: number): Promise<CountingProxy> {
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let total = 0;
  let bytesOut = 0;
  let byOperation: Record<string, number> = {};
  let lastBodies: Record<string, string> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const graphql = (req.url ?? '/').split('?')[0] === to.pathname;
      if (graphql) {
        total += 1;
        let name = '(anonymous)';
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { operationName?: string; query?: string };
          name = parsed.operationName ?? OPERATION_RE.exec(parsed.query ?? '')?.[1] ?? name;
        } catch {
          name = '(not JSON)';
        }
        byOperation[name] = (byOperation[name] ?? 0) + 1;
        lastBodies[name] = body.toString('utf8');
      }
      const headers = { ...req.headers, host: to.host, 'content-length': String(body.length) };
      const path = graphql ? to.pathname + to.search : (req.url ?? '/');
      const upstream = request({ host: to.hostname, port: to.port, path, method: req.method, headers, agent }, (answer) => {
        // Hop-by-hop headers are the proxy's own: the gateway's `Keep-Alive: timeout=65` would make a client keep an
        // idle connection to the proxy longer than the proxy keeps it (it would then reuse one already closed).
        const { connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _encoding, ...forwarded } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, forwarded);
        answer.on('data', (chunk: Buffer) => {
          bytesOut += chunk.length;
        });
        answer.pipe(res);
      });
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`counting proxy: ${error.message}`);
      });
      upstream.end(body);
    });
  });
  // As the services do (packages/service-host/src/http-listener.ts): idle connections are kept longer than clients
  // keep theirs, so that a client never sends a request on a connection the proxy is closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}${to.pathname}`,
    counts: () => ({ total, byOperation: { ...byOperation }, bytesOut }),
    lastBodies: () => ({ ...lastBodies }),
    reset() {
      lastBodies = {};
      total = 0;
      bytesOut = 0;
      byOperation = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
