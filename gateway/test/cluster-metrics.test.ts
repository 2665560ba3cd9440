/**
 * The gateway as a cluster (GATEWAY_WORKERS=2, its real entry point gateway/src/index.ts in a child process): the
 * primary serves /metrics on GATEWAY_METRICS_PORT for every gateway process, their samples summed, while the
 * processes themselves serve no metrics port of their own.
 */
import { NodeChild, startTestSystem, withTimeout, type TestSystem } from '@metropotes/test-kit';
import { request } from 'node:http';

/** One named query on a connection of its own (no keep-alive): the cluster's primary hands connections round-robin. */
function onNewConnection(url: string, operationName: string, query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, operationName });
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The value of the sample of `metric` carrying every label of `labels`, or undefined. */
function sampleOf(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const REQUESTS = 8;

describe('gateway cluster: one /metrics for every process', () => {
  let system: TestSystem;
  let child: NodeChild | null = null;

  beforeAll(async () => {
    system = await startTestSystem();
  }, 90_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child) await withTimeout(child.exited, 20_000, 'gateway exit').catch(() => child?.kill('SIGKILL'));
    await system?.stop();
  });

  it("the primary sums its processes' metrics on the metrics port", async () => {
    const workers = 2;
    child = new NodeChild('gateway/src/index.ts', 'gateway/tsconfig.json', {
      ...system.env,
      LOG_LEVEL: 'info',
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_WORKERS: String(workers),
    });
    const listening: string[] = [];
    for (let i = 0; i < workers; i += 1) {
      const line = await child.waitForLog((l) => l.msg === 'gateway listening' && !listening.includes(String(l.pid)), 300_000);
      listening.push(String(line.pid));
    }
    const url = String((await child.waitForLog((l) => l.msg === 'gateway listening', 1_000)).url);
    // One metrics address, the primary's: not one of the serving processes.
    const metricsLines = child.lines.filter((l) => l.msg === 'metrics listening');
    expect(metricsLines).toHaveLength(1);
    expect(listening).not.toContain(String(metricsLines[0]!.pid));
    const metricsUrl = String(metricsLines[0]!.url);
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');

    for (let i = 0; i < REQUESTS; i += 1) {
      expect(await onNewConnection(url, 'ClusterCount', 'query ClusterCount { agenda(first: 1) { totalCount } }')).toBe(200);
    }
    // Both processes served some of them (their request logs say which process wrote them).
    const servedBy = new Set(
      child.lines.filter((l) => l.msg === 'request' && (l as { operation?: string }).operation === 'ClusterCount').map((l) => String(l.pid)),
    );
    expect([...servedBy].sort()).toEqual([...listening].sort());

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    // Every request counted once, whichever process served it: the samples of both processes, summed.
    expect(
      sampleOf(text, 'metropotes_graphql_operations_total', { operation: 'ClusterCount', type: 'query', outcome: 'ok', service: 'gateway' }),
    ).toBe(REQUESTS);
    expect(
      sampleOf(text, 'metropotes_graphql_operation_duration_seconds_count', { operation: 'ClusterCount', type: 'query', service: 'gateway' }),
    ).toBe(REQUESTS);
    expect(sampleOf(text, 'metropotes_http_requests_total', { method: 'POST', route: '/graphql', status: '200', service: 'gateway' })).toBe(REQUESTS);
    // One family per metric, not one per process.
    expect(text.match(/^# TYPE metropotes_graphql_operations_total counter$/gm)).toHaveLength(1);
    expect(/^metropotes_process_cpu_seconds_total(\{[^}]*\})? [0-9.e+-]+$/m.test(text)).toBe(true);
  }, 400_000);
});
