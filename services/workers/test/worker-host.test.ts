import { generatePemKeyPair } from '@metropotes/auth';
import { deleteRedisPrefix } from '@metropotes/test-kit';
import { JobQueues } from '@metropotes/jobs';
import { QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import type { JobHandlers } from '../src/jobs/job-handler';
import { startWorkers } from '../src/worker-host';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

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
    'registration.promoted': noop,
    'reminders.scan': noop,
    'digest.run': noop,
    'feeds.poll': noop,
    'audit.role-changed': noop,
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
});
