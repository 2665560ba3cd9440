import { rowsOf } from '@metropotes/database';
import type { JobName, QueueName } from '@metropotes/jobs';
import type { DataSource, EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** A job the queue holds as failed after its last attempt, to keep. */
export interface FailedJob {
  queue: QueueName;
  name: JobName;
  /** The id the job had when it first died (a re-drive's id without its `-redrive-<n>`). */
  originJobId: string;
  payload: unknown;
  /** '<job id>@<finished at>': which failed run this is (the same run recorded twice counts once). */
  failure: string;
  error: string | null;
}

export interface DueDeadJob {
  id: string;
  jobName: JobName;
  jobId: string;
  payload: unknown;
  redrives: number;
}

export interface RetryingDeadJob {
  id: string;
  queue: QueueName;
  currentJobId: string;
}

export interface DeadJobRow {
  id: string;
  jobName: JobName;
  state: 'DEAD' | 'RETRYING';
  payload: unknown;
  failures: number;
  redrives: number;
  lastError: string | null;
  firstFailedAt: Date;
  lastFailedAt: Date;
  nextAttemptAt: Date | null;
}

/** The re-drive back-off: `baseMs` after the first death, doubling with each failed re-drive, at most `maxMs`. */
export interface RedriveDelay {
  baseMs: number;
  maxMs: number;
}

/**
 * workers.dead_jobs: the jobs of the dead-letter queues that failed all their attempts (`DEAD` until their next
 * attempt, `RETRYING` while a re-drive is in the queue, `RECOVERED` once one has run). Times are the database's real
 * time (back-offs), never the platform's clock.
 */
export class DeadJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Keeps failed jobs dead, one row per origin job id: a new one is DEAD, due `baseMs` later; a known one (a re-drive
   * that failed) is DEAD again, due later the more it was re-driven. The same failed run recorded twice (two workers
   * processes, a crash before its job was removed from the queue) changes nothing the second time. One statement.
   */
  async record(jobs: readonly FailedJob[], delay: RedriveDelay): Promise<number> {
    // One row per origin in a statement (ON CONFLICT cannot touch a row twice): the last failure of each wins.
    const byOrigin = new Map(jobs.map((job) => [job.originJobId, job]));
    if (!byOrigin.size) return 0;
    const list = [...byOrigin.values()];
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `INSERT INTO workers.dead_jobs AS d (queue, job_name, job_id, payload, state, last_failure, last_error, next_attempt_at)
         SELECT f.queue, f.job_name, f.job_id, f.payload, 'DEAD', f.failure, f.error, clock_timestamp() + make_interval(secs => $7::double precision / 1000)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[]) AS f(queue, job_name, job_id, payload, failure, error)
         ON CONFLICT (job_id) DO UPDATE SET
           state = 'DEAD', current_job_id = NULL, recovered_at = NULL,
           failures = d.failures + 1, last_failure = EXCLUDED.last_failure, last_error = EXCLUDED.last_error, last_failed_at = clock_timestamp(),
           next_attempt_at = clock_timestamp() + make_interval(secs => least($8::double precision, $7::double precision * power(2, d.redrives)) / 1000)
         WHERE d.last_failure IS DISTINCT FROM EXCLUDED.last_failure
         RETURNING d.id`,
        [
          list.map((j) => j.queue),
          list.map((j) => j.name),
          list.map((j) => j.originJobId),
          list.map((j) => JSON.stringify(j.payload ?? {})),
          list.map((j) => j.failure),
          list.map((j) => j.error),
          delay.baseMs,
          delay.maxMs,
        ],
      ),
    );
    return rows.length;
  }

  /**
   * Runs `work` in a transaction holding the dead jobs due now (at most `limit`, the longest due first; `SKIP LOCKED`:
   * two processes never re-drive one row together).
   */
  async withDue<T>(limit: number, work: (manager: Queryable, due: DueDeadJob[]) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const due: DueDeadJob[] = await manager.query(
        `SELECT id, job_name AS "jobName", job_id AS "jobId", payload, redrives FROM workers.dead_jobs
         WHERE state = 'DEAD' AND next_attempt_at <= clock_timestamp()
         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return work(manager, due);
    });
  }

  /** These rows' jobs are in the queue again, under `currentJobId` (their re-drive, counted). */
  async markRetrying(manager: Queryable, rows: readonly { id: string; currentJobId: string }[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `UPDATE workers.dead_jobs d SET state = 'RETRYING', redrives = d.redrives + 1, current_job_id = r.current_job_id, next_attempt_at = NULL
       FROM unnest($1::uuid[], $2::text[]) AS r(id, current_job_id) WHERE d.id = r.id AND d.state = 'DEAD'`,
      [rows.map((r) => r.id), rows.map((r) => r.currentJobId)],
    );
  }

  /** The rows whose re-drive is in the queue (at most `limit`). */
  retrying(limit: number): Promise<RetryingDeadJob[]> {
    return this.dataSource.query(
      `SELECT id, queue, current_job_id AS "currentJobId" FROM workers.dead_jobs WHERE state = 'RETRYING' ORDER BY id LIMIT $1`,
      [limit],
    );
  }

  /** Their re-drive ran: recovered (only while it is still that re-drive). */
  async markRecovered(rows: readonly { id: string; currentJobId: string }[]): Promise<number> {
    return this.settle(rows, `state = 'RECOVERED', current_job_id = NULL, recovered_at = clock_timestamp()`);
  }

  /** Their re-drive is no longer in the queue (Redis lost it): DEAD again, due now. */
  async markLost(rows: readonly { id: string; currentJobId: string }[]): Promise<number> {
    return this.settle(rows, `state = 'DEAD', current_job_id = NULL, next_attempt_at = clock_timestamp()`);
  }

  private async settle(rows: readonly { id: string; currentJobId: string }[], set: string): Promise<number> {
    if (!rows.length) return 0;
    const changed = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE workers.dead_jobs d SET ${set}
         FROM unnest($1::uuid[], $2::text[]) AS r(id, current_job_id)
         WHERE d.id = r.id AND d.state = 'RETRYING' AND d.current_job_id = r.current_job_id RETURNING d.id`,
        [rows.map((r) => r.id), rows.map((r) => r.currentJobId)],
      ),
    );
    return changed.length;
  }

  /** The dead jobs not recovered (DEAD or RETRYING): how many, and the `first` that died first. */
  async open(first: number): Promise<{ count: number; jobs: DeadJobRow[] }> {
    const [counted, jobs] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS n FROM workers.dead_jobs WHERE state <> 'RECOVERED'`) as Promise<{ n: number }[]>,
      this.dataSource.query(
        `SELECT id, job_name AS "jobName", state, payload, failures, redrives, last_error AS "lastError", first_failed_at AS "firstFailedAt",
                last_failed_at AS "lastFailedAt", next_attempt_at AS "nextAttemptAt"
         FROM workers.dead_jobs WHERE state <> 'RECOVERED' ORDER BY first_failed_at, id LIMIT $1`,
        [first],
      ) as Promise<DeadJobRow[]>,
    ]);
    return { count: counted[0]!.n, jobs };
  }

  /** Every DEAD job due now (staff asked to try them again at once). */
  async dueNow(): Promise<number> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(`UPDATE workers.dead_jobs SET next_attempt_at = clock_timestamp() WHERE state = 'DEAD' RETURNING id`),
    );
    return rows.length;
  }

  /** Deletes the rows recovered more than `days` ago. */
  async purgeRecovered(days: number): Promise<number> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `DELETE FROM workers.dead_jobs WHERE state = 'RECOVERED' AND recovered_at < now() - make_interval(days => $1) RETURNING id`,
        [days],
      ),
    );
    return rows.length;
  }
}
