/**
 * Traces and metrics of the real processes: the gateway, the four subgraphs and the workers run as `npm start` runs
 * them (their entry points, in child processes), with tracing on (OTEL_EXPORTER_OTLP_ENDPOINT, OTLP/HTTP JSON) towards
 * a loopback OTLP receiver started here. One agenda request through the gateway makes one trace: the gateway's spans,
 * the events subgraph's, the members subgraph's (the organizers), and the SQL of both (pg spans with db.statement). A
 * sign-up's job (its verification e-mail) carries the request's trace context to the workers, whose run of it, and
 * its log lines, belong to that trace. Then each process answers /metrics, on its own port, with what was counted.
 */
import { QUEUE_OF } from '@metropotes/jobs';
import { NodeChild, startTestSystem, withTimeout, type TestSystem } from '@metropotes/test-kit';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtpSink, type SmtpSink } from '../../services/workers/test/support/smtp-sink';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
}
/** OTLP's span kinds. */
const PRODUCER = 4;
const CONSUMER = 5;
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}
/** A received span with the service that sent it and its attributes as a record. */
interface Received {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
}

/** A loopback OTLP/HTTP receiver (JSON protocol): keeps every span posted to /v1/traces. */
async function startOtlpReceiver() {
  const spans: Received[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.add(String(req.headers['content-type']));
      const payload = JSON.parse(body) as OtlpExport;
      for (const resource of payload.resourceSpans ?? []) {
        const service = resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              scope: scope.scope?.name ?? '?',
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.boolValue]),
              ),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;

/** A pg span's SQL: `db.statement` (semantic conventions before 1.26), `db.query.text` (the stable name pg's instrumentation now uses). */
const sqlOf = (span: Received): string | undefined => {
  const sql = span.attributes['db.statement'] ?? span.attributes['db.query.text'];
  return typeof sql === 'string' ? sql : undefined;
};

