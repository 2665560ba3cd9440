import { withTimeout, type Logger } from '@metropotes/config';
import { DEAD_LETTER_QUEUES, type JobName, type JobPayloads, type JobQueues } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';
import { DeadJobRepository, type FailedJob, type RedriveDelay } from './dead-job.repository';

/** Failed jobs taken from each queue per scan, and dead jobs re-driven or checked per scan. */
const BATCH = 100;
/** Recovered rows are kept this long (what recovered, and when), then deleted. */
const RECOVERED_RETENTION_DAYS = 30;

const REDRIVE_SUFFIX = /-redrive-\d+$/;

/**
 * The id of a dead job's `n`-th re-drive: a fresh id, or BullMQ would drop it as a duplicate of the failed job (it
 * keeps one job per id), and the same for the same re-drive, so re-driving twice (two processes, a crash before the
 * row is marked) enqueues once. The suffix keeps an id BullMQ accepted acceptable (`jobIdProblem`: no ':' added, never
 * an integer).
 */
export function redriveJobId(originJobId: string, n: number): string {
  return `${originJobId}-redrive-${n}`;
}

/** The id a job had when it first died: a re-drive's id without its suffix. */
export const originJobId = (jobId: string): string => jobId.replace(REDRIVE_SUFFIX, '');

/**
 * Why a dead job's last run failed, in French for staff, without the error's own words: they may hold what a service
 * answered about someone (the workers' logs keep them). The system gateway's errors (`GatewayCallError`) are told
 * by their kind and GraphQL codes.
 */
export function describeFailure(error: string | null): string {
  const text = error ?? '';
  if (/^gateway unreachable/.test(text)) {
    return /timeout|aborted/i.test(text) ? "La passerelle n'a pas répondu à temps." : 'La passerelle était injoignable pour les workers.';
  }
  const answered = /^gateway answered HTTP (\d+)(?: with errors: (.*))?/s.exec(text);
  if (answered) {
    const codes = [
      ...new Set(
        (answered[2] ?? '')
          .split('; ')
          .map((part) => /^([A-Z][A-Z0-9_]*):/.exec(part)?.[1])
          .filter((c): c is string => !!c),
      ),
    ];
    return codes.length
      ? `La passerelle a répondu par une erreur (${codes.join(', ')}).`
      : `La passerelle a répondu par une erreur (HTTP ${answered[1]}).`;
  }
  if (/stalled/i.test(text)) return 'Le traitement a été interrompu (workers arrêtés pendant la tâche).';
  return 'Le traitement a échoué (le détail est dans les journaux des workers).';
}

export interface DeadLetterDeps {
  dataSource: DataSource;
  jobs: JobQueues;
  logger: Logger;
}

export interface DeadLetterSettings {
  /** How often the loop runs (DEAD_JOB_SCAN_MS). */
  scanMs: number;
  /** DEAD_JOB_REDRIVE_DELAY_MS, DEAD_JOB_REDRIVE_MAX_DELAY_MS. */
  redriveDelayMs: number;
  redriveMaxDelayMs: number;
}

export interface DeadLetterScan {
  /** Failed jobs kept (new dead jobs, or re-drives that failed again). */
  kept: number;
  /** Dead jobs put back in the queue. */
  redriven: number;
  /** Re-drives that ran: their dead jobs are recovered. */
  recovered: number;
  /** Re-drives the queue no longer holds (Redis lost them): due again at once. */
  lost: number;
}

/**
 * Keeps the jobs of the dead-letter queues (`DEAD_LETTER_QUEUES`: the jobs born of a change) that fail all their
 * attempts, and runs them again later and later until the service they need is back. Each scan:
 * 1. takes the queue's failed jobs (BullMQ holds a job there once its last attempt failed) into workers.dead_jobs,
 *    with their payload and error, due `redriveDelayMs` later, then removes them from the queue: from then on
 *    PostgreSQL holds them, not Redis;
 * 2. checks the re-drives in the queue: one that ran recovers its dead job; one the queue lost is due again;
 * 3. puts the due dead jobs back in the queue, under a fresh job id (`redriveJobId`), one attempt each: when it fails,
 *    step 1 keeps it dead again, due twice as long later (at most `redriveMaxDelayMs`).
 * Nothing here decides that a job has run twice: the handlers of these jobs are idempotent (a decision applied once
 * per decision, an erasure that finds nothing more to erase, one e-mail per dedupe key), so a re-drive of a job whose
 * work was partly done finishes it, and one of a job done meanwhile changes nothing.
 */
export class DeadLetterLoop {
  readonly repository: DeadJobRepository;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DeadLetterScan | null> | null = null;
  private again = false;
  private lastPurge = 0;

