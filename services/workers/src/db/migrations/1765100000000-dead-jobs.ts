import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs of the dead-letter queues (`DEAD_LETTER_QUEUES` of @metropotes/jobs: the jobs born of a change) that failed all
 * their attempts: kept here with their payload, counted for staff, and run again later and later until they succeed
 * (`src/jobs/dead-letters.ts`). PostgreSQL holds them, not Redis: a flushed Redis loses no dead job. Times are the real
 * time (back-offs, like BullMQ's own timestamps), not the platform's clock.
 */
export class DeadJobs1765100000000 implements MigrationInterface {
  name = 'DeadJobs1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workers.dead_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        job_name text NOT NULL,
        -- The job's id when it first died; its re-drives are '<job_id>-redrive-<n>' (BullMQ keeps one job per id).
        job_id text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('DEAD', 'RETRYING', 'RECOVERED')),
        failures integer NOT NULL DEFAULT 1 CHECK (failures >= 1),
        redrives integer NOT NULL DEFAULT 0 CHECK (redrives >= 0),
        -- RETRYING: the id of the re-driven job in the queue.
        current_job_id text,
        -- The failed run last recorded ('<job id>@<finished at>'): a failed job recorded twice counts once.
        last_failure text NOT NULL,
        last_error text,
        first_failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        next_attempt_at timestamptz,
        recovered_at timestamptz,
        CONSTRAINT dead_jobs_due CHECK ((state = 'DEAD') = (next_attempt_at IS NOT NULL)),
        CONSTRAINT dead_jobs_retrying CHECK ((state = 'RETRYING') = (current_job_id IS NOT NULL)),
        CONSTRAINT dead_jobs_recovered CHECK ((state = 'RECOVERED') = (recovered_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX dead_jobs_due_idx ON workers.dead_jobs (next_attempt_at) WHERE state = 'DEAD'`);
    await q.query(`CREATE INDEX dead_jobs_open_idx ON workers.dead_jobs (first_failed_at, id) WHERE state <> 'RECOVERED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workers.dead_jobs`);
  }
}
