import { NodeChild, startTestSystem, withTimeout, type TestSystem } from '@metropotes/test-kit';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a subgraph that holds the first answer it gets from it until `release()`:
 * the gateway's request that needs it stays in flight for as long as the test wants.
 */
async function startHoldingProxy(target: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let resolveHeld!: () => void;
  const held = new Promise<void>((resolve) => (resolveHeld = resolve));
  let holding = false;
  const server: Server = createServer((req, res) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      const hold = !holding;
      holding = true;
      const forward = () => {
        res.writeHead(answer.statusCode ?? 502, answer.headers as IncomingHttpHeaders);
        answer.pipe(res);
      };
      if (!hold) return forward();
      resolveHeld();
      void released.then(forward);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    held,
    release,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One request on a connection of its own (no keep-alive pool): its status, or the code of the connection's error. */
function onNewConnection(url: string, query: string): Promise<number | string> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ query });
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body);
  });
}

const AGENDA = '{ agenda(first: 1) { totalCount } }';

async function post(url: string, query: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/**
 * SIGTERM to the gateway's real entry point (gateway/src/index.ts, a cluster of two processes as `npm start` runs it
 * on this machine) while a request waits for a subgraph: that request gets its full answer, new connections are
 * refused, and the process exits 0 within the bound (5 s of grace for open connections, 15 s before a forced exit).
 */
describe('gateway stopped by SIGTERM with a request in flight', () => {
  let system: TestSystem;
  let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
  let child: NodeChild | null = null;

  beforeAll(async () => {
    system = await startTestSystem();
    proxy = await startHoldingProxy(system.env.EVENTS_URL!);
  }, 90_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    proxy?.release();
    await proxy?.stop();
    await system?.stop();
  });

  it('answers the request in flight in full, refuses new connections and exits 0 within the bound', async () => {
    const workers = 2;
    child = new NodeChild('gateway/src/index.ts', 'gateway/tsconfig.json', {
      ...system.env,
      LOG_LEVEL: 'info',
      GATEWAY_PORT: '0',
      GATEWAY_WORKERS: String(workers),
      EVENTS_URL: proxy.url,
    });
    const listening: string[] = [];
    for (let i = 0; i < workers; i += 1) {
      const line = await child.waitForLog((l) => l.msg === 'gateway listening' && !listening.includes(String(l.pid)), 60_000);
      listening.push(String(line.pid));
    }
    const url = String((await child.waitForLog((l) => l.msg === 'gateway listening', 1_000)).url);
    expect(await post(url, '{ __typename }')).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await onNewConnection(url, '{ __typename }')).toBe(200);

    // A request that needs the events subgraph, whose answer the proxy holds.
    const inFlight = post(url, AGENDA);
    await withTimeout(proxy.held, 10_000, 'request held at the subgraph');

    const from = child.lines.length;
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    // Every gateway process has begun to stop (its server no longer accepts connections).
    const stopped: string[] = [];
    for (let i = 0; i < workers; i += 1) {
      const line = await child.waitForLog((l) => l.msg === 'stopping' && !stopped.includes(String(l.pid)), 5_000, from);
      stopped.push(String(line.pid));
    }
    expect(stopped.sort()).toEqual([...listening].sort());

    // A new connection now is refused, or reset, or at most told the service is unavailable: never served.
    // (A connection the cluster's primary accepted just as its processes closed is reset when it exits: it is
    // not awaited before the request in flight is let through.)
    const late = onNewConnection(url, '{ __typename }');
    expect(child.running).toBe(true); // still waiting for the request in flight

    const releasedAt = Date.now();
    proxy.release();
    const answer = await withTimeout(inFlight, 10_000, 'answer of the request in flight');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { agenda: { totalCount: expect.any(Number) } } });
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(await withTimeout(late, 16_000, 'answer on a new connection'));

    const exit = await withTimeout(child.exited, 16_000, 'exit after SIGTERM');
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(15_000);
    // Once its last request is answered, a process does not wait out the 5 s of grace for idle keep-alive connections.
    expect(exit.at - releasedAt).toBeLessThan(4_000);
  }, 90_000);
});
