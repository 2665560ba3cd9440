/**
 * The workers' operations port, on the real entry point (services/workers/src/index.ts, as `npm start` runs it):
 * /health, /ready (PostgreSQL and Redis answer) and /metrics (queues by state, the dead jobs, the e-mail ledger by
 * state, the database pool, the jobs run), on loopback on its own port (WORKERS_METRICS_PORT=0: a free one).
 */
import { QUEUE_NAMES } from '@metropotes/jobs';
import { NodeChild, startTestSystem, withTimeout, type TestSystem } from '@metropotes/test-kit';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { childWorkersEnv, pollUntil } from './support/workers-harness';

describe('workers: health, readiness and metrics', () => {
  let system: TestSystem;
  let smtp: SmtpSink;
  let child: NodeChild;
  let ops = '';

  beforeAll(async () => {
    system = await startTestSystem();
    smtp = await startSmtpSink();
    child = new NodeChild(
      'services/workers/src/index.ts',
      'services/workers/tsconfig.json',
      childWorkersEnv(system, smtp.url, { LOG_LEVEL: 'info', WORKERS_METRICS_PORT: '0', MAIL_RECONCILE_INTERVAL_MS: '0' }),
    );
    ops = String((await child.waitForLog((l) => l.msg === 'health, readiness and metrics listening', 300_000)).url);
  }, 400_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child) await withTimeout(child.exited, 30_000, 'workers exit').catch(() => child.kill('SIGKILL'));
    await smtp?.stop();
    await system?.stop();
  });

  it('answers /health and /ready on loopback, apart from any other port', async () => {
    expect(new URL(ops).hostname).toBe('127.0.0.1');
    const health = await fetch(`${ops}/health`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok', service: 'workers' } });
    const ready = await fetch(`${ops}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { service: 'workers', ready: true, checks: { database: 'ok', redis: 'ok' } },
    });
    expect((await fetch(`${ops}/nothing`)).status).toBe(404);
  });

  it('counts the queues, the e-mails by state and the jobs run in /metrics', async () => {
    // Some traffic: a sign-up makes a verification e-mail, which the workers send.
    const member = await system.signUp({ displayName: 'Awa Diallo' });
    const sent = await pollUntil(
      async () => (await system.db.query<{ n: string }>(`SELECT count(*) AS n FROM workers.emails WHERE state = 'sent'`)).rows[0]!.n,
      (n) => Number(n) >= 1,
      60_000,
    );
    expect(Number(sent)).toBeGreaterThanOrEqual(1);
    expect(smtp.rcptLog.length).toBeGreaterThanOrEqual(1);
    expect(member.id).toBeTruthy();

    const response = await fetch(`${ops}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    // The ledger, counted in PostgreSQL at scrape time, agrees with it.
    const { rows } = await system.db.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM workers.emails GROUP BY state');
    for (const row of rows) expect(text).toContain(`metropotes_emails{state="${row.state}",service="workers"} ${row.n}`);
    expect(text).toContain('metropotes_emails{state="dead",service="workers"} 0');
    // Every queue, by state; the failed (dead) ones and the dead jobs kept in PostgreSQL.
    for (const queue of QUEUE_NAMES) {
      expect(text).toMatch(new RegExp(`metropotes_queue_jobs\\{queue="${queue}",state="waiting",service="workers"\\} \\d+`));
      expect(text).toMatch(new RegExp(`metropotes_queue_jobs\\{queue="${queue}",state="failed",service="workers"\\} \\d+`));
    }
    expect(text).toContain('metropotes_dead_jobs{state="DEAD",service="workers"} 0');
    // The verification e-mail: written and sent by its `email.requested` job (one job per e-mail).
    expect(text).toMatch(/metropotes_jobs_total\{queue="mail",job="email.requested",outcome="completed",service="workers"\} [1-9]/);
    expect(text).toMatch(/metropotes_job_duration_seconds_count\{service="workers",queue="mail",job="email.requested"\} [1-9]/);
    expect(text).toMatch(/metropotes_db_pool_connections\{state="total",service="workers"\} [1-9]/);
    expect(text).toContain('metropotes_process_cpu_seconds_total');
  }, 120_000);
});