  constructor(
    private readonly deps: DeadLetterDeps,
    private readonly settings: DeadLetterSettings,
  ) {
    this.repository = new DeadJobRepository(deps.dataSource);
  }

  private get delay(): RedriveDelay {
    return { baseMs: this.settings.redriveDelayMs, maxMs: this.settings.redriveMaxDelayMs };
  }

  /** One scan (see the class). Throws when PostgreSQL or Redis fails (the next scan tries again). */
  async scan(): Promise<DeadLetterScan> {
    const kept = await this.keepFailed();
    const { recovered, lost } = await this.checkRetrying();
    const redriven = await this.redriveDue();
    if (Date.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = Date.now();
      await this.repository.purgeRecovered(RECOVERED_RETENTION_DAYS);
    }
    return { kept, redriven, recovered, lost };
  }

  private async keepFailed(): Promise<number> {
    let kept = 0;
    for (const name of DEAD_LETTER_QUEUES) {
      const queue = this.deps.jobs.queue(name);
      const failed = (await queue.getFailed(0, BATCH - 1)).filter((job) => job?.id);
      if (!failed.length) continue;
      const jobs: FailedJob[] = failed.map((job) => ({
        queue: name,
        name: job.name as JobName,
        originJobId: originJobId(job.id!),
        payload: job.data,
        failure: `${job.id}@${job.finishedOn ?? job.processedOn ?? job.timestamp}`,
        error: job.failedReason ? job.failedReason.slice(0, 1000) : null,
      }));
      kept += await this.repository.record(jobs, this.delay);
      // Kept in PostgreSQL first; only then out of Redis (a crash in between records the same run again: no change).
      await Promise.all(failed.map((job) => job.remove().catch(() => undefined)));
      this.deps.logger.warn(
        { queue: name, jobs: jobs.slice(0, 10).map((j) => ({ job: j.name, jobId: j.originJobId })), count: jobs.length },
        'jobs failed all their attempts: kept dead, to be run again later',
      );
    }
    return kept;
  }

  private async checkRetrying(): Promise<{ recovered: number; lost: number }> {
    const rows = await this.repository.retrying(BATCH * 5);
    if (!rows.length) return { recovered: 0, lost: 0 };
    const states = await Promise.all(rows.map((row) => this.deps.jobs.queue(row.queue).getJobState(row.currentJobId)));
    const done = rows.filter((_, i) => states[i] === 'completed');
    // 'failed': kept again by the next scan's first step. 'unknown': Redis no longer holds it.
    const gone = rows.filter((_, i) => states[i] === 'unknown');
    const recovered = await this.repository.markRecovered(done);
    const lost = await this.repository.markLost(gone);
    if (recovered) this.deps.logger.info({ recovered }, 'dead jobs ran again and succeeded');
    if (lost) this.deps.logger.warn({ lost }, 're-driven jobs no longer in the queue: due again');
    return { recovered, lost };
  }

  private redriveDue(): Promise<number> {
    return this.repository.withDue(BATCH, async (manager, due) => {
      const byName = new Map<JobName, typeof due>();
      for (const row of due) byName.set(row.jobName, [...(byName.get(row.jobName) ?? []), row]);
      let redriven = 0;
      for (const [name, rows] of byName) {
        const jobs = rows.map((row) => ({ row, jobId: redriveJobId(row.jobId, row.redrives + 1) }));
        // One attempt per re-drive: the back-off between re-drives is the dead job's, growing.
        await withTimeout(
          this.deps.jobs.enqueueBulk(
            name,
            jobs.map(({ row, jobId }) => ({ payload: row.payload as JobPayloads[typeof name], options: { jobId, attempts: 1 } })),
          ),
          5_000,
          'no answer from the job queue within 5 s',
        );
        await this.repository.markRetrying(
          manager,
          jobs.map(({ row, jobId }) => ({ id: row.id, currentJobId: jobId })),
        );
        redriven += jobs.length;
      }
      if (redriven) this.deps.logger.info({ redriven }, 'dead jobs put back in the queue');
      return redriven;
    });
  }

  /** Scans now unless a scan is under way (then once more after it). Never throws: a failed scan is logged. */
  nudge(): Promise<DeadLetterScan | null> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async (): Promise<DeadLetterScan | null> => {
      for (;;) {
        this.again = false;
        const result = await this.scan().catch((error: unknown) => {
          this.deps.logger.error({ err: (error as Error).message }, 'dead jobs: scan failed, the next one tries again');
          return null;
        });
        if (!this.again) return result;
      }
    })().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  /** Scans every `scanMs` (and at once) until `stop()`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.nudge(), this.settings.scanMs);
    this.timer.unref();
    void this.nudge();
  }

  /** Stops the scans and waits for one under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }
}
