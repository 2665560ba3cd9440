import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of the gateway that counts the GraphQL requests going through it, by operation name. */
export interface CountingGateway {
  /** Point a SystemGateway here. */
  url: string;
  /** Requests by operation name since the last reset. */
  counts(): Record<string, number>;
  /** How many different Authorization headers (tokens) the requests since the last reset carried. */
  tokens(): number;
  reset(): void;
  stop(): Promise<void>;
}

const OPERATION_RE = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export async function startCountingGateway(gatewayUrl: string): Promise<CountingGateway> {
  const target = new URL(gatewayUrl);
  let counts: Record<string, number> = {};
  let tokens = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let name = '(anonymous)';
      try {
        name = OPERATION_RE.exec((JSON.parse(body.toString('utf8')) as { query?: string }).query ?? '')?.[1] ?? name;
      } catch {
        name = '(not JSON)';
      }
      counts[name] = (counts[name] ?? 0) + 1;
      tokens.add(String(req.headers.authorization));
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: req.method,
          headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(error.message);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    counts: () => ({ ...counts }),
    tokens: () => tokens.size,
    reset: () => {
      counts = {};
      tokens = new Set();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
