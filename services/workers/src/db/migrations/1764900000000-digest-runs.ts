import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest runs and how far each got (the cursor of its next batch): Redis holds the batch jobs, this table holds
 * the truth, so a run whose next batch job was lost (Redis flushed mid-run) is taken up again by the reconcile loop.
 */
export class DigestRuns1764900000000 implements MigrationInterface {
  name = 'DigestRuns1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workers.digest_runs (
        period text NOT NULL,
        run_at timestamptz NOT NULL,
        next_after uuid,
        batches integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (period, run_at)
      )`);
    await q.query(`CREATE INDEX digest_runs_unfinished_idx ON workers.digest_runs (started_at) WHERE finished_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workers.digest_runs`);
  }
}
