import { createLogger, type Clock, type Logger } from '@metropotes/config';
import { createRedis, DEAD_LETTER_QUEUES, QUEUE_NAMES, QUEUE_OF, type JobName } from '@metropotes/jobs';
import { bullmqTelemetry } from '@metropotes/telemetry';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkersConfig } from './env';
import type { JobHandler, JobHandlers } from './jobs/job-handler';
import { assertEveryJobHandled } from './jobs/registry';

export interface StopResult {
  /** True when every active job ended within the bound (WORKER_SHUTDOWN_TIMEOUT_MS). */
  finished: boolean;
  /** The jobs still running when the bound passed ("queue/name/id"): left to another worker. */
  unfinished: string[];
}

export interface RunningWorkers {
  workers: Worker[];
  connection: Redis;
  /** The jobs this process is running now ("queue/name/id"). */
  activeJobs(): string[];
  /**
   * Stops taking jobs and waits for the active ones, at most `graceMs` (default WORKER_SHUTDOWN_TIMEOUT_MS).
   * Past it, resolves with `finished: false` and the unfinished jobs: the caller (a process being stopped) exits,
   * and those jobs, whose locks are no longer renewed, go back to the queue at another worker's next stalled check.
   */
  stop(graceMs?: number): Promise<StopResult>;
}

/**
 * The workers' clock's instant at the real time `realMs` (a BullMQ timestamp): `realMs` moved by the clock's
 * offset from the real time. With the system clock (production) it is `realMs` itself, to the millisecond, so that
 * every run of a job gets the same instant; a clock started elsewhere (`CLOCK_START`, tests) moves it along. The
 * offset is read between two equal readings of the real time, so no millisecond tick slips in between.
 */
export function clockInstantAt(clock: Clock, realMs: number): Date {
  let offset = 0;
  for (let i = 0; i < 10; i += 1) {
    const before = Date.now();
    offset = clock.now().getTime() - before;
    if (Date.now() === before) break;
  }
  return new Date(realMs + offset);
}

export interface WorkerHooks {
  /**
   * A job of a dead-letter queue (`DEAD_LETTER_QUEUES`) failed its last attempt: BullMQ now holds it as failed, and the
   * dead-letter loop (`jobs/dead-letters.ts`, started by the caller) should keep it now rather than at its next scan.
   */
  onDead?: () => void;
}

/** One BullMQ worker per queue of the contract, dispatching each job to its handler by name. */
export async function startWorkers(
  config: WorkersConfig,
  handlers: JobHandlers,
  logger: Logger = createLogger('workers', config.logLevel),
  hooks: WorkerHooks = {},
): Promise<RunningWorkers> {
  assertEveryJobHandled(handlers);
  const connection = createRedis(config.redis.url, { forWorker: true, name: 'workers' });
  await connection.ping();

  // The runs under way (BullMQ hands each run its own Job object), named "queue/name/id".
  const active = new Set<Job>();
  const activeJobs = () => [...active].map((job) => `${job.queueName}/${job.name}/${job.id}`);
  const process = async (job: Job) => {
    active.add(job);
    try {
      await dispatch(job);
    } finally {
      active.delete(job);
    }
  };
  const dispatch = async (job: Job) => {
    const name = job.name as JobName;
    const handler = handlers[name] as JobHandler<JobName> | undefined;
    if (!handler || QUEUE_OF[name] !== job.queueName) {
      throw new UnrecoverableError(`Unknown job "${job.name}" on queue "${job.queueName}"`);
    }
    await handler(job.data, {
      jobId: job.id!,
      attempt: job.attemptsMade + 1,
      maxAttempts: Math.max(1, job.opts.attempts ?? 1),
      scheduledAt: clockInstantAt(config.clock, (job.opts as { prevMillis?: number }).prevMillis ?? job.timestamp + (job.opts.delay ?? 0)),
      log: logger.child({ job: job.name, jobId: job.id }),
    });
  };

  const workers = QUEUE_NAMES.map((queue) => {
    const worker = new Worker(queue, process, {
      connection: connection as ConnectionOptions,
      prefix: config.redis.prefix,
      concurrency: queue === 'mail' ? config.mailConcurrency : config.concurrency,
      // When tracing is on, each run is a span of the trace of the request that enqueued the job.
      telemetry: bullmqTelemetry('workers'),
      // A worker that dies holding a job loses its lock after lockDuration; another worker's stalled check re-queues the job.
      ...(config.lockDurationMs ? { lockDuration: config.lockDurationMs, stalledInterval: config.lockDurationMs } : {}),
      // SMTP providers throttle senders: the mail queue runs at most MAIL_RATE_PER_SECOND jobs a second.
      ...(queue === 'mail' ? { limiter: { max: config.mail.ratePerSecond, duration: 1000 } } : {}),
    });
    worker.on('failed', (job, error) => {
      // `finishedOn` is set only when the job failed for good (no attempt left, or an UnrecoverableError).
      const final = Boolean(job?.finishedOn);
      logger.warn(
        { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, final, err: error.message },
        final ? 'job failed for good' : 'job failed',
      );
      if (final && DEAD_LETTER_QUEUES.includes(queue)) hooks.onDead?.();
    });
    worker.on('error', (error) => logger.error({ queue, err: error.message }, 'worker error'));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ queues: QUEUE_NAMES, prefix: config.redis.prefix }, 'workers started');

  return {
    workers,
    connection,
    activeJobs,
    async stop(graceMs = config.shutdownTimeoutMs) {
      // close() stops fetching and waits for the active jobs. A later close(true) would only return this same
      // promise, so the bound is a race, not a forced close: the caller exits past it.
      const closing = Promise.all(workers.map((w) => w.close())).then(() => connection.disconnect());
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        closing.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (finished) return { finished, unfinished: [] };
      // Nothing is cut here: a job still running keeps its lock and its row until it ends or the process exits,
      // so no other worker can take it while it may still send (the shared connection closes after the jobs).
      const unfinished = activeJobs();
      logger.warn({ graceMs, jobs: unfinished }, 'active jobs outlasted the shutdown bound');
      return { finished, unfinished };
    },
  };
}
