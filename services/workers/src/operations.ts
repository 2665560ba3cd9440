import type { Logger } from '@metropotes/config';
import { QUEUE_NAMES } from '@metropotes/jobs';
import { readinessReport } from '@metropotes/service-host';
import {
  createMetricsRegistry,
  poolMetrics,
  registryMetrics,
  startOpsServer,
  typeormPool,
  withProcessMetrics,
  type RunningOpsServer,
} from '@metropotes/telemetry';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Worker } from 'bullmq';
import type { ServerResponse } from 'node:http';
import type { WorkersConfig } from './env';
import type { WorkersRuntime } from './runtime';

/** The states of a BullMQ queue counted in `metropotes_queue_jobs`. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/**
 * The workers' metrics, read at scrape time where they are state: the jobs of each queue by state (`failed` are the
 * jobs that used all their attempts), the dead jobs kept in PostgreSQL by state, the e-mail ledger by state, the
 * database pool; and, as they happen, the jobs run by queue, name and outcome with their duration.
 */
export function workersMetrics(runtime: WorkersRuntime, registry: Registry = createMetricsRegistry('workers')): Registry {
  new Gauge({
    name: 'metropotes_queue_jobs',
    help: 'Jobs of each BullMQ queue, by state (failed: every attempt used)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      await Promise.all(
        QUEUE_NAMES.map(async (queue) => {
          const counts = await runtime.jobs.queue(queue).getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  new Gauge({
    name: 'metropotes_dead_jobs',
    help: 'Jobs born of a change that failed all their attempts, kept in PostgreSQL (workers.dead_jobs), by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const rows: { state: string; count: string }[] = await runtime.dataSource.query(
        'SELECT state, count(*) AS count FROM workers.dead_jobs GROUP BY state',
      );
      this.reset();
      for (const state of ['DEAD', 'RETRYING', 'RECOVERED']) this.set({ state }, 0);
      for (const row of rows) this.set({ state: row.state }, Number(row.count));
    },
  });
  new Gauge({
    name: 'metropotes_emails',
    help: 'E-mails of the ledger (workers.emails), by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const rows: { state: string; count: string }[] = await runtime.dataSource.query(
        'SELECT state, count(*) AS count FROM workers.emails GROUP BY state',
      );
      this.reset();
      for (const state of ['pending', 'sent', 'suppressed', 'dead']) this.set({ state }, 0);
      for (const row of rows) this.set({ state: row.state }, Number(row.count));
    },
  });
  poolMetrics(registry, () => typeormPool(runtime.dataSource), runtime.dataSource.driver.options.poolSize ?? runtime.config.database.poolMax);
  return registry;
}

/** Counts every job run by the given workers (queue, job name, outcome) and its duration. */
export function jobRunMetrics(registry: Registry, workers: Worker[]): void {
  const runs = new Counter({
    name: 'metropotes_jobs_total',
    help: 'Job runs, by queue, job name and outcome (completed, failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'metropotes_job_duration_seconds',
    help: 'Time a job run took, by queue and job name',
    labelNames: ['queue', 'job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  for (const worker of workers) {
    worker.on('completed', (job) => {
      runs.inc({ queue: worker.name, job: job.name, outcome: 'completed' });
      if (job.processedOn && job.finishedOn) duration.observe({ queue: worker.name, job: job.name }, (job.finishedOn - job.processedOn) / 1000);
    });
    worker.on('failed', (job) => {
      runs.inc({ queue: worker.name, job: job?.name ?? 'unknown', outcome: 'failed' });
      if (job?.processedOn && job.finishedOn) duration.observe({ queue: worker.name, job: job.name }, (job.finishedOn - job.processedOn) / 1000);
    });
  }
}

/**
 * The workers' operations port (WORKERS_METRICS_PORT, METRICS_HOST): /health (the process answers), /ready
 * (PostgreSQL and Redis answer; 503 naming the one that does not) and /metrics.
 */
export async function startWorkersOpsServer(
  config: WorkersConfig,
  runtime: WorkersRuntime,
  workers: Worker[],
  logger: Logger,
): Promise<RunningOpsServer> {
  const registry = withProcessMetrics(workersMetrics(runtime));
  jobRunMetrics(registry, workers);
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const ops = await startOpsServer({
    ...config.metrics,
    metrics: registryMetrics(registry),
    routes: {
      '/health': (_req, res) => json(res, 200, { status: 'ok', service: 'workers' }),
      '/ready': async (_req, res) => {
        const report = await readinessReport({
          database: async () => {
            await runtime.dataSource.query('SELECT 1');
          },
          redis: () => runtime.jobs.ping(),
        });
        json(res, report.ready ? 200 : 503, { service: 'workers', ...report });
      },
    },
  });
  logger.info({ url: ops.url }, 'health, readiness and metrics listening');
  return ops;
}
