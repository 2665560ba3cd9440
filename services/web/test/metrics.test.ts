/**
 * The site's process (its production build, as `npm start` runs it) serves Prometheus metrics on its own port, on
 * loopback, counting the requests it answered.
 */
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({ port: await freePort(), gatewayUrl: system.url, env: { CLOCK_START: system.env.CLOCK_START!, WEB_METRICS_PORT: '0' } });
}, 600_000);

afterAll(async () => {
  await web?.stop();
  await system?.stop();
});

it('answers /metrics apart from the site, with the requests it served', async () => {
  // The metrics port opens just after the site's (the line comes after "web listening", which startWeb waits for).
  const metricsLine = () =>
    web
      .output()
      .split('\n')
      .map((l) => (l.startsWith('{') ? (JSON.parse(l) as { msg?: string; url?: string }) : {}))
      .find((l) => l.msg === 'metrics listening');
  const deadline = Date.now() + 15_000;
  while (!metricsLine() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const line = metricsLine();
  const metricsUrl = new URL(String(line?.url));
  expect(metricsUrl.hostname).toBe('127.0.0.1');
  expect(metricsUrl.port).not.toBe(new URL(web.url).port);
  // The site's own /metrics is a page of the site (not found), never the metrics.
  expect(await (await fetch(`${web.url}/metrics`)).text()).not.toContain('metropotes_http_requests_total');

  expect((await fetch(`${web.url}/health`)).status).toBe(200);
  const home = await fetch(`${web.url}/`);
  expect(home.status).toBe(200);
  await home.text();

  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/metropotes_http_requests_total\{method="GET",route="\/health",status="200",service="web"\} 1/);
  expect(text).toMatch(/metropotes_http_requests_total\{method="GET",route="other",status="200",service="web"\} [1-9]/);
  expect(text).toMatch(/metropotes_http_request_duration_seconds_count\{service="web",method="GET",route="\/health",status_class="2xx"\} 1/);
  expect(text).toContain('metropotes_process_resident_memory_bytes');
}, 120_000);
