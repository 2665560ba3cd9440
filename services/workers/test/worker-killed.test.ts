import { createLogger } from '@metropotes/config';
import { NodeChild, startTestSystem, withTimeout, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import { createHandlers } from '../src/jobs/registry';
import { deliveryJobId } from '../src/mail/delivery-queue';
import { createSmtpSender } from '../src/mail/smtp-sender';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startHoldingSmtp, type HoldingSmtp } from './support/holding-smtp';
import { childWorkersEnv, queueMarkedEmail, pollUntil, sleep } from './support/workers-harness';

describe('a worker killed (SIGKILL) in the middle of an e-mail delivery', () => {
  let system: TestSystem;
  let smtp: HoldingSmtp;
  let env: Record<string, string>;
  let config: WorkersConfig;
  let runtime: WorkersRuntime;
  let child: NodeChild | null = null;
  let survivor: RunningWorkers | null = null;
  let member: TestMember;
  const marker = `jeton-kill-${randomUUID()}`;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');

  beforeAll(async () => {
    system = await startTestSystem();
    smtp = await startHoldingSmtp(marker);
    env = childWorkersEnv(system, smtp.url, { WORKER_SHUTDOWN_TIMEOUT_MS: '2000' });
    // The child reads the run's clock from CLOCK_START (in env); this process's workers read the run's clock itself.
    config = { ...workersConfigFrom(env), clock: system.clock };
    // This process's runtime: the producer side of the queues (and, later, the second worker's handlers).
    runtime = await openWorkersRuntime(config, logger);
    member = await system.signUp({ displayName: 'Awa Diallo' });
  }, 90_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await runtime?.close();
    await smtp?.stop();
    await system?.stop();
  });

  /** Starts the workers in a child process (node with tsx as a loader) and waits for their "ready <pid>" line. */
  async function spawnWorkers(childEnv = env): Promise<NodeChild> {
    const proc = new NodeChild('services/workers/test/fixtures/worker-process.ts', 'services/workers/tsconfig.json', childEnv);
    const ready = await proc.waitForLog((l) => typeof l.text === 'string' && /^ready \d+$/.test(l.text), 60_000);
    // The workers run in the very process we will kill, not in a grandchild.
    expect(Number(String(ready.text).slice('ready '.length))).toBe(proc.proc.pid);
    return proc;
  }

  async function rowOf(dedupeKey: string) {
    const { rows } = await system.db.query<{ id: string; state: string; attempts: number }>(
      'SELECT id, state, attempts FROM workers.emails WHERE dedupe_key = $1',
      [dedupeKey],
    );
    return rows[0];
  }

  /** withTimeout, with the child's output in the error. */
  const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
    withTimeout(promise, ms, what).catch((error: Error) => {
      throw new Error(`${error.message}\n${child?.output ?? ''}`);
    });

  it('leaves the job to another worker, which sends the e-mail: one complete message, row sent', async () => {
    const proc = (child = await spawnWorkers());

    const key = `verify:${randomUUID()}`;
    await queueMarkedEmail(runtime, member, key, marker);

    // The child has the row locked and the SMTP server has the whole message, unanswered.
    const heldEmailId = await within(smtp.held, 30_000, 'held message');
    const row = await rowOf(key);
    expect(row).toMatchObject({ id: heldEmailId, state: 'pending', attempts: 0 });

    proc.kill('SIGKILL');
    expect((await within(proc.exited, 10_000, 'child exit')).signal).toBe('SIGKILL');
    expect(() => process.kill(proc.proc.pid!, 0)).toThrow(); // gone, with its Redis, Postgres and SMTP connections
    expect(smtp.delivered.filter((id) => id === heldEmailId)).toHaveLength(0);

    // Another worker: BullMQ's stalled check finds the dead worker's job (its lock expired) and runs it again.
    survivor = await startWorkers(config, createHandlers(runtime), logger);
    await pollUntil(
      () => rowOf(key),
      (r) => r?.state === 'sent',
      30_000,
    );
    expect(await rowOf(key)).toMatchObject({ id: heldEmailId, state: 'sent', attempts: 1 });

    // Let any other run of the job happen (another stalled check), then count: exactly one complete message.
    await sleep(2500);
    const counts = await runtime.jobs.queue('mail').getJobCounts('active', 'waiting', 'delayed');
    expect(counts).toMatchObject({ active: 0, waiting: 0, delayed: 0 });
    expect(smtp.delivered.filter((id) => id === heldEmailId)).toHaveLength(1);
  }, 90_000);
  it('killed while its request job sends the e-mail it wrote: the job runs again elsewhere, the e-mail goes out once', async () => {
    // The welcome says « Bonjour <name>, »: the newcomer's name carries the marker this server holds.
    const requestMarker = `jeton-demande-${randomUUID().slice(0, 8)}`;
    const held = await startHoldingSmtp(requestMarker);
    const heldEnv = childWorkersEnv(system, held.url, { WORKER_SHUTDOWN_TIMEOUT_MS: '2000' });
    const heldConfig = { ...workersConfigFrom(heldEnv), clock: system.clock };
    const sender = createSmtpSender(heldConfig.smtp);
    try {
      // Its verification e-mail goes out first (the first test's worker, another server); then that worker stops.
      const newcomer = await system.signUp({ displayName: `Awa ${requestMarker}` });
      await pollUntil(
        async () =>
          (
            await system.db.query<{ state: string }>(`SELECT state FROM workers.emails WHERE member_id = $1 AND template = 'verify-email'`, [
              newcomer.id,
            ])
          ).rows[0]?.state,
        (state) => state === 'sent',
        30_000,
      );
      await survivor?.stop();
      survivor = null;

      const proc = (child = await spawnWorkers(heldEnv));
      const key = `welcome-kill:${randomUUID()}`;
      const mail = runtime.jobs.queue('mail');
      const jobId = await runtime.jobs.enqueue('email.requested', { template: 'welcome', memberId: newcomer.id, dedupeKey: key, params: {} });

      // The request's own job wrote the row and holds it locked while the server has the whole message, unanswered.
      const heldEmailId = await within(held.held, 30_000, 'held message');
      expect(await rowOf(key)).toMatchObject({ id: heldEmailId, state: 'pending', attempts: 0 });
      expect(await mail.getJobState(jobId)).toBe('active');
      expect(await mail.getJob(deliveryJobId(heldEmailId))).toBeUndefined();

      proc.kill('SIGKILL');
      expect((await within(proc.exited, 10_000, 'child exit')).signal).toBe('SIGKILL');
      expect(held.delivered).not.toContain(heldEmailId);

      // Another worker: the stalled check gives it the request's job again; the row written, still pending, goes to
      // a delivery job, which sends it.
      survivor = await startWorkers(heldConfig, createHandlers({ ...runtime, sender }), logger);
      await pollUntil(
        () => rowOf(key),
        (r) => r?.state === 'sent',
        30_000,
      );
      expect(await rowOf(key)).toMatchObject({ id: heldEmailId, state: 'sent', attempts: 1 });
      await sleep(2500);
      expect(await mail.getJobCounts('active', 'waiting', 'delayed')).toMatchObject({ active: 0, waiting: 0, delayed: 0 });
      expect(held.delivered.filter((id) => id === heldEmailId)).toHaveLength(1);
      expect(await mail.getJobState(jobId)).toBe('completed');
      expect(await mail.getJobState(deliveryJobId(heldEmailId))).toBe('completed');
      const { rows } = await system.db.query(`SELECT id FROM workers.emails WHERE dedupe_key = $1`, [key]);
      expect(rows).toHaveLength(1);
    } finally {
      await survivor?.stop();
      survivor = null;
      sender.close();
      await held.stop();
    }
  }, 120_000);
});