/** The value of the sample of `metric` carrying every label of `labels` (in any order), or undefined. */
function sampleOf(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const AGENDA = `query AgendaTrace { agenda(first: 5) { totalCount edges { node { title organizer { displayName } } } } }`;

describe('traces and metrics of the running processes', () => {
  let system: TestSystem;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let smtp: SmtpSink;
  let workers: NodeChild;
  const children: NodeChild[] = [];
  const metricsUrls: Record<string, string> = {};
  let gatewayUrl = '';
  let memberToken = '';

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    system = await startTestSystem();
    const staff = await system.signUp({ role: 'STAFF', displayName: 'Awa Organisatrice' });
    const startsAt = new Date(system.clock.now().getTime() + 3 * 86_400_000);
    const created = await system.gql(
      `mutation Create($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Pot du pote tracé',
          kind: 'ATELIER',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
          venue: { name: 'Maison de quartier', communeCode: '93039' },
          capacity: 30,
        },
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    memberToken = (await system.signUp()).token;

    const otel = {
      LOG_LEVEL: 'info',
      RUN_MIGRATIONS: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Spans leave each process within 100 ms rather than 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // Nothing but spans (the SDK's metrics and logs exporters stay off).
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
    // The workers, delivering to a loopback SMTP sink; they start beside the subgraphs (the machine may be slow).
    smtp = await startSmtpSink();
    workers = new NodeChild('services/workers/src/index.ts', 'services/workers/tsconfig.json', {
      ...system.env,
      ...otel,
      // The test system migrated the subgraphs' schemas, not the workers' own.
      RUN_MIGRATIONS: 'true',
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://metropotes.example.org',
      MAIL_RATE_PER_SECOND: '100',
      WORKERS_METRICS_PORT: '0',
      MAIL_RECONCILE_INTERVAL_MS: '0',
    });
    children.push(workers);
    const workersListening = workers.waitForLog((l) => l.msg === 'health, readiness and metrics listening', 600_000);
    workersListening.catch(() => undefined); // awaited below, after the gateway
    const subgraphUrls: Record<string, string> = {};
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const prefix = name.toUpperCase();
        const child = new NodeChild(`services/${name}/src/index.ts`, `services/${name}/tsconfig.json`, {
          ...system.env,
          ...otel,
          [`${prefix}_PORT`]: '0',
          [`${prefix}_METRICS_PORT`]: '0',
        });
        children.push(child);
        // Generous: five processes compile and start at once on a machine that may be busy.
        subgraphUrls[name] = String((await child.waitForLog((l) => l.msg === `${name} subgraph listening`, 600_000)).url);
        metricsUrls[name] = String((await child.waitForLog((l) => l.msg === 'metrics listening', 10_000)).url);
      }),
    );
    const gateway = new NodeChild('gateway/src/index.ts', 'gateway/tsconfig.json', {
      ...system.env,
      ...otel,
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_WORKERS: '1',
      ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]!])),
    });
    children.push(gateway);
    gatewayUrl = String((await gateway.waitForLog((l) => l.msg === 'gateway listening', 600_000)).url);
    metricsUrls.gateway = String((await gateway.waitForLog((l) => l.msg === 'metrics listening', 10_000)).url);
    metricsUrls.workers = String((await workersListening).url);
  }, 1_200_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => withTimeout(child.exited, 20_000, 'child exit').catch(() => child.kill('SIGKILL'))));
    await receiver?.stop();
    await smtp?.stop();
    await system?.stop();
  });

  it('one agenda request is one trace: gateway → events → members, with their SQL', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${memberToken}` },
      body: JSON.stringify({ query: AGENDA, operationName: 'AgendaTrace' }),
    });
    const body = (await response.json()) as {
      data?: { agenda: { edges: { node: { title: string; organizer: { displayName: string } | null } }[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.agenda.edges.map((e) => e.node)).toContainEqual({
      title: 'Pot du pote tracé',
      organizer: { displayName: 'Awa Organisatrice' },
    });

    // The gateway's own request span names the operation; its trace is the request's.
    const deadline = Date.now() + 30_000;
    const traceOf = () =>
      receiver.spans.find(
        (s) => s.service === 'metropotes-gateway' && s.name === 'gateway.request' && s.attributes['graphql.operation.name'] === 'AgendaTrace',
      )?.traceId;
    let traceId = traceOf();
    const complete = (id: string) => {
      const spans = receiver.spans.filter((s) => s.traceId === id);
      const sql = (service: string) => spans.some((s) => s.service === service && sqlOf(s) !== undefined);
      return sql('metropotes-events') && sql('metropotes-members');
    };
    while ((!traceId || !complete(traceId)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      traceId = traceOf();
    }
    expect(receiver.contentTypes).toContain('application/json');
    expect(traceId).toBeDefined();
    const trace = receiver.spans.filter((s) => s.traceId === traceId);
    const byService = (service: string) => trace.filter((s) => s.service === service);

    // The gateway: Apollo Gateway's spans (request, plan, fetches) and its HTTP hops to the subgraphs.
    expect(byService('metropotes-gateway').map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
    // Each subgraph's server span is the child of a gateway span: the traceparent went with the hop.
    const gatewaySpanIds = new Set(byService('metropotes-gateway').map((s) => s.spanId));
    for (const service of ['metropotes-events', 'metropotes-members']) {
      const spans = byService(service);
      const server = spans.find((s) => s.parentSpanId !== undefined && gatewaySpanIds.has(s.parentSpanId));
      expect({ service, server: server?.name }).toEqual({ service, server: expect.stringMatching(/POST/) });
      // GraphQL and SQL under it.
      expect(spans.some((s) => s.scope.includes('graphql'))).toBe(true);
      const statements = spans.map(sqlOf).filter((v): v is string => v !== undefined);
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.some((sql) => /^SELECT/i.test(sql))).toBe(true);
    }
    // Each service's SQL reads its own schema (quoted by TypeORM's builders, bare in the repositories' own SQL).
    expect(byService('metropotes-events').some((s) => /"?events"?\./.test(sqlOf(s) ?? ''))).toBe(true);
    expect(byService('metropotes-members').some((s) => /"?members"?\./.test(sqlOf(s) ?? ''))).toBe(true);
    // Nothing of guide or moderation: they took no part.
    expect(byService('metropotes-guide')).toEqual([]);
  }, 60_000);

  it("a job enqueued by a request carries its trace context: the workers' run and log lines are in the request's trace", async () => {
    const email = `trace-${Date.now()}@example.org`;
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operationName: 'SignUpTraced',
        query: `mutation SignUpTraced($input: SignUpInput!) { signUp(input: $input) { member { id } } }`,
        variables: { input: { email, password: 'Un-mot-de-passe-2026!', displayName: 'Awa Tracée', communeCode: '93039', acceptCharter: true } },
      }),
    });
    const body = (await response.json()) as { data?: { signUp: { member: { id: string } } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const memberId = body.data!.signUp.member.id;

    // The verification e-mail's job, as BullMQ keeps it in Redis (completed jobs stay a while).
    const redis = new IORedis(system.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_OF['email.requested'], { connection: redis, prefix: system.env.REDIS_PREFIX });
    try {
      const deadline = Date.now() + 60_000;
      const findJob = async () =>
        (await queue.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed', 'prioritized'])).find(
          (job) => job?.name === 'email.requested' && (job.data as { memberId?: string }).memberId === memberId,
        );
      let job = await findJob();
      const traceOf = () =>
        receiver.spans.find(
          (s) => s.service === 'metropotes-gateway' && s.name === 'gateway.request' && s.attributes['graphql.operation.name'] === 'SignUpTraced',
        )?.traceId;
      const recorded = () => workers.lines.find((l) => l.msg === 'e-mail recorded' && l.job === 'email.requested' && l.jobId === job?.id);
      const workerSpan = (traceId: string | undefined) =>
        receiver.spans.find(
          (s) => s.service === 'metropotes-workers' && s.kind === CONSUMER && s.traceId === traceId && s.attributes['bullmq.job.id'] === job?.id,
        );
      while ((!job || !recorded() || !workerSpan(traceOf())) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job ??= await findJob();
      }
      const traceId = traceOf();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(job).toBeDefined();

      // The job carries a W3C traceparent of the request's trace in BullMQ's telemetry metadata, not in its payload.
      const metadata = (job!.opts as { telemetry?: { metadata?: string } }).telemetry?.metadata;
      expect(metadata).toBeDefined();
      const traceparent = (JSON.parse(metadata!) as { traceparent?: string }).traceparent;
      expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
      expect(JSON.stringify(job!.data)).not.toContain(traceId);

      // The members subgraph's enqueueing is a producer span of that trace; the workers' run of the job is its child.
      const producer = receiver.spans.find((s) => s.spanId === traceparent!.split('-')[2]);
      expect({ service: producer?.service, kind: producer?.kind, traceId: producer?.traceId }).toEqual({
        service: 'metropotes-members',
        kind: PRODUCER,
        traceId,
      });
      const run = workerSpan(traceId);
      expect({ name: run?.name, parent: run?.parentSpanId }).toEqual({ name: `process ${QUEUE_OF['email.requested']}`, parent: producer!.spanId });

      // What the workers log while handling the job carries the trace (and the run's span).
      const line = recorded();
      expect(line).toMatchObject({ job: 'email.requested', jobId: job!.id, traceId });
      expect(receiver.spans.some((s) => s.spanId === line!.spanId && s.service === 'metropotes-workers')).toBe(true);
      // The e-mail the job recorded is sent by the same job (one job per e-mail), in the same trace.
      const sent = await workers.waitForLog((l) => l.msg === 'e-mail sent' && l.emailId === line!.emailId, 60_000);
      expect(sent).toMatchObject({ job: 'email.requested', jobId: job!.id, traceId });
    } finally {
      await queue.close();
      redis.disconnect();
    }
  }, 120_000);

  it('every process serves Prometheus metrics on its own port, with what the request counted', async () => {
    const scrape = async (name: string) => {
      const response = await fetch(metricsUrls[name]!);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    // Traffic for every subgraph: the gateway's /ready asks each one's /ready.
    const ready = await fetch(new URL('/ready', gatewayUrl));
    expect(ready.status).toBe(200);
    expect(new URL(metricsUrls.workers!).hostname).toBe('127.0.0.1');
    for (const name of ['gateway', ...SUBGRAPHS]) {
      expect(new URL(metricsUrls[name]!).hostname).toBe('127.0.0.1');
      const text = await scrape(name);
      const sample = (metric: string) => new RegExp(`^${metric}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm').test(text);
      for (const metric of ['metropotes_process_cpu_seconds_total', 'metropotes_nodejs_eventloop_lag_seconds']) {
        expect({ name, metric, sampled: sample(metric) }).toEqual({ name, metric, sampled: true });
      }
      const ready = { method: 'GET', route: '/ready', service: name };
      expect({ name, requests: sampleOf(text, 'metropotes_http_requests_total', { ...ready, status: '200' }) }).toEqual({
        name,
        requests: expect.any(Number),
      });
      expect(sampleOf(text, 'metropotes_http_request_duration_seconds_count', { ...ready, status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      if (name !== 'gateway') expect(sampleOf(text, 'metropotes_db_pool_connections', { state: 'total', service: name })).toBeGreaterThanOrEqual(1);
    }
    // The agenda request of the first test, per operation: at the gateway, and at events and members where it was planned.
    const gateway = await scrape('gateway');
    expect(
      sampleOf(gateway, 'metropotes_graphql_operations_total', { operation: 'AgendaTrace', type: 'query', outcome: 'ok', service: 'gateway' }),
    ).toBe(1);
    expect(
      sampleOf(gateway, 'metropotes_graphql_operation_duration_seconds_count', { operation: 'AgendaTrace', type: 'query', service: 'gateway' }),
    ).toBe(1);
    expect(
      sampleOf(gateway, 'metropotes_http_requests_total', { method: 'POST', route: '/graphql', status: '200', service: 'gateway' }),
    ).toBeGreaterThanOrEqual(1);
    for (const name of ['events', 'members']) {
      const operations = (await scrape(name))
        .split('\n')
        .filter((l) => l.startsWith('metropotes_graphql_operations_total{') && l.includes('AgendaTrace__'));
      expect({ name, operations: operations.length }).toEqual({ name, operations: 1 });
    }
  }, 60_000);
});
