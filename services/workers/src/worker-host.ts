import { createLogger, type Logger } from '@metropotes/config';
import { createRedis, QUEUE_NAMES, QUEUE_OF, type JobName } from '@metropotes/jobs';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkersConfig } from './env';
import type { JobHandler, JobHandlers } from './jobs/job-handler';
import { assertEveryJobHandled } from './jobs/registry';

export interface RunningWorkers {
  workers: Worker[];
  connection: Redis;
  stop(): Promise<void>;
}

/** One BullMQ worker per queue of the contract, dispatching each job to its handler by name. */
export async function startWorkers(
  config: WorkersConfig,
  handlers: JobHandlers,
  logger: Logger = createLogger('workers', config.logLevel),
): Promise<RunningWorkers> {
  assertEveryJobHandled(handlers);
  const connection = createRedis(config.redis.url, { forWorker: true, name: 'workers' });
  await connection.ping();

  const process = async (job: Job) => {
    const name = job.name as JobName;
    const handler = handlers[name] as JobHandler<JobName> | undefined;
    if (!handler || QUEUE_OF[name] !== job.queueName) {
      throw new UnrecoverableError(`Unknown job "${job.name}" on queue "${job.queueName}"`);
    }
    await handler(job.data, {
      jobId: job.id!,
      attempt: job.attemptsMade + 1,
      maxAttempts: Math.max(1, job.opts.attempts ?? 1),
      log: logger.child({ job: job.name, jobId: job.id }),
    });
  };

  const workers = QUEUE_NAMES.map((queue) => {
    const worker = new Worker(queue, process, {
      connection: connection as ConnectionOptions,
      prefix: config.redis.prefix,
      concurrency: config.concurrency,
      // A worker that dies holding a job loses its lock after lockDuration; another worker's stalled check re-queues the job.
      ...(config.lockDurationMs ? { lockDuration: config.lockDurationMs, stalledInterval: config.lockDurationMs } : {}),
      // SMTP providers throttle senders: the mail queue runs at most MAIL_RATE_PER_SECOND jobs a second.
      ...(queue === 'mail' ? { limiter: { max: config.mail.ratePerSecond, duration: 1000 } } : {}),
    });
    worker.on('failed', (job, error) =>
      logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
    );
    worker.on('error', (error) => logger.error({ queue, err: error.message }, 'worker error'));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ queues: QUEUE_NAMES, prefix: config.redis.prefix }, 'workers started');

  return {
    workers,
    connection,
    async stop() {
      // Stop taking jobs and let active ones finish, within a bound; past it, the jobs' locks expire
      // and another worker takes them (they are idempotent).
      const closing = Promise.all(workers.map((w) => w.close()));
      const bounded = await Promise.race([
        closing.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), config.shutdownTimeoutMs).unref()),
      ]);
      if (!bounded) await Promise.all(workers.map((w) => w.close(true)));
      connection.disconnect();
    },
  };
}
