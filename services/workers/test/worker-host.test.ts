import { generatePemKeyPair } from '@metropotes/auth';
import { clockStartingAt, ManualClock, systemClock } from '@metropotes/config';
import { deleteRedisPrefix, testRedisUrl } from '@metropotes/test-kit';
import { JobQueues } from '@metropotes/jobs';
import { QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import { checkedHandlers, type JobHandlers } from '../src/jobs/job-handler';
import pino from 'pino';
import { clockInstantAt, startWorkers } from '../src/worker-host';

const redisUrl = testRedisUrl();

describe('the workers process', () => {
  const prefix = `test-workers-${randomBytes(4).toString('hex')}`;
  let config: WorkersConfig;
  const noop = async () => undefined;
  const createHandlers = (): JobHandlers => ({
    'system.ping': noop,
    'email.requested': noop,
    'email.deliver': noop,
    'member.erased': noop,
    'digest.batch': noop,
    'digest.preview': noop,
    'moderation.apply-decision': noop,
    'prospect.invitation-requested': noop,
    'prospects.minimise': noop,
    'prospect.forgotten': noop,
    'events.extend-series': noop,
    'event.cancelled': noop,
    'event.change-notice': noop,
    'registration.promoted': noop,
    'reminders.scan': noop,
    'digest.run': noop,
    'feeds.poll': noop,
    'audit.role-changed': noop,
    'jobs.dead-letters': noop,
    'proposal.reviewed': noop,
    'moderation.decided': noop,
    'staff-digest.run': noop,
    'group-message.sent': noop,
    'event-message.sent': noop,
    'attendance.changed': noop,
    'newcomers.nudge': noop,
    'member.data-export': noop,
  });
  beforeAll(async () => {
    const { privateKey } = await generatePemKeyPair();
    config = workersConfigFrom({
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      WORKER_SHUTDOWN_TIMEOUT_MS: '2000',
      SYSTEM_PRIVATE_KEY: privateKey,
    });
  });
  afterAll(() => deleteRedisPrefix(redisUrl, prefix));

  it('refuses to start when a job of the contract has no handler', async () => {
    const handlers = createHandlers() as Partial<JobHandlers>;
    delete handlers['system.ping'];
    await expect(startWorkers(config, handlers as JobHandlers)).rejects.toThrow(/system\.ping/);
  });

  it("tells a handler when its job was due: a scheduler iteration's time, or when it was added plus its delay", async () => {
    const due: { sentAt: string; scheduledAt: number; ranAt: number }[] = [];
    const handlers: JobHandlers = {
      ...createHandlers(),
      'system.ping': async (payload, ctx) => {
        due.push({ sentAt: payload.sentAt, scheduledAt: ctx.scheduledAt!.getTime(), ranAt: Date.now() });
      },
    };
    const running = await startWorkers(config, handlers);
    const queues = new JobQueues({ redisUrl, prefix });
    try {
      const added = Date.now();
      await queues.enqueue('system.ping', { sentAt: 'delayed' }, { delay: 400 });
      await queues.queue('system').upsertJobScheduler('test-every-700', { every: 700 }, { name: 'system.ping', data: { sentAt: 'scheduled' } });
      const deadline = Date.now() + 10_000;
      while ((!due.some((d) => d.sentAt === 'delayed') || due.filter((d) => d.sentAt === 'scheduled').length < 2) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const delayed = due.find((d) => d.sentAt === 'delayed')!;
      expect(delayed.scheduledAt).toBeGreaterThanOrEqual(added + 400);
      expect(delayed.scheduledAt).toBeLessThanOrEqual(delayed.ranAt);
      // A scheduler's iterations are due on its own beat (`every` apart to the millisecond), whenever they actually run.
      const scheduled = due.filter((d) => d.sentAt === 'scheduled');
      expect(scheduled.length).toBeGreaterThanOrEqual(2);
      expect(scheduled[1]!.scheduledAt - scheduled[0]!.scheduledAt).toBe(700);
    } finally {
      await queues.queue('system').removeJobScheduler('test-every-700');
      await queues.close();
      await running.stop();
    }
  });

  it("reads a job's due time on the workers' clock: the real time itself in production, moved along a clock started elsewhere", async () => {
    const realNow = Date.now();
    const due = realNow - 90_000;
    // The system clock: to the millisecond, every time (a retry is the same run).
    for (let i = 0; i < 1000; i += 1) expect(clockInstantAt(systemClock, due).getTime()).toBe(due);
    // A clock started at 2026-06-10T08:00Z a minute ago (real time): the job was due 30 s before that start.
    const startedAt = realNow - 60_000;
    const shifted = clockStartingAt(new Date('2026-06-10T08:00:00Z'), startedAt);
    for (let i = 0; i < 1000; i += 1) expect(clockInstantAt(shifted, due).toISOString()).toBe('2026-06-10T07:59:30.000Z');
    // A clock that stands still: the instant it shows, less the real time since the job was due.
    // The real time elapsed is read around the call, so a loaded machine moves both bounds with it.
    const manual = new ManualClock(new Date('2027-03-28T00:30:00Z'));
    const shown = manual.now().getTime();
    const before = Date.now();
    const at = clockInstantAt(manual, due).getTime();
    const after = Date.now();
    expect(at).toBeLessThanOrEqual(shown - (before - due));
    expect(at).toBeGreaterThanOrEqual(shown - (after - due));
    expect(at).toBeLessThanOrEqual(Date.parse('2027-03-28T00:28:30Z'));
  });

  it('runs a typed job from producer to handler through Redis, then stops cleanly', async () => {
    const seen: string[] = [];
    const handlers: JobHandlers = {
      ...createHandlers(),
      'system.ping': async (payload) => {
        seen.push(payload.sentAt);
      },
    };
    const running = await startWorkers(config, handlers);
    // The mail queue is rate limited (MAIL_RATE_PER_SECOND), the others are not.
    const limiters = Object.fromEntries(running.workers.map((w) => [w.name, w.opts.limiter]));
    expect(limiters).toEqual({ mail: { max: config.mail.ratePerSecond, duration: 1000 }, fanout: undefined, system: undefined });
    const queues = new JobQueues({ redisUrl, prefix });
    const events = new QueueEvents('system', { connection: { url: redisUrl }, prefix });
    await events.waitUntilReady();
    try {
      const sentAt = new Date().toISOString();
      const id = await queues.enqueue('system.ping', { sentAt });
      const job = await queues.queue('system').getJob(id);
      await job!.waitUntilFinished(events, 10_000);
      expect(seen).toEqual([sentAt]);
    } finally {
      await events.close();
      await queues.close();
      await running.stop();
    }
    expect(running.workers.every((w) => !w.isRunning())).toBe(true);
  });

  it('fails a job whose payload its schema refuses at once, without retry, naming the job and the issue, and logs it with its name', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const ran: string[] = [];
    // As the registry builds them (`createHandlers`): every handler behind its payload check.
    const handlers = checkedHandlers({ ...createHandlers(), 'event.cancelled': async ({ eventId }) => void ran.push(eventId) });
    const running = await startWorkers(config, handlers, logger);
    // Retried up to 5 times were it an ordinary failure.
    const queues = new JobQueues({ redisUrl, prefix, retry: { attempts: 5, backoffMs: 50 } });
    const fanout = queues.queue('fanout');
    try {
      const badId = await queues.enqueue('event.cancelled', { eventId: 'awa@example.org' }, { jobId: 'bad-payload-test' });
      const goodEventId = '0b7e6a52-7f0e-4d7a-9b3c-1a2b3c4d5e6f';
      const goodId = await queues.enqueue('event.cancelled', { eventId: goodEventId }, { jobId: 'good-payload-test' });
      const deadline = Date.now() + 10_000;
      while (((await fanout.getJobState(badId)) !== 'failed' || (await fanout.getJobState(goodId)) !== 'completed') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const bad = (await fanout.getJob(badId))!;
      expect(await bad.getState()).toBe('failed');
      expect(bad.attemptsMade).toBe(1);
      expect(bad.failedReason).toBe('event.cancelled: bad payload: eventId: not a uuid');
      expect(await fanout.getJobState(goodId)).toBe('completed');
      // The handler ran for the good payload only.
      expect(ran).toEqual([goodEventId]);
      const refused = lines.filter((line) => line.msg === 'job payload refused');
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ job: 'event.cancelled', jobId: badId, problem: 'eventId: not a uuid', level: 50 });
      // The failure itself is logged as final, with the job's name.
      expect(lines.filter((line) => line.msg === 'job failed for good')).toEqual([
        expect.objectContaining({ job: 'event.cancelled', jobId: badId, final: true }),
      ]);
      // The value refused is never logged.
      expect(JSON.stringify(lines)).not.toContain('awa@example.org');
    } finally {
      await queues.close();
      await running.stop();
    }
  });
});
