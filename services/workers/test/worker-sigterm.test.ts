import { createLogger } from '@metropotes/config';
import { NodeChild, startTestSystem, withTimeout, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { workersConfigFrom } from '../src/env';
import { deliveryJobId } from '../src/mail/delivery-queue';
import { createHandlers } from '../src/jobs/registry';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startHoldingSmtp, type HoldingSmtp } from './support/holding-smtp';
import { childWorkersEnv, queueMarkedEmail, pollUntil } from './support/workers-harness';

/**
 * SIGTERM to the workers' real entry point (services/workers/src/index.ts, as `npm start` runs it) while it delivers
 * an e-mail that a loopback SMTP server holds: within WORKER_SHUTDOWN_TIMEOUT_MS the delivery ends and is recorded;
 * past it, the process exits anyway and the job goes back to the queue for another worker.
 */
describe('workers stopped by SIGTERM in the middle of an e-mail delivery', () => {
  let system: TestSystem;
  let member: TestMember;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  // Per test: torn down in afterEach.
  let smtp: HoldingSmtp | null = null;
  let runtime: WorkersRuntime | null = null;
  let child: NodeChild | null = null;
  let survivor: RunningWorkers | null = null;

  beforeAll(async () => {
    system = await startTestSystem();
    member = await system.signUp({ displayName: 'Awa Diallo' });
  }, 90_000);

  afterEach(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await runtime?.close();
    await smtp?.stop();
    child = null;
    survivor = null;
    runtime = null;
    smtp = null;
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** The environment of a workers process, with the given shutdown bound and its own holding SMTP server. */
  async function setUp(shutdownMs: number, marker: string) {
    smtp = await startHoldingSmtp(marker);
    const env = childWorkersEnv(system, smtp.url, {
      LOG_LEVEL: 'info',
      WORKER_SHUTDOWN_TIMEOUT_MS: String(shutdownMs),
      // No scheduled or periodic job runs during the test (only the e-mails it enqueues).
      MAIL_RECONCILE_INTERVAL_MS: '0',
      REMINDER_SCAN_PATTERN: '0 0 1 1 *',
      SERIES_EXTEND_PATTERN: '0 0 1 1 *',
      FEED_POLL_PATTERN: '0 0 1 1 *',
    });
    // The child reads the run's clock from CLOCK_START (in env); this process's workers read the run's clock itself.
    const config = { ...workersConfigFrom(env), clock: system.clock };
    // This process's runtime: the producer side of the queues, and the handlers of the second worker.
    runtime = await openWorkersRuntime(config, logger);
    child = new NodeChild('services/workers/src/index.ts', 'services/workers/tsconfig.json', env);
    const ready = await child.waitForLog((l) => l.msg === 'workers ready', 60_000);
    expect(ready.pid).toBe(child.proc.pid); // the workers run in the process we signal, not in a grandchild
    return { config, runtime, child, smtp };
  }

  async function rowOf(dedupeKey: string) {
    const { rows } = await system.db.query<{ id: string; state: string; attempts: number }>(
      'SELECT id, state, attempts FROM workers.emails WHERE dedupe_key = $1',
      [dedupeKey],
    );
    return rows[0];
  }

  const untilSent = (dedupeKey: string, ms: number) =>
    pollUntil(
      () => rowOf(dedupeKey),
      (row) => row?.state === 'sent',
      ms,
    );

  /** An e-mail for the member whose text carries `marker`. */
  /** An e-mail whose text carries `marker`, written and its delivery queued; returns the delivery's job id. */
  const requestMarkedMail = async (rt: WorkersRuntime, key: string, marker: string) => deliveryJobId(await queueMarkedEmail(rt, member, key, marker));

  it('stops taking jobs, finishes the active delivery (sent once) and exits 0 within the bound', async () => {
    const graceMs = 15_000;
    const marker = `jeton-term-${randomUUID()}`;
    const { config, runtime: rt, child: proc, smtp: mail } = await setUp(graceMs, marker);

    const key = `verify:${randomUUID()}`;
    await requestMarkedMail(rt, key, marker);
    const emailId = await withTimeout(mail.held, 30_000, 'held message');
    expect(await rowOf(key)).toMatchObject({ id: emailId, state: 'pending', attempts: 0 });

    const from = proc.lines.length;
    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    const stopping = await proc.waitForLog((l) => l.msg === 'stopping: no new jobs, finishing the active ones', 5_000, from);
    // (The member's own verification e-mail, from the sign-up, may be under way too.)
    expect(stopping.activeJobs).toContain(`mail/email.deliver/${deliveryJobId(emailId)}`);

    // Closing drops each worker's blocking (fetching) Redis connection, which carries the worker's name: once the
    // mail queue lists no worker, nothing fetches any more (a job enqueued in between could still be fetched).
    const mailQueue = rt.jobs.queue('mail');
    expect(
      await pollUntil(
        () => mailQueue.getWorkersCount(),
        (n) => n === 0,
        5_000,
      ),
    ).toBe(0);

    // Work that arrives now is left in the queue for the next worker.
    const laterKey = `verify:${randomUUID()}`;
    const laterJobId = await requestMarkedMail(rt, laterKey, 'jeton-apres-sigterm');

    // The process waits for its delivery: it is still there, the message still unanswered.
    expect(proc.running).toBe(true);
    mail.release();
    const exit = await withTimeout(proc.exited, graceMs, 'exit after SIGTERM');
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(graceMs);
    expect(proc.lines.slice(from).map((l) => l.msg)).toContain('stopped');
    expect(proc.lines.slice(from).map((l) => l.msg)).not.toContain('active jobs outlasted the shutdown bound');

    expect(await rowOf(key)).toMatchObject({ id: emailId, state: 'sent', attempts: 1 });
    expect(mail.delivered.filter((id) => id === emailId)).toHaveLength(1);
    expect(await mailQueue.getJobState(deliveryJobId(emailId))).toBe('completed');
    // The delivery queued after SIGTERM was not taken: still waiting, its e-mail unsent.
    expect(await mailQueue.getJobState(laterJobId)).toBe('waiting');
    expect(await rowOf(laterKey)).toMatchObject({ state: 'pending', attempts: 0 });

    // Nothing lost: the next worker sends it.
    survivor = await startWorkers(config, createHandlers(rt), logger);
    const later = await untilSent(laterKey, 15_000);
    expect(later).toMatchObject({ state: 'sent', attempts: 1 });
    expect(mail.delivered.filter((id) => id === later!.id)).toHaveLength(1);
    expect(mail.delivered.filter((id) => id === emailId)).toHaveLength(1);
  }, 90_000);

  it('exits 0 at the bound when the delivery outlasts it; another worker then sends the e-mail, once', async () => {
    const graceMs = 1_000;
    const marker = `jeton-borne-${randomUUID()}`;
    const { config, runtime: rt, child: proc, smtp: mail } = await setUp(graceMs, marker);

    const key = `verify:${randomUUID()}`;
    await requestMarkedMail(rt, key, marker);
    const emailId = await withTimeout(mail.held, 30_000, 'held message'); // and never answered
    const jobName = `mail/email.deliver/${deliveryJobId(emailId)}`;

    const from = proc.lines.length;
    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    const exit = await withTimeout(proc.exited, graceMs + 4_000, 'exit after SIGTERM');
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(graceMs);
    expect(exit.at - signalledAt).toBeLessThan(graceMs + 3_000);
    const left = proc.lines.slice(from).find((l) => l.msg === 'stopped with unfinished jobs: they go back to the queue once their locks expire');
    expect(left?.jobs).toContain(jobName);

    // Not delivered by the stopped process (its SMTP transaction never completed), not lost either.
    expect(mail.delivered).not.toContain(emailId);
    expect(await rowOf(key)).toMatchObject({ id: emailId, state: 'pending', attempts: 0 });

    // Another worker: its stalled check finds the job whose lock expired and runs it again.
    survivor = await startWorkers(config, createHandlers(rt), logger);
    expect(await untilSent(key, 15_000)).toMatchObject({ id: emailId, state: 'sent', attempts: 1 });
    const mailQueue = rt.jobs.queue('mail');
    expect(
      await pollUntil(
        () => mailQueue.getJobState(deliveryJobId(emailId)),
        (state) => state === 'completed',
        5_000,
      ),
    ).toBe('completed');
    expect(await mailQueue.getJobCounts('active', 'waiting', 'delayed')).toMatchObject({ active: 0, waiting: 0, delayed: 0 });
    // One e-mail in all.
    expect(mail.delivered.filter((id) => id === emailId)).toHaveLength(1);
  }, 90_000);
});
