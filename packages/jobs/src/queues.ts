import type { JobRetry } from '@metropotes/config';
import { Queue, type JobsOptions, type ConnectionOptions } from 'bullmq';
import { bullmqTelemetry } from '@metropotes/telemetry';
import IORedis, { type Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { QUEUE_NAMES, QUEUE_OF, type JobName, type JobPayloads, type JobReplies, type QueueName, type RequestJobName } from './contract';

/** How long a reply waits to be read before Redis drops it (it may hold personal data: a rendered e-mail). */
const REPLY_TTL_SECONDS = 60;

export interface JobsConnection {
  redisUrl: string;
  /** Key prefix: separates environments (and test runs) sharing one Redis. */
  prefix: string;
  /**
   * How the jobs enqueued here are retried (`JOB_ATTEMPTS`, `JOB_BACKOFF_MS`; default `DEFAULT_JOB_RETRY`): runs in all,
   * and the first retry's delay, doubling each time. A job can still set its own `attempts` and `backoff`.
   */
  retry?: JobRetry;
}

/** 8 runs, retried 2 s after the first failure and doubling: the last one about 8.5 minutes after the first. */
export const DEFAULT_JOB_RETRY: JobRetry = { attempts: 8, backoffMs: 2000 };

/** An ioredis connection suited to BullMQ (blocking commands need maxRetriesPerRequest: null). */
export function createRedis(url: string, options: { forWorker?: boolean; name?: string } = {}): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: options.forWorker ? null : 1,
    enableOfflineQueue: options.forWorker ?? false,
    connectionName: options.name,
    lazyConnect: false,
  });
}

/** The options of every job enqueued with `retry` (what a job's own options do not set). */
export function defaultJobOptions(retry: JobRetry = DEFAULT_JOB_RETRY): JobsOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** The producer side: typed `enqueue` over the contract's queues. */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection: Redis;
  private readonly jobOptions: JobsOptions;

  constructor(private readonly options: JobsConnection) {
    this.jobOptions = defaultJobOptions(options.retry);
    this.connection = createRedis(options.redisUrl, { name: 'producer' });
    // Errors surface on enqueue; an idle disconnected client must not crash the process.
    this.connection.on('error', () => undefined);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // bullmqTelemetry: when tracing is on, the job carries the enqueuing span's context in BullMQ's telemetry metadata.
      queue = new Queue(name, { connection: this.connection as ConnectionOptions, prefix: this.options.prefix, telemetry: bullmqTelemetry('jobs') });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<string> {
    const job = await this.queue(QUEUE_OF[name]).add(name, payload, { ...this.jobOptions, ...options });
    return job.id!;
  }

  /**
   * Many jobs of one name in one round trip (BullMQ `addBulk`, atomic): a fan-out. A job whose id already exists
   * is not added again. Returns the job ids, in order.
   */
  async enqueueBulk<N extends JobName>(name: N, jobs: { payload: JobPayloads[N]; options?: JobsOptions }[]): Promise<string[]> {
    if (!jobs.length) return [];
    const added = await this.queue(QUEUE_OF[name]).addBulk(
      jobs.map(({ payload, options }) => ({ name, data: payload, opts: { ...this.jobOptions, ...options } })),
    );
    return added.map((job) => job.id!);
  }

  private replyKey(replyTo: string): string {
    return `${this.options.prefix}:job-replies:${replyTo}`;
  }

  /**
   * Enqueues a job someone waits for, and waits for its reply (polled every `pollMs`), at most `timeoutMs`. Null when
   * no reply came in time: the job is then removed if no worker has taken it yet. One attempt: the caller decides
   * whether to ask again. The reply is read once (GETDEL) and lives at most a minute in Redis.
   */
  async request<N extends RequestJobName>(
    name: N,
    payload: Omit<JobPayloads[N], 'replyTo'>,
    options: { timeoutMs: number; pollMs?: number },
  ): Promise<JobReplies[N] | null> {
    const replyTo = randomUUID();
    const job = await this.queue(QUEUE_OF[name]).add(name, { ...payload, replyTo } as JobPayloads[N], {
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600 },
    });
    const key = this.replyKey(replyTo);
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const reply = await this.connection.getdel(key);
      if (reply !== null) return JSON.parse(reply) as JobReplies[N];
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
    }
    // Not taken yet: removed. Taken: its reply, if it comes, expires unread within a minute.
    await job.remove().catch(() => undefined);
    return null;
  }

  /** The worker's side of `request`: answers the job whose payload carries `replyTo`. */
  async reply<N extends RequestJobName>(_name: N, replyTo: string, value: JobReplies[N]): Promise<void> {
    await this.connection.set(this.replyKey(replyTo), JSON.stringify(value), 'EX', REPLY_TTL_SECONDS);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}

export { QUEUE_NAMES };
